#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"
#include "nnlab/plugin/param_spec.hpp"

namespace nnlab {

class Plugin;
class PluginConfig;

/// Bumped whenever a change to the plugin API breaks plugins built against an older one.
/// The loader refuses a library whose version differs.
/// 2: ParamSpec gained ranges and choices.
inline constexpr int plugin_api_version = 2;

enum class PluginKind { dataset, loss, optimizer };

/// "dataset", "loss", "optimizer".
NNLAB_EXPORT std::string to_string(PluginKind kind);
NNLAB_EXPORT std::optional<PluginKind> plugin_kind_from(std::string_view text);

using PluginFactory = std::unique_ptr<Plugin> (*)(const PluginConfig& config);
using PluginParams = ParamList (*)();

/// What a plugin library exports (through NNLAB_REGISTER_*) under the alias
/// `nnlab_plugin_info`; its API version is exported apart, as `nnlab_plugin_api_version`,
/// so it can be read even when this struct has changed.
struct PluginInfo {
  PluginKind kind;
  const char* name;
  const char* description;
  PluginParams params;
  PluginFactory create;
};

} // namespace nnlab
