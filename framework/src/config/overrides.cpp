#include "nnlab/config/overrides.hpp"

#include <algorithm>

#include "nnlab/config/extends.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

ConfigNode relocated(const ConfigNode& node, const SourceLocation& at) {
  switch (node.kind()) {
  case ConfigNode::Kind::null: return ConfigNode::null(at);
  case ConfigNode::Kind::scalar: return ConfigNode::scalar(node.text(), at);
  case ConfigNode::Kind::sequence: {
    ConfigNode list = ConfigNode::sequence(at);
    for (const auto& item : node.items())
      list.append(relocated(item, at));
    return list;
  }
  case ConfigNode::Kind::map: {
    ConfigNode map = ConfigNode::map(at);
    for (const auto& entry : node.entries())
      map.set(entry.key, relocated(entry.value, at), at);
    return map;
  }
  }
  return ConfigNode::null(at);
}

[[noreturn]] void bad_syntax(const std::string& text, const std::string& why) {
  throw ConfigError(command_line_location().str() + ": '" + text + "': " + why);
}

// "optimizer.learning_rate" -> {optimizer, learning_rate}; "sweep.a.b" -> {sweep, a.b}.
std::vector<std::string> key_path(const std::string& text, const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); }))
    bad_syntax(text, "expected key.path=value");
  if (parts.size() > 2 && parts[0] == "sweep") {
    const std::string rest = key.substr(parts[0].size() + 1);
    parts = {"sweep", rest};
  }
  return parts;
}

ConfigNode parse_value(const std::string& text, const std::string& value) {
  try {
    return relocated(parse_yaml(value, "value"), command_line_location());
  } catch (const ConfigError& e) {
    // parse_yaml names the place in the value ("value:1:5: "); the override is the place.
    const std::string message = e.what();
    const std::size_t what = message.find("YAML syntax error");
    bad_syntax(text, what == std::string::npos ? message : message.substr(what));
  }
}

} // namespace

SourceLocation command_line_location() {
  return SourceLocation{"command line", 0, 0};
}

void apply_overrides(ConfigNode& root, const std::vector<std::string>& overrides) {
  const SourceLocation at = command_line_location();
  for (const std::string& text : overrides) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0) bad_syntax(text, "expected key.path=value");
    const std::vector<std::string> path = key_path(text, text.substr(0, equals));
    if (path[0] == "extends") bad_syntax(text, "extends can only be written in an experiment file");
    // {a: {b: value}} merged at the top level sets a.b by the same rules as `extends`.
    ConfigNode overlay = parse_value(text, text.substr(equals + 1));
    for (std::size_t i = path.size(); i-- > 0;) {
      ConfigNode wrapper = ConfigNode::map(at);
      wrapper.set(path[i], std::move(overlay), at);
      overlay = std::move(wrapper);
    }
    merge_into(root, overlay);
  }
}

} // namespace nnlab
