#pragma once

#include <string>

#include "nnlab/yaml/config_node.hpp"

// A random-mode (and tpe) value of a sweep key, read and drawn: private to config/.
namespace nnlab {

// {uniform: [low, high]}, {loguniform: ...}, {int: ...} or a choice (a plain list too).
struct Distribution {
  enum class Kind { uniform, loguniform, integer, choice } kind = Kind::choice;
  double low = 0, high = 0;         // int bounds too: exact up to 2^53
  const ConfigNode* args = nullptr; // the bounds, or the values to choose from
};

// The distribution written at `value` (sweep.<key>); ConfigError naming its place when
// it is not one.
Distribution read_distribution(const ConfigNode& value, const std::string& path);

// The shortest text that reads back as `value`.
std::string number_text(double value);

// A drawn number kept to 4 significant digits, so that run tables, labels and legends stay
// readable and a point can be typed back in; the unrounded value when rounding would leave
// [low, high).
double readable(double x, double low, double high);

} // namespace nnlab
