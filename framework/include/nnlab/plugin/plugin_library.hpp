#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plugin/param_spec.hpp"
#include "nnlab/plugin/plugin_info.hpp"

namespace nnlab {

class Plugin;
class PluginConfig;

/// What the runner knows of a plugin once its library is loaded.
struct PluginDescription {
  PluginKind kind = PluginKind::optimizer;
  std::string name;
  std::string description;
  ParamList params;
  std::filesystem::path file;
};

/// One loaded plugin library (Boost.DLL). Objects it creates hold a reference to it, so
/// the library is unloaded only after the last of them is gone.
class NNLAB_EXPORT PluginLibrary : public std::enable_shared_from_this<PluginLibrary> {
public:
  /// Loads `file`, checks its API version and reads its descriptor. Throws PluginError
  /// naming the file when it cannot be loaded, is not an nnlab plugin (no
  /// `nnlab_plugin_info`), was built for another API version, declares its parameters
  /// wrongly (check_declarations), or its kind and name do not match its file name
  /// nnlab_<kind>_<name>.
  static std::shared_ptr<PluginLibrary> open(const std::filesystem::path& file);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const PluginDescription& description() const;
  /// Builds an object with the plugin's factory (config already validated). Exceptions
  /// other than nnlab::Error become PluginError naming the plugin.
  std::shared_ptr<Plugin> create(const PluginConfig& config) const;

private:
  struct Impl;
  explicit PluginLibrary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The file name stem of a plugin library: nnlab_<kind>_<name>.
NNLAB_EXPORT std::string plugin_file_stem(PluginKind kind, const std::string& name);

} // namespace nnlab
