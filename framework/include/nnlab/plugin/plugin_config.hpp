#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plugin/param_spec.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// A read-only view of one plugin's YAML block (its own keys only), checked against the
/// plugin's declared parameters. `get` returns the value written, or the declared
/// default; every failure throws ConfigError with file:line:col and the key path.
class NNLAB_EXPORT PluginConfig {
public:
  /// Where the block sits, for error texts and relative paths.
  struct Context {
    std::string path = "plugin";        ///< the block's key path, e.g. "optimizer"
    std::string owner;                  ///< e.g. "optimizer 'momentum'"
    std::filesystem::path base_dir;     ///< relative paths resolve here
    std::vector<std::string> core_keys; ///< keys of the block the core reads (listed as known)
  };

  PluginConfig(ConfigNode block, ParamList params, Context context);

  /// T is one of double, std::int64_t, bool, std::string, std::filesystem::path,
  /// std::vector<double>, std::vector<std::string>.
  template <class T> T get(std::string_view key) const;

  /// True when the block gives `key` or the parameter has a default.
  bool has(std::string_view key) const;
  /// True when the block itself writes `key` (a declared default does not count), for
  /// parameters that only apply together with others.
  bool given(std::string_view key) const;

  /// A file the plugin reads: a `path` parameter that the block gives or that has a default.
  struct File {
    std::string key;            ///< the parameter, e.g. "train"
    std::string written;        ///< the path as the experiment wrote it
    std::filesystem::path path; ///< where it is: as get<std::filesystem::path>(key) resolves it
    SourceLocation at;          ///< where it was written
  };
  /// Every `path` parameter given or defaulted, in declaration order: the files the core
  /// hashes and records with each run (a changed file makes the run stale).
  std::vector<File> files() const;

  /// Throws ConfigError at `key`'s value: "file:line:col: path.key: expected <expected>, got
  /// <value>". For the checks a declaration cannot state: those that relate two parameters
  /// (`margin` below `extent`), a list's length.
  [[noreturn]] void fail(std::string_view key, std::string_view expected) const;

  /// Checks the block: no unknown keys (with "did you mean"), required keys present,
  /// every value of its declared type and within its declared range or choices
  /// ("optimizer.momentum: expected a number in [0, 1), got '1.5'"). The registry calls it
  /// before the factory, so the plugin reads only values it declared valid.
  void validate() const;

  const std::string& path() const { return context_.path; }
  const SourceLocation& location() const { return block_.location(); }
  const ParamList& params() const { return params_; }

private:
  const ParamSpec& spec(std::string_view key) const;
  ConfigNode value_or_default(const ParamSpec& spec) const;
  std::string key_path(std::string_view key) const;

  ConfigNode block_;
  ParamList params_;
  Context context_;
};

// The supported types; each is defined in plugin_config.cpp.
template <> double PluginConfig::get<double>(std::string_view) const;
template <> std::int64_t PluginConfig::get<std::int64_t>(std::string_view) const;
template <> bool PluginConfig::get<bool>(std::string_view) const;
template <> std::string PluginConfig::get<std::string>(std::string_view) const;
template <> std::filesystem::path PluginConfig::get<std::filesystem::path>(std::string_view) const;
template <> std::vector<double> PluginConfig::get<std::vector<double>>(std::string_view) const;
template <>
std::vector<std::string> PluginConfig::get<std::vector<std::string>>(std::string_view) const;

} // namespace nnlab
