#include "nnlab/report/config_leaves.hpp"

namespace nnlab {

namespace {

constexpr char key_end = '\x1f';
constexpr char entry_end = '\x1e';

} // namespace

ConfigLeaves::ConfigLeaves(const ConfigNode& config) {
  add(config, "");
  text_.shrink_to_fit();
}

void ConfigLeaves::add(const ConfigNode& node, const std::string& path) {
  const bool block = node.is_map() && !node.entries().empty();
  if (!path.empty()) text_ += (block ? 'B' : 'L') + path + key_end + node.flow() + entry_end;
  if (!block) return;
  for (const auto& entry : node.entries())
    add(entry.value, path.empty() ? entry.key : path + "." + entry.key);
}

std::vector<std::string> ConfigLeaves::keys() const {
  std::vector<std::string> keys;
  for (std::size_t start = 0; start < text_.size();) {
    const std::size_t end = text_.find(entry_end, start);
    if (text_[start] == 'L')
      keys.push_back(text_.substr(start + 1, text_.find(key_end, start) - start - 1));
    start = end + 1;
  }
  return keys;
}

std::optional<std::string> ConfigLeaves::value(std::string_view key) const {
  for (std::size_t start = 0; start < text_.size();) {
    const std::size_t end = text_.find(entry_end, start);
    const std::size_t split = text_.find(key_end, start);
    if (std::string_view(text_).substr(start + 1, split - start - 1) == key)
      return text_.substr(split + 1, end - split - 1);
    start = end + 1;
  }
  return std::nullopt;
}

} // namespace nnlab
