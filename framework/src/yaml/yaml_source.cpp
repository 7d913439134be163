#include "nnlab/yaml/yaml_source.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "nnlab/core/error.hpp"
#include "tree_builder.hpp"

namespace nnlab {

namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& source) {
  // yaml-cpp marks are 0-based; a null mark (-1) means "unknown".
  if (mark.line < 0) return {source, 0, 0};
  return {source, mark.line + 1, mark.column + 1};
}

void emit(YAML::Emitter& out, const ConfigNode& node) {
  switch (node.kind()) {
  case ConfigNode::Kind::null: out << YAML::Null; break;
  case ConfigNode::Kind::scalar: out << node.text(); break;
  case ConfigNode::Kind::sequence: {
    // Lists of scalars read best on one line: layers: [3, 2, 1]
    bool flat = true;
    for (const auto& item : node.items())
      flat = flat && item.is_scalar();
    if (flat) out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const auto& item : node.items())
      emit(out, item);
    out << YAML::EndSeq;
    break;
  }
  case ConfigNode::Kind::map:
    out << YAML::BeginMap;
    for (const auto& entry : node.entries()) {
      out << YAML::Key << entry.key << YAML::Value;
      emit(out, entry.value);
    }
    out << YAML::EndMap;
    break;
  }
}

// A binary file (a store, an image) given as YAML: yaml-cpp would quote its bytes in the
// error. Control characters other than tab, CR and LF never occur in YAML text.
void refuse_binary(std::string_view text, const std::string& source) {
  int line = 1;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') ++line;
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02x", byte);
      throw ConfigError(source + ":" + std::to_string(line) + ": expected YAML text, got binary " +
                        "data (byte " + code + "); is this an experiment file?");
    }
  }
}

// yaml-cpp's wording names its parser's state; say which bracket is missing, which alias
// has no anchor.
std::string explain(const std::string& msg, std::string_view text, const YAML::Mark& mark) {
  if (msg == "the referenced anchor is not defined" && mark.pos >= 0 &&
      static_cast<std::size_t>(mark.pos) < text.size() && text[mark.pos] == '*') {
    const std::string_view rest = text.substr(static_cast<std::size_t>(mark.pos) + 1);
    const std::string name(rest.substr(0, rest.find_first_of(" \t\r\n,]}")));
    return "alias *" + name + " names no anchor written before it (&" + name + ")";
  }
  if (msg == "end of map flow not found") return msg + " (expected '}' closing a '{' map)";
  if (msg == "end of sequence flow not found") return msg + " (expected ']' closing a '[' list)";
  if (msg == "illegal map value") return msg + " (a ': ' where a value was expected; quote it?)";
  return msg;
}

} // namespace

ConfigNode parse_yaml(std::string_view text, const std::string& source_name) {
  refuse_binary(text, source_name);
  // The first document, built with aliases and nesting bounded (tree_builder.hpp).
  std::istringstream in{std::string(text)};
  yaml_detail::TreeBuilder builder(source_name);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    throw ConfigError(location_of(e.mark, source_name).str() +
                      ": YAML syntax error: " + explain(e.msg, text, e.mark));
  }
  return builder.take();
}

std::string read_yaml_text(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw ConfigError(file.string() + ": expected a YAML file, got a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ConfigNode load_yaml_file(const std::filesystem::path& file) {
  return parse_yaml(read_yaml_text(file), file.string());
}

std::string to_yaml(const ConfigNode& node) {
  YAML::Emitter out;
  emit(out, node);
  return std::string(out.c_str()) + "\n";
}

} // namespace nnlab
