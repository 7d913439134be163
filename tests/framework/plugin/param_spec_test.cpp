#include <catch2/catch.hpp>

#include <limits>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/param_spec.hpp"

using Catch::Matchers::Contains;
using namespace nnlab;

TEST_CASE("ParamSpec: a declared range reads as the values it allows", "[plugin][param]") {
  CHECK(allowed_text(param::number("m", 0.5, "").at_least(0).below(1)) == "in [0, 1)");
  CHECK(allowed_text(param::number("e", 0.1, "").above(0).below(0.5)) == "in (0, 0.5)");
  CHECK(allowed_text(param::number("f", 0.5, "").at_least(0).at_most(1)) == "in [0, 1]");
  CHECK(allowed_text(param::number("e", 1e-8, "").above(0)) == "> 0");
  CHECK(allowed_text(param::number("e", 1e-8, "").above(1e-12)) == "> 1e-12");
  CHECK(allowed_text(param::integer("n", 5, "").at_least(2)) == ">= 2");
  CHECK(allowed_text(param::integer("n", 5, "").at_most(10'000'000)) == "<= 10000000");
  CHECK(allowed_text(param::number("x", -1, "").below(0)) == "< 0");
  CHECK(allowed_text(param::string("s", "b", "").one_of({"b", "a"})) == "one of a, b");
  CHECK(allowed_text(param::number("x", 0, "")).empty());

  CHECK(expected_text(param::number("m", 0.5, "").at_least(0).below(1)) == "a number in [0, 1)");
  CHECK(expected_text(param::integer("n", 5, "").at_least(1)) == "an integer >= 1");
  CHECK(expected_text(param::optional("w", ParamType::number_list, "").at_least(0)) ==
        "a number >= 0");
  CHECK(expected_text(param::string("s", "a", "").one_of({"a", "b"})) == "one of a, b");
  CHECK(expected_text(param::boolean("b", true, "")) == "true or false");
}

TEST_CASE("ParamSpec: in_range honours each bound's inclusion and refuses NaN", "[plugin][param]") {
  const ParamSpec unit = param::number("m", 0.5, "").at_least(0).below(1);
  CHECK(in_range(unit, 0.0));
  CHECK(in_range(unit, 0.999));
  CHECK_FALSE(in_range(unit, 1.0));
  CHECK_FALSE(in_range(unit, -1e-300));
  CHECK_FALSE(in_range(unit, std::numeric_limits<double>::quiet_NaN()));
  CHECK(in_range(param::number("x", 0, ""), -1e300));
}

TEST_CASE("ParamSpec: check_declarations accepts the shipped kinds of declaration",
          "[plugin][param]") {
  check_declarations({param::number("momentum", 0.9, "").at_least(0).below(1),
                      param::integer("n", 600, "").at_least(2).at_most(10'000'000),
                      param::string("label_type", "auto", "").one_of({"auto", "integer"}),
                      param::optional("w", ParamType::number_list, "").at_least(0).at_most(1),
                      param::optional("f", ParamType::number, "").above(0).below(1),
                      param::required("c", ParamType::string_list, "").one_of({"x1"}),
                      param::boolean("shuffle", true, "")});
}

TEST_CASE("ParamSpec: check_declarations refuses a declaration that cannot be right",
          "[plugin][param]") {
  const auto [spec, error] = GENERATE(table<ParamSpec, std::string>({
      {param::number("m", 1.5, "").at_least(0).below(1),
       "parameter 'm': default 1.5 is outside its range in [0, 1)"},
      {param::number("e", 0.0, "").above(0), "parameter 'e': default 0 is outside its range > 0"},
      {param::string("s", "x", "").one_of({"a", "b"}),
       "parameter 's': default 'x' is not one of a, b"},
      {param::boolean("b", true, "").at_least(0),
       "parameter 'b': a range needs a number, an integer or a list of numbers, not true or "
       "false"},
      {param::number("n", 1, "").one_of({"1"}),
       "parameter 'n': choices need a string or a list of strings, not a number"},
      {param::integer("n", 2, "").at_least(1.5),
       "parameter 'n': an integer's range needs whole-number bounds, got 1.5"},
      {param::number("x", 0, "").above(1).below(1), "parameter 'x': its range in (1, 1) is empty"},
      {param::optional("x", ParamType::number, "").at_least(2).at_most(1),
       "parameter 'x': its range in [2, 1] is empty"},
  }));
  CAPTURE(spec.name);
  REQUIRE_THROWS_AS(check_declarations({spec}), PluginError);
  REQUIRE_THROWS_WITH(check_declarations({spec}), error);
}

TEST_CASE("ParamSpec: check_declarations refuses a name declared twice", "[plugin][param]") {
  REQUIRE_THROWS_WITH(
      check_declarations({param::number("seed", 1, ""), param::integer("seed", 2, "")}),
      "parameter 'seed': declared twice");
}
