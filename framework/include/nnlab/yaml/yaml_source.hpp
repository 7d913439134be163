#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// Reads a YAML file into a ConfigNode. Syntax errors, duplicate keys
/// and an unreadable file throw ConfigError naming the file (and line:col).
NNLAB_EXPORT ConfigNode load_yaml_file(const std::filesystem::path& file);

/// The text of a YAML file; a missing or unreadable file or a directory throws ConfigError.
NNLAB_EXPORT std::string read_yaml_text(const std::filesystem::path& file);

/// The same from text; `source_name` stands for the file in locations and errors.
NNLAB_EXPORT ConfigNode parse_yaml(std::string_view text, const std::string& source_name);

/// Block-style YAML of the node, keys in written order (for the store's `config`).
NNLAB_EXPORT std::string to_yaml(const ConfigNode& node);

} // namespace nnlab
