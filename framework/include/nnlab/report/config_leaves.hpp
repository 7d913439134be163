#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// A run's resolved config as its key paths and their values, as grouping reads it: every
/// leaf ("optimizer.learning_rate"; a list such as model.layers, or an empty map, is one
/// leaf) and every block ("optimizer") with its value as ConfigNode::flow() writes it, in
/// written order. It takes a few hundred bytes where the parsed tree takes kilobytes, so
/// that the overview of a store of 100,000 runs fits in memory.
class NNLAB_EXPORT ConfigLeaves {
public:
  ConfigLeaves() = default;
  explicit ConfigLeaves(const ConfigNode& config);

  /// The leaf key paths, in written order.
  std::vector<std::string> keys() const;
  /// The value of a leaf or a block as flow() writes it; nothing when the config has no
  /// such key path.
  std::optional<std::string> value(std::string_view key) const;

private:
  void add(const ConfigNode& node, const std::string& path);
  /// Per key path: a kind mark ('L' leaf, 'B' block), the path, '\x1f', the value, '\x1e'.
  std::string text_;
};

} // namespace nnlab
