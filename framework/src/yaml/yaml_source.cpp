#include "nnlab/yaml/yaml_source.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

SourceLocation location_of(const YAML::Mark& mark, const std::string& source) {
  // yaml-cpp marks are 0-based; a null mark (-1) means "unknown".
  if (mark.line < 0) return {source, 0, 0};
  return {source, mark.line + 1, mark.column + 1};
}

ConfigNode convert(const YAML::Node& node, const std::string& source) {
  const SourceLocation at = location_of(node.Mark(), source);
  switch (node.Type()) {
  case YAML::NodeType::Undefined:
  case YAML::NodeType::Null: return ConfigNode::null(at);
  case YAML::NodeType::Scalar: return ConfigNode::scalar(node.Scalar(), at);
  case YAML::NodeType::Sequence: {
    ConfigNode list = ConfigNode::sequence(at);
    for (const auto& item : node)
      list.append(convert(item, source));
    return list;
  }
  case YAML::NodeType::Map: {
    ConfigNode map = ConfigNode::map(at);
    for (const auto& pair : node) {
      const SourceLocation key_at = location_of(pair.first.Mark(), source);
      if (!pair.first.IsScalar())
        throw ConfigError(key_at.str() + ": expected a plain key (a name), got a " +
                          (pair.first.IsMap() ? "map" : "list"));
      const std::string key = pair.first.Scalar();
      if (const auto* first = map.find_entry(key))
        throw ConfigError(key_at.str() + ": " + key + ": duplicate key (first given at line " +
                          std::to_string(first->key_at.line) + ")");
      map.set(key, convert(pair.second, source), key_at);
    }
    return map;
  }
  }
  return ConfigNode::null(at);
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

// yaml-cpp's wording names its parser's state; say which bracket is missing.
std::string explain(const std::string& msg) {
  if (msg == "end of map flow not found") return msg + " (expected '}' closing a '{' map)";
  if (msg == "end of sequence flow not found") return msg + " (expected ']' closing a '[' list)";
  if (msg == "illegal map value") return msg + " (a ': ' where a value was expected; quote it?)";
  return msg;
}

} // namespace

ConfigNode parse_yaml(std::string_view text, const std::string& source_name) {
  refuse_binary(text, source_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw ConfigError(location_of(e.mark, source_name).str() +
                      ": YAML syntax error: " + explain(e.msg));
  }
  return convert(root, source_name);
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
