#include "nnlab/report/config_diff.hpp"

#include <algorithm>

namespace nnlab {

namespace {

void flatten(const ConfigNode& node, const std::string& path, std::vector<FlatValue>& out) {
  if (node.is_map() && !node.entries().empty()) {
    for (const auto& entry : node.entries())
      flatten(entry.value, path.empty() ? entry.key : path + "." + entry.key, out);
    return;
  }
  out.push_back({path, node.flow(), node.canonical()});
}

const FlatValue* find(const std::vector<FlatValue>& values, const std::string& path) {
  const auto it = std::find_if(values.begin(), values.end(),
                               [&](const FlatValue& value) { return value.path == path; });
  return it == values.end() ? nullptr : &*it;
}

} // namespace

std::vector<FlatValue> flatten_config(const ConfigNode& node) {
  std::vector<FlatValue> out;
  flatten(node, "", out);
  return out;
}

std::vector<std::string> value_differences(const std::vector<FlatValue>& a,
                                           const std::vector<FlatValue>& b) {
  std::vector<std::string> lines;
  for (const auto& value : a) {
    const FlatValue* other = find(b, value.path);
    if (!other)
      lines.push_back(value.path + ": removed (was " + value.text + ")");
    else if (other->canonical != value.canonical)
      lines.push_back(value.path + ": " + value.text + " -> " + other->text);
  }
  for (const auto& value : b)
    if (!find(a, value.path)) lines.push_back(value.path + ": added (" + value.text + ")");
  return lines;
}

} // namespace nnlab
