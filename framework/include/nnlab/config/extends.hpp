#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// Merges `overlay` into `base` key by key: maps merge recursively, anything else (scalars,
/// lists, null) replaces. `path` is base's key path in the experiment ("" for the top level,
/// "optimizer" for a block). Four rules:
/// - a plugin block whose overlay names another plugin first drops the base's keys of the old
///   plugin, keeping the core's keys (core_keys(), e.g. optimizer.learning_rate);
/// - likewise a block whose overlay has another `kind` (model.init, training.lr_schedule, an
///   activation) first drops every key of the old kind;
/// - `sweep` merges key by key, but each sweep key's value is replaced whole;
/// - at the top level `seeds` and `repeats` are one setting: the overlay's replaces the base's.
/// Every value keeps the location it was written at.
NNLAB_EXPORT void merge_into(ConfigNode& base, const ConfigNode& overlay,
                             const std::string& path = {});

/// Resolves `extends: path/to/base.yaml` (relative to `file`'s folder): the base (which may
/// extend another) merged with merge_into under `root`, without the `extends` key. Relative
/// paths in a base from another folder that name an existing file are rewritten relative to
/// `file`'s folder. Appends every base file read to `sources`. A cycle or an unreadable base
/// throws ConfigError at the `extends` value ("a.yaml:1:10: extends: cycle a.yaml -> b.yaml
/// -> a.yaml").
NNLAB_EXPORT ConfigNode resolve_extends(const ConfigNode& root, const std::filesystem::path& file,
                                        std::vector<std::filesystem::path>& sources);

} // namespace nnlab
