#include "distribution.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"

namespace nnlab {

namespace {

[[noreturn]] void bad_bounds(const ConfigNode& args, const std::string& path,
                             const std::string& expected) {
  throw ConfigError(args.location().str() + ": " + path + ": expected " + expected + ", got " +
                    (args.is_sequence() ? args.flow() : args.describe()));
}

} // namespace

Distribution read_distribution(const ConfigNode& value, const std::string& path) {
  Distribution d;
  d.args = &value;
  if (value.is_sequence() && !value.items().empty()) return d; // a plain list is a choice
  if (!value.is_map() || value.entries().size() != 1)
    value.fail(path, "a list of values or a distribution such as {uniform: [low, high]}");
  const ConfigNode::Entry& entry = value.entries().front();
  const std::vector<std::string> kinds{"uniform", "loguniform", "int", "choice"};
  const auto it = std::find(kinds.begin(), kinds.end(), entry.key);
  if (it == kinds.end()) {
    const auto guess = closest_name(entry.key, kinds);
    throw ConfigError(entry.key_at.str() + ": " + path + ": unknown distribution '" + entry.key +
                      "'" + (guess ? "; did you mean '" + *guess + "'?" : ";") +
                      " known: " + join_sorted(kinds));
  }
  d.kind = static_cast<Distribution::Kind>(it - kinds.begin());
  d.args = &entry.value;
  const ConfigNode& args = entry.value;
  const std::string where = path + "." + entry.key;
  if (d.kind == Distribution::Kind::choice) {
    if (!args.is_sequence() || args.items().empty())
      bad_bounds(args, where, "a non-empty list of values");
    return d;
  }
  const bool integer = d.kind == Distribution::Kind::integer;
  const bool log = d.kind == Distribution::Kind::loguniform;
  const std::string expected = integer ? "[low, high], integers with low <= high"
                               : log   ? "[low, high] with 0 < low < high"
                                       : "[low, high] with low < high";
  if (!args.is_sequence() || args.items().size() != 2) bad_bounds(args, where, expected);
  const auto read = [&](const ConfigNode& bound) {
    return integer ? static_cast<double>(bound.as_integer(where)) : bound.as_number(where);
  };
  try {
    d.low = read(args.items()[0]);
    d.high = read(args.items()[1]);
  } catch (const ConfigError&) {
    bad_bounds(args, where, expected);
  }
  const bool ok = integer ? d.low <= d.high && -0x1p53 <= d.low && d.high <= 0x1p53
                          : d.low < d.high && (!log || d.low > 0);
  if (!ok) bad_bounds(args, where, expected);
  return d;
}

std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

double readable(double x, double low, double high) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  const double rounded = std::strtod(text, nullptr);
  return rounded >= low && rounded < high ? rounded : x;
}

} // namespace nnlab
