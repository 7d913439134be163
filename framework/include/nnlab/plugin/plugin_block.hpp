#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/core/location.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// A plugin block of an experiment, split by the core: the plugin's name (and where it
/// was written) and the keys that belong to the plugin.
struct PluginBlock {
  std::string name;
  SourceLocation name_at;
  ConfigNode params;
  std::string path;                   ///< the block's key path, e.g. "optimizer"
  std::filesystem::path base_dir;     ///< relative paths in the block resolve here
  std::vector<std::string> core_keys; ///< keys of the block the core reads (e.g. plugin)
};

} // namespace nnlab
