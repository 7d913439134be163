#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab::test {

/// The repository's root folder.
std::filesystem::path source_dir();

/// One Registry over the build's plugin folder, shared by the tests (plugins load once).
Registry& registry();

/// A plugin block from inline YAML, as an experiment would hold it:
///   block("optimizer", PluginKind::optimizer, "{plugin: momentum, momentum: 0.5}")
/// Relative paths in it resolve against `base_dir` (default: the repository root).
PluginBlock block(const std::string& path, PluginKind kind, std::string_view yaml,
                  const std::filesystem::path& base_dir = source_dir());

/// Builds real plugins through the registry from inline YAML blocks.
std::shared_ptr<Optimizer> make_optimizer(std::string_view yaml);
std::shared_ptr<Loss> make_loss(std::string_view yaml);
std::shared_ptr<Dataset> make_dataset(std::string_view yaml,
                                      const std::filesystem::path& base_dir = source_dir());

} // namespace nnlab::test
