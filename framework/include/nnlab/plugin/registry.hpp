#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/core/location.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/plugin_block.hpp"
#include "nnlab/plugin/plugin_config.hpp"
#include "nnlab/plugin/plugin_info.hpp"
#include "nnlab/plugin/plugin_library.hpp"

namespace nnlab {

class Dataset;
class Loss;
class Optimizer;

/// Finds plugins by kind and name on a search path and builds them. It scans folders for
/// nnlab_<kind>_<name> libraries at construction and loads a library only when it is
/// first used. Objects it creates keep their library loaded, so they may outlive it.
/// Not thread-safe: build plugins from one thread (the engine does so before runs start).
class NNLAB_EXPORT Registry {
public:
  /// Scans `folders` in order (missing folders are skipped). The same plugin found in two
  /// different files is an error naming both.
  explicit Registry(std::vector<std::filesystem::path> folders);
  ~Registry();

  /// The search path: each `extra` folder (--plugin-path), then NNLAB_PLUGIN_PATH's
  /// folders (':'-separated), then the plugin folder of this build or install.
  static std::vector<std::filesystem::path>
  search_path(const std::vector<std::filesystem::path>& extra);
  /// The plugin folder of this build or install: nnlab/plugins beside libnnlab
  /// (<build>/lib/nnlab/plugins, <prefix>/lib/nnlab/plugins).
  static std::filesystem::path default_folder();

  const std::vector<std::filesystem::path>& folders() const { return folders_; }
  /// Names of every plugin of `kind` found, sorted.
  std::vector<std::string> names(PluginKind kind) const;
  /// The library file of a plugin, or empty when there is none.
  std::filesystem::path file_of(PluginKind kind, std::string_view name) const;

  /// Loads the plugin's library (once) and describes it. An unknown name throws
  /// ConfigError at `at`: "unknown optimizer 'x'; did you mean 'y'? known: a, b".
  const PluginDescription& describe(PluginKind kind, std::string_view name,
                                    const SourceLocation& at = {}, std::string_view path = {});

  /// The block as the plugin reads it: checked against the plugin's parameters
  /// (PluginConfig::validate), its relative paths resolving in the block's folder.
  PluginConfig config(PluginKind kind, const PluginBlock& block);

  /// Checks the block against the plugin's parameters, then builds the plugin.
  std::shared_ptr<Optimizer> create_optimizer(const PluginBlock& block);
  std::shared_ptr<Loss> create_loss(const PluginBlock& block);
  std::shared_ptr<Dataset> create_dataset(const PluginBlock& block);

private:
  std::shared_ptr<Plugin> create(PluginKind kind, const PluginBlock& block);
  const std::shared_ptr<PluginLibrary>& library(PluginKind kind, std::string_view name,
                                                const SourceLocation& at, std::string_view path);

  std::vector<std::filesystem::path> folders_;
  std::map<std::pair<PluginKind, std::string>, std::filesystem::path> files_;
  std::map<std::pair<PluginKind, std::string>, std::shared_ptr<PluginLibrary>> loaded_;
};

} // namespace nnlab
