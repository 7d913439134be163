#include <catch2/catch.hpp>

#include <string>

#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nnlab::parse_yaml;

namespace {

// The billion laughs: each line names the one before nine times, so `levels` lines of a
// few dozen bytes would expand to 9^levels scalars.
std::string laughs(int levels) {
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < levels; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k)
      text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  return text;
}

std::string nested_lists(int depth) {
  return "a: " + std::string(static_cast<std::size_t>(depth), '[') + "1" +
         std::string(static_cast<std::size_t>(depth), ']') + "\n";
}

} // namespace

TEST_CASE("YamlAliases: an alias is a copy of the node it names, with its place", "[yaml][alias]") {
  const auto root = parse_yaml("base: &sgd {plugin: sgd, learning_rate: 0.1}\n"
                               "sweep:\n  optimizer: [*sgd, {plugin: momentum}]\n",
                               "a.yaml");
  const auto& list = root.find("sweep")->find("optimizer")->items();
  REQUIRE(list.size() == 2);
  CHECK(list[0].canonical() == root.find("base")->canonical());
  CHECK(list[0].find("learning_rate")->text() == "0.1");
  // The copy keeps where its values were written (the anchor's), for errors.
  CHECK(list[0].find("plugin")->location().str() == "a.yaml:1:21");
}

TEST_CASE("YamlAliases: the merge key adds the entries a map does not have", "[yaml][alias]") {
  const auto root = parse_yaml("defaults: &d {plugin: sgd, learning_rate: 0.1, momentum: 0.5}\n"
                               "more: &m {nesterov: true}\n"
                               "optimizer:\n  <<: [*d, *m]\n  learning_rate: 0.05\n",
                               "m.yaml");
  const auto* optimizer = root.find("optimizer");
  CHECK(optimizer->flow() == "{plugin: sgd, momentum: 0.5, nesterov: true, learning_rate: 0.05}");
  SECTION("a quoted << is an ordinary key") {
    const auto quoted = parse_yaml("a: {'<<': {b: 1}}\n", "q.yaml");
    CHECK(quoted.find("a")->find("<<") != nullptr);
  }
  SECTION("something else than maps to merge is refused") {
    REQUIRE_THROWS_WITH(parse_yaml("a: {<<: [1, 2]}\n", "bad.yaml"),
                        "bad.yaml:1:10: <<: expected a map or a list of maps to merge (YAML "
                        "merge key, e.g. <<: *base), got '1'");
  }
}

TEST_CASE("YamlAliases: aliases cannot expand a document past a few times its size",
          "[yaml][alias]") {
  SECTION("valid anchors stay usable") {
    // Three levels: 9^3 = 729 scalars from a file of a few hundred bytes, within the
    // allowance every document has.
    const auto root = parse_yaml(laughs(3), "ok.yaml");
    CHECK(root.find("l2")->items().size() == 9);
  }
  SECTION("the billion laughs are refused at the alias that goes past, quickly") {
    const std::string text = laughs(9);
    try {
      parse_yaml(text, "bomb.yaml");
      FAIL("expected a ConfigError");
    } catch (const nnlab::ConfigError& e) {
      const std::string message = e.what();
      CHECK_THAT(message, StartsWith("bomb.yaml:5:15: alias *l3: aliases expand the document "
                                     "past 4 times its own size plus 1.0 MB (to more than "));
      CHECK_THAT(message, Contains("an alias may repeat a block, not multiply a document"));
      CHECK(message.find('\n') == std::string::npos);
    }
  }
  SECTION("one long scalar repeated counts by its length") {
    std::string text = "a: &a " + std::string(100000, 'x') + "\nb: [";
    for (int k = 0; k < 50; ++k)
      text += (k ? ", " : "") + std::string("*a");
    text += "]\n";
    REQUIRE_THROWS_WITH(parse_yaml(text, "long.yaml"),
                        StartsWith("long.yaml:2:") && Contains(": alias *a: aliases expand"));
  }
  SECTION("an alias inside the node it names is a cycle, not a crash") {
    REQUIRE_THROWS_WITH(parse_yaml("a: &a [1, *a]\n", "cycle.yaml"),
                        "cycle.yaml:1:11: alias *a: expected an alias of a node written before, "
                        "got one inside the node it names (a cycle)");
    REQUIRE_THROWS_WITH(parse_yaml("a: &a {b: *a}\n", "cycle.yaml"),
                        Contains("cycle.yaml:1:11: alias *a:") && Contains("(a cycle)"));
  }
  SECTION("an alias of no anchor is a syntax error") {
    REQUIRE_THROWS_WITH(parse_yaml("a: *nowhere\n", "x.yaml"),
                        "x.yaml:1:4: YAML syntax error: alias *nowhere names no anchor written "
                        "before it (&nowhere)");
  }
}

TEST_CASE("YamlAliases: nesting is bounded, aliases included", "[yaml][alias]") {
  CHECK(parse_yaml(nested_lists(60), "ok.yaml").find("a")->is_sequence());
  REQUIRE_THROWS_WITH(parse_yaml(nested_lists(100000), "deep.yaml"),
                      "deep.yaml:1:67: nesting deeper than 64 levels of lists and maps; an "
                      "experiment needs a few");
  SECTION("a deep node named inside another deep node") {
    const std::string text = "a: &a " + std::string(40, '[') + "1" + std::string(40, ']') +
                             "\nb: " + std::string(30, '[') + "*a" + std::string(30, ']') + "\n";
    REQUIRE_THROWS_WITH(parse_yaml(text, "deep.yaml"),
                        "deep.yaml:2:34: alias *a: nesting deeper than 64 levels with the node "
                        "it names (40 levels); an experiment needs a few");
  }
}
