#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/plugin/plugin_info.hpp"

namespace nnlab::runner {

/// One file of the project `runner new` writes, relative to the project's folder.
struct SkeletonFile {
  std::filesystem::path name;
  std::string text;
};

/// The project of a new plugin `name` (lower_snake_case) of `kind`: NAME.cpp (a working,
/// documented plugin to edit), CMakeLists.txt (find_package(nnlab) + nnlab_add_plugin, and a
/// check-plugin test), NAME.yaml (an experiment that trains with it) and README.md. The same
/// on every machine: for optimizer my_sgd it is plugins/template/, file for file.
std::vector<SkeletonFile> plugin_skeleton(PluginKind kind, const std::string& name);

/// The plugin source and experiment of each kind, with @NAME@ and @CLASS@ to fill in.
std::string_view skeleton_source(PluginKind kind);
std::string_view skeleton_experiment(PluginKind kind);

/// True for lower_snake_case: a lowercase letter, then lowercase letters and digits, with
/// single '_' between words ("my_sgd2"; not "MySgd", "my__sgd", "my_sgd_", "2sgd").
bool is_lower_snake_case(std::string_view name);

/// "my_sgd2" -> "MySgd2", the plugin's class name.
std::string pascal_case(std::string_view snake);

} // namespace nnlab::runner
