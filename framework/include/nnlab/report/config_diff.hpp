#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// One leaf of a config: its key path ("optimizer.learning_rate"), its text as shown
/// ("0.05", "[3, 2, 1]") and the form values are compared by (ConfigNode::canonical).
struct FlatValue {
  std::string path;
  std::string text;
  std::string canonical;
};

/// The leaves of a config in written order. Maps are walked; scalars, lists and empty maps
/// are leaves (a list reads best whole: model.layers: [3, 2, 1]).
NNLAB_EXPORT std::vector<FlatValue> flatten_config(const ConfigNode& node);

/// One line per difference from `a` to `b`, `a`'s paths in order, then the paths only in
/// `b`: "path: A -> B", "path: removed (was A)", "path: added (B)". Values are equal when
/// their canonical forms are (0.1 and 1e-1 are the same learning rate).
NNLAB_EXPORT std::vector<std::string> value_differences(const std::vector<FlatValue>& a,
                                                        const std::vector<FlatValue>& b);

} // namespace nnlab
