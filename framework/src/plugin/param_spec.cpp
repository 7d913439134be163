#include "nnlab/plugin/param_spec.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"

namespace nnlab {

std::string describe(ParamType type) {
  switch (type) {
  case ParamType::number: return "a number";
  case ParamType::integer: return "an integer";
  case ParamType::boolean: return "true or false";
  case ParamType::string: return "a string";
  case ParamType::path: return "a file path";
  case ParamType::number_list: return "a list of numbers";
  case ParamType::string_list: return "a list of strings";
  }
  return "?";
}

namespace {

bool numeric(ParamType type) {
  return type == ParamType::number || type == ParamType::integer || type == ParamType::number_list;
}

bool textual(ParamType type) {
  return type == ParamType::string || type == ParamType::string_list;
}

// Whole numbers as integers ("10000000", not "1e+07"), others in the shortest form that
// reads back the same ("0.5", "1e-08").
std::string bound_text(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

[[noreturn]] void refuse(const ParamSpec& spec, const std::string& what) {
  throw PluginError("parameter '" + spec.name + "': " + what);
}

// The default as the value it stands for, checked against the declared range or choices.
void check_default(const ParamSpec& spec) {
  if (spec.presence != ParamSpec::Presence::defaulted || !spec.constrained()) return;
  if (!spec.choices.empty()) {
    if (std::find(spec.choices.begin(), spec.choices.end(), spec.default_text) ==
        spec.choices.end())
      refuse(spec, "default '" + spec.default_text + "' is not " + expected_text(spec));
    return;
  }
  // The builders write numbers with std::to_chars and integers with std::to_string.
  const std::string& text = spec.default_text;
  double number = NAN;
  std::from_chars(text.data(), text.data() + text.size(), number);
  if (!in_range(spec, number))
    refuse(spec, "default " + spec.default_text + " is outside its range " + allowed_text(spec));
}

} // namespace

ParamSpec& ParamSpec::at_least(double bound) {
  lower = ParamBound{bound, true};
  return *this;
}

ParamSpec& ParamSpec::above(double bound) {
  lower = ParamBound{bound, false};
  return *this;
}

ParamSpec& ParamSpec::at_most(double bound) {
  upper = ParamBound{bound, true};
  return *this;
}

ParamSpec& ParamSpec::below(double bound) {
  upper = ParamBound{bound, false};
  return *this;
}

ParamSpec& ParamSpec::one_of(std::vector<std::string> names) {
  choices = std::move(names);
  return *this;
}

std::string allowed_text(const ParamSpec& spec) {
  if (!spec.choices.empty()) return "one of " + join_sorted(spec.choices);
  if (spec.lower && spec.upper)
    return "in " + std::string(spec.lower->inclusive ? "[" : "(") + bound_text(spec.lower->value) +
           ", " + bound_text(spec.upper->value) + (spec.upper->inclusive ? "]" : ")");
  if (spec.lower) return (spec.lower->inclusive ? ">= " : "> ") + bound_text(spec.lower->value);
  if (spec.upper) return (spec.upper->inclusive ? "<= " : "< ") + bound_text(spec.upper->value);
  return {};
}

std::string expected_text(const ParamSpec& spec) {
  if (!spec.choices.empty()) return allowed_text(spec);
  const ParamType item = spec.type == ParamType::number_list   ? ParamType::number
                         : spec.type == ParamType::string_list ? ParamType::string
                                                               : spec.type;
  const std::string allowed = allowed_text(spec);
  return describe(item) + (allowed.empty() ? "" : " " + allowed);
}

bool in_range(const ParamSpec& spec, double value) {
  // Written so that NaN is outside any declared bound.
  if (spec.lower &&
      !(spec.lower->inclusive ? value >= spec.lower->value : value > spec.lower->value))
    return false;
  if (spec.upper &&
      !(spec.upper->inclusive ? value <= spec.upper->value : value < spec.upper->value))
    return false;
  return true;
}

void check_declarations(const ParamList& params) {
  for (auto it = params.begin(); it != params.end(); ++it) {
    const ParamSpec& spec = *it;
    if (std::any_of(params.begin(), it, [&](const ParamSpec& p) { return p.name == spec.name; }))
      refuse(spec, "declared twice");
    if ((spec.lower || spec.upper) && !numeric(spec.type))
      refuse(spec,
             "a range needs a number, an integer or a list of numbers, not " + describe(spec.type));
    if (!spec.choices.empty() && !textual(spec.type))
      refuse(spec, "choices need a string or a list of strings, not " + describe(spec.type));
    if (!spec.choices.empty() && (spec.lower || spec.upper))
      refuse(spec, "declares both a range and choices");
    for (const auto* bound : {&spec.lower, &spec.upper})
      if (*bound && spec.type == ParamType::integer &&
          (*bound)->value != std::floor((*bound)->value))
        refuse(spec,
               "an integer's range needs whole-number bounds, got " + bound_text((*bound)->value));
    if (spec.lower && spec.upper &&
        (spec.lower->value > spec.upper->value ||
         (spec.lower->value == spec.upper->value &&
          !(spec.lower->inclusive && spec.upper->inclusive))))
      refuse(spec, "its range " + allowed_text(spec) + " is empty");
    check_default(spec);
  }
}

namespace param {

namespace {
ParamSpec make(std::string name, ParamType type, ParamSpec::Presence presence,
               std::string default_text, std::string doc) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.presence = presence;
  spec.default_text = std::move(default_text);
  spec.doc = std::move(doc);
  return spec;
}
} // namespace

ParamSpec number(std::string name, double default_value, std::string doc) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, default_value);
  return make(std::move(name), ParamType::number, ParamSpec::Presence::defaulted,
              std::string(buffer, result.ptr), std::move(doc));
}

ParamSpec integer(std::string name, long long default_value, std::string doc) {
  return make(std::move(name), ParamType::integer, ParamSpec::Presence::defaulted,
              std::to_string(default_value), std::move(doc));
}

ParamSpec boolean(std::string name, bool default_value, std::string doc) {
  return make(std::move(name), ParamType::boolean, ParamSpec::Presence::defaulted,
              default_value ? "true" : "false", std::move(doc));
}

ParamSpec string(std::string name, std::string default_value, std::string doc) {
  return make(std::move(name), ParamType::string, ParamSpec::Presence::defaulted,
              std::move(default_value), std::move(doc));
}

ParamSpec required(std::string name, ParamType type, std::string doc) {
  return make(std::move(name), type, ParamSpec::Presence::required, "", std::move(doc));
}

ParamSpec optional(std::string name, ParamType type, std::string doc) {
  return make(std::move(name), type, ParamSpec::Presence::optional, "", std::move(doc));
}

} // namespace param
} // namespace nnlab
