// libFuzzer target: YAML text -> validated experiment, as `runner validate` checks it up to
// the data: parse, `extends`, top-level checks, the sweep's expansion, each run's config,
// and the optimizer, loss and dataset plugins built from their blocks (data not loaded).
// A clear nnlab::Error is the expected answer to bad text; anything else (another
// exception, a crash, a sanitizer report, a hang, a huge allocation) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace {

// Runs are checked as the engine checks them; a few are enough to reach every path.
constexpr std::size_t max_runs_checked = 8;

nnlab::Registry& registry() {
  static nnlab::Registry instance({nnlab::Registry::default_folder()});
  return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Relative paths (extends, csv files) resolve beside the seed corpus's experiments.
  const std::filesystem::path file = std::filesystem::path(NNLAB_FUZZ_BASE_DIR) / "fuzz.yaml";
  try {
    const nnlab::Experiment experiment =
        nnlab::parse_experiment(nnlab::parse_yaml(text, file.string()), file, text);
    const auto specs = nnlab::expand_sweep(experiment);
    for (std::size_t i = 0; i < specs.size() && i < max_runs_checked; ++i) {
      const nnlab::RunConfig parsed = specs[i].resolve().parsed;
      registry().create_optimizer(parsed.optimizer);
      registry().create_loss(parsed.loss);
      registry().create_dataset(parsed.dataset);
    }
  } catch (const nnlab::Error&) {
    return 0; // bad input, told clearly: what the loader must do
  } catch (const std::exception& e) {
    std::cerr << "experiment_fuzzer: not an nnlab::Error: " << e.what() << '\n';
    std::abort();
  }
  return 0;
}
