#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

enum class ParamType { number, integer, boolean, string, path, number_list, string_list };

/// "a number", "an integer", "a list of strings", ... (for error texts and `runner list`).
NNLAB_EXPORT std::string describe(ParamType type);

/// One parameter a plugin accepts in its YAML block: the runner checks every key of the
/// block against these before the plugin is built, and `runner list NAME` prints them.
struct ParamSpec {
  enum class Presence { defaulted, required, optional };

  std::string name;
  ParamType type = ParamType::number;
  Presence presence = Presence::defaulted;
  std::string default_text; ///< the default as YAML text, when defaulted
  std::string doc;          ///< one line
};

using ParamList = std::vector<ParamSpec>;

/// Builders that read like a table in the plugin's source:
///   `return {param::number("momentum", 0.9, "mu: fraction of the velocity kept")};`
namespace param {
NNLAB_EXPORT ParamSpec number(std::string name, double default_value, std::string doc);
NNLAB_EXPORT ParamSpec integer(std::string name, long long default_value, std::string doc);
NNLAB_EXPORT ParamSpec boolean(std::string name, bool default_value, std::string doc);
NNLAB_EXPORT ParamSpec string(std::string name, std::string default_value, std::string doc);
/// A parameter the block must give.
NNLAB_EXPORT ParamSpec required(std::string name, ParamType type, std::string doc);
/// A parameter that may be absent, with no default (the plugin asks `has()`).
NNLAB_EXPORT ParamSpec optional(std::string name, ParamType type, std::string doc);
} // namespace param

} // namespace nnlab
