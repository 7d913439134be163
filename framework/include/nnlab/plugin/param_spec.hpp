#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// The type of a parameter's value. `path` is a file the plugin reads (a CSV file, a
/// table of weights): it resolves against the experiment file's folder
/// (PluginConfig::get<std::filesystem::path>), and the core records the file's SHA-256
/// with every run that read it, so that a run of a file changed since is found stale and
/// trained again. Declare every file the plugin reads as a `path`, and only files.
enum class ParamType { number, integer, boolean, string, path, number_list, string_list };

/// "a number", "an integer", "a list of strings", ... (for error texts and `runner list`).
NNLAB_EXPORT std::string describe(ParamType type);

/// One end of a parameter's range: the bound and whether the bound itself is allowed.
struct ParamBound {
  double value = 0.0;
  bool inclusive = true;
};

/// One parameter a plugin accepts in its YAML block: the runner checks every key of the
/// block against these before the plugin is built (type, range, choices), and
/// `runner list NAME` prints them.
///
/// Ranges and choices are declared after the builder, and read as the values allowed:
///   param::number("momentum", 0.9, "mu: ...").at_least(0).below(1)   // [0, 1)
///   param::number("epsilon", 1e-8, "...").above(0)                     // > 0
///   param::integer("n_samples", 600, "...").at_least(2)                // >= 2
///   param::string("label_type", "auto", "...").one_of({"auto", "integer", "string"})
/// A range applies to numbers, integers and each item of a number list; choices to
/// strings and each item of a string list. A value outside is a ConfigError at the value:
/// "file:line:col: optimizer.momentum: expected a number in [0, 1), got '1.5'". Checks
/// that relate two parameters (low < high) stay in the plugin's constructor.
struct NNLAB_EXPORT ParamSpec {
  enum class Presence { defaulted, required, optional };

  std::string name;
  ParamType type = ParamType::number;
  Presence presence = Presence::defaulted;
  std::string default_text; ///< the default as YAML text, when defaulted
  std::string doc;          ///< one line
  std::optional<ParamBound> lower;
  std::optional<ParamBound> upper;
  std::vector<std::string> choices; ///< the values allowed, when not empty

  /// value >= bound, value > bound, value <= bound, value < bound.
  ParamSpec& at_least(double bound);
  ParamSpec& above(double bound);
  ParamSpec& at_most(double bound);
  ParamSpec& below(double bound);
  /// The value must be one of `names`.
  ParamSpec& one_of(std::vector<std::string> names);

  /// True when a range or choices are declared.
  bool constrained() const { return lower || upper || !choices.empty(); }
};

using ParamList = std::vector<ParamSpec>;

/// What the declared range or choices allow, as the error texts and `runner list` say it:
/// "[0, 1)", "> 0", ">= 2", "one of auto, integer, string"; empty when nothing is declared.
NNLAB_EXPORT std::string allowed_text(const ParamSpec& spec);
/// What a value of the parameter (an item, for lists) must be: "a number in [0, 1)",
/// "an integer >= 2", "one of auto, integer, string", "a number".
NNLAB_EXPORT std::string expected_text(const ParamSpec& spec);
/// True when `value` lies in the declared range (always, when none is declared).
NNLAB_EXPORT bool in_range(const ParamSpec& spec, double value);

/// Checks a plugin's declarations: names unique, ranges only on numeric parameters with
/// lower <= upper (whole-number bounds for integers), choices only on strings, every
/// default allowed by its own range or choices. Throws PluginError "parameter 'x': ..."
/// otherwise; the loader calls it on every plugin's params().
NNLAB_EXPORT void check_declarations(const ParamList& params);

/// Builders that read like a table in the plugin's source:
///   `return {param::number("momentum", 0.9, "mu: fraction of the velocity kept").at_least(0)
///                .below(1)};`
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
