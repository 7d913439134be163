#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;
using nnlab::parse_yaml;

TEST_CASE("ConfigNode: canonical text ignores key order and number formatting", "[yaml][node]") {
  const auto a = parse_yaml("{lr: 0.1, n: 10, on: true, tag: abc}", "a");
  const auto b = parse_yaml("{tag: abc, on: yes, n: 1.0e1, lr: 1e-1}", "b");
  CHECK(a.canonical() == b.canonical());
  CHECK(a.canonical() == R"({"lr":0.1,"n":10,"on":true,"tag":"abc"})");
  CHECK(parse_yaml("{lr: 0.2}", "c").canonical() != a.canonical());
}

TEST_CASE("ConfigNode: typed reads and their errors", "[yaml][node]") {
  const auto root = parse_yaml("{x: 2.5, n: 7, flag: off, name: abc, list: [1]}", "f.yaml");
  CHECK(root.find("x")->as_number("x") == 2.5);
  CHECK(root.find("n")->as_integer("n") == 7);
  CHECK_FALSE(root.find("flag")->as_bool("flag"));
  CHECK(root.find("name")->as_string("name") == "abc");
  REQUIRE_THROWS_WITH(root.find("x")->as_integer("x"),
                      Contains("f.yaml:1:5: x: expected an integer, got '2.5'"));
  REQUIRE_THROWS_WITH(root.find("name")->as_number("name"),
                      Contains("name: expected a number, got 'abc'"));
  REQUIRE_THROWS_WITH(root.find("list")->as_string("list"),
                      Contains("list: expected a string, got a list"));
  REQUIRE_THROWS_WITH(parse_yaml("{v: .nan}", "g").find("v")->as_number("v"),
                      Contains("expected a number"));
}

TEST_CASE("ConfigNode: check_keys and require name the place and suggest a key", "[yaml][node]") {
  const auto root = parse_yaml("model:\n  layers: [1]\n  hiden_activation: tanh\n", "m.yaml");
  const auto& model = *root.find("model");
  REQUIRE_THROWS_WITH(model.check_keys("model", {"layers", "hidden_activation"}),
                      Contains("m.yaml:3:3: model.hiden_activation: unknown key; did you mean "
                               "'hidden_activation'? known: hidden_activation, layers"));
  REQUIRE_THROWS_WITH(model.require("init", "model", "how weights start"),
                      Contains("m.yaml:2:3: model: missing key 'init' (how weights start)"));
}
