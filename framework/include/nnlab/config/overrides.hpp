#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// Where override values say they were written: errors read "command line: key: ...".
NNLAB_EXPORT SourceLocation command_line_location();

/// Applies command-line overrides in the Hydra style to an experiment's top-level map, in
/// order, with merge_into's rules (a block value merges into a block):
///   optimizer.learning_rate=0.1   model.layers=[8,1]   seeds=[1,2]   name=other
///   sweep.optimizer.learning_rate=[0.01,0.1]   (after `sweep.` the rest is one sweep key)
/// The value is YAML (flow style). A missing '=' or an empty key part throws ConfigError
/// "command line: 'foo': expected key.path=value".
NNLAB_EXPORT void apply_overrides(ConfigNode& root, const std::vector<std::string>& overrides);

} // namespace nnlab
