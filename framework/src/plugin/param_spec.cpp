#include "nnlab/plugin/param_spec.hpp"

#include <charconv>

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

namespace param {

namespace {
ParamSpec make(std::string name, ParamType type, ParamSpec::Presence presence,
               std::string default_text, std::string doc) {
  return ParamSpec{std::move(name), type, presence, std::move(default_text), std::move(doc)};
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
