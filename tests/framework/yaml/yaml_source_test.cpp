#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;
using nnlab::parse_yaml;

TEST_CASE("YamlSource: every node keeps its file, line and column", "[yaml][source]") {
  const auto root = parse_yaml("name: x\nmodel:\n  layers: [3, 2, 1]\n", "exp.yaml");
  const auto* layers = root.find("model")->find("layers");
  REQUIRE(layers->is_sequence());
  CHECK(layers->location().str() == "exp.yaml:3:11");
  CHECK(layers->items()[1].location().str() == "exp.yaml:3:15");
  CHECK(root.find_entry("model")->key_at.str() == "exp.yaml:2:1");
}

TEST_CASE("YamlSource: bad input gets one line with the place", "[yaml][source]") {
  SECTION("syntax error") {
    REQUIRE_THROWS_WITH(parse_yaml("a: [1, 2\nb: 3\n", "bad.yaml"),
                        Contains("bad.yaml:") && Contains("YAML syntax error"));
  }
  SECTION("duplicate key") {
    REQUIRE_THROWS_WITH(parse_yaml("seed: 1\nname: a\nseed: 2\n", "dup.yaml"),
                        Contains("dup.yaml:3:1: seed: duplicate key (first given at line 1)"));
  }
  SECTION("missing file and directory") {
    REQUIRE_THROWS_WITH(nnlab::load_yaml_file("/nonexistent/x.yaml"),
                        Contains("/nonexistent/x.yaml: cannot read: No such file or directory"));
    nnlab::test::TempDir dir;
    REQUIRE_THROWS_WITH(nnlab::load_yaml_file(dir.path()),
                        Contains("expected a YAML file, got a directory"));
  }
}

TEST_CASE("YamlSource: to_yaml writes block YAML that reads back the same", "[yaml][source]") {
  const auto root = parse_yaml("b: {plugin: sgd, learning_rate: 0.05}\na: [1, 2]\n", "x");
  const std::string text = nnlab::to_yaml(root);
  CHECK(text.find("learning_rate: 0.05") != std::string::npos);
  CHECK(text.find("a: [1, 2]") != std::string::npos);
  CHECK(parse_yaml(text, "y").canonical() == root.canonical());
}
