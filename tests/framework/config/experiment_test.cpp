#include <catch2/catch.hpp>

#include "nnlab/config/experiment.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string body = R"(dataset: {plugin: csv, train: a.csv, test: b.csv}
model: {layers: [3, 2, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.05}
training: {iterations: 10}
)";

nnlab::Experiment parse(const std::string& text) {
  return nnlab::parse_experiment(nnlab::parse_yaml(text, "exp/e.yaml"), "exp/e.yaml", text);
}

} // namespace

TEST_CASE("Experiment: reads the top level and keeps the run template", "[config][experiment]") {
  const auto e = parse("name: demo\nseed: 42\nseeds: [1, 2, 3]\n" + body);
  CHECK(e.name == "demo");
  CHECK(e.seed == 42);
  CHECK(e.seeds == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(e.base_dir == "exp");
  CHECK(e.base.entries().size() == 5);
  CHECK(e.yaml_text.rfind("name: demo", 0) == 0);
  CHECK(e.sweep.is_null());
}

TEST_CASE("Experiment: without seeds, each point runs once with the experiment seed",
          "[config][experiment]") {
  CHECK(parse("name: demo\nseed: 9\n" + body).seeds == std::vector<std::uint64_t>{9});
}

TEST_CASE("Experiment: top-level mistakes name file, line and key", "[config][experiment]") {
  SECTION("unknown key") {
    REQUIRE_THROWS_WITH(parse("name: demo\nsweeps: {}\n" + body),
                        Contains("exp/e.yaml:2:1: sweeps: unknown key; did you mean 'sweep'?"));
  }
  SECTION("missing section") {
    REQUIRE_THROWS_WITH(parse("name: demo\n" + body.substr(body.find("model"))),
                        Contains("experiment: missing key 'dataset'"));
  }
  SECTION("a name that cannot name a folder") {
    REQUIRE_THROWS_WITH(parse("name: ../up\n" + body),
                        Contains("exp/e.yaml:1:7: name: expected a name of letters"));
  }
  SECTION("bad seeds") {
    REQUIRE_THROWS_WITH(parse("name: d\nseeds: [1, -2]\n" + body),
                        Contains("exp/e.yaml:2:12: seeds[1]: expected an integer >= 0, got '-2'"));
    REQUIRE_THROWS_WITH(parse("name: d\nseeds: [4, 4]\n" + body),
                        Contains("seeds[1]: expected seeds that differ (4 repeats)"));
    REQUIRE_THROWS_WITH(parse("name: d\nseeds: []\n" + body),
                        Contains("seeds: expected a non-empty list"));
  }
  SECTION("not a map at all") {
    REQUIRE_THROWS_WITH(parse(""), Contains("exp/e.yaml: expected a map of experiment keys"));
    REQUIRE_THROWS_WITH(parse("- a\n- b\n"), Contains("got a list"));
  }
}
