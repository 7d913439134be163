#include <algorithm>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "json_output.hpp"
#include "memory_budget.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/run_preparer.hpp"

namespace nnlab::runner {

int validate_experiment(const CliOptions& cli) {
  const MemoryBudget budget = memory_budget(cli);
  const Experiment experiment = load_experiment(cli.file, cli.overrides);
  const std::vector<RunSpec> specs = expand_sweep(experiment, budget);
  Registry registry(Registry::search_path(cli.plugin_path));
  // Everything a real run checks before training: plugins built, data loaded, memory
  // estimated (one run at a time, each dropped again).
  RunPreparer preparer(registry, budget);
  preparer.check(specs);
  const std::vector<std::uint64_t>& memory = preparer.memory();
  if (cli.json) {
    print_json(std::cout, "validate", run_table_json(experiment, specs, memory, budget.bytes));
    return 0;
  }

  const std::uint64_t largest =
      memory.empty() ? 0 : *std::max_element(memory.begin(), memory.end());
  std::cout << "experiment '" << experiment.name << "' (" << cli.file.string()
            << "): " << specs.size() << " run(s) = " << specs.size() / experiment.seeds.size()
            << " sweep point(s) x " << experiment.seeds.size()
            << " seed(s); all valid; the largest run needs ~" << format_bytes(largest)
            << (budget.limited() ? " (" + budget.describe() + ")" : std::string()) << "\n";
  // tpe proposes its rounds from the warm-up's results: only the warm-up is known here.
  if (experiment.sweep_mode == SweepMode::tpe)
    std::cout << "tpe: these are the warm-up's runs; " << experiment.tpe_rounds << " round(s) of "
              << experiment.tpe_batch
              << " proposed point(s) follow, built and checked the same way, "
              << (experiment.tpe_warmup + experiment.tpe_batch * experiment.tpe_rounds) *
                     experiment.seeds.size()
              << " runs in all\n";
  std::cout << "\n";
  // Columns: run number, id, seed, then every value the sweep varies.
  std::vector<std::string> keys;
  if (!specs.empty())
    for (const auto& [key, value] : specs.front().point)
      keys.push_back(key);
  std::vector<std::size_t> width(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    width[k] = keys[k].size();
    for (const auto& spec : specs)
      width[k] = std::max(width[k], spec.point[k].second.size());
  }
  const int digits = static_cast<int>(std::to_string(specs.size()).size());
  std::printf("%*s  %-16s  %6s  %8s", digits + 1, "#", "run id", "seed", "memory");
  // The last column is not padded: no trailing blanks.
  const auto cell = [&](std::size_t k, const std::string& text) {
    std::printf("  %-*s", k + 1 < keys.size() ? static_cast<int>(width[k]) : 0, text.c_str());
  };
  for (std::size_t k = 0; k < keys.size(); ++k)
    cell(k, keys[k]);
  std::printf("\n");
  for (const auto& spec : specs) {
    std::printf("%*zu  %-16s  %6llu  %8s", digits + 1, spec.index + 1, spec.id.c_str(),
                static_cast<unsigned long long>(spec.seed),
                format_bytes(memory[spec.index]).c_str());
    for (std::size_t k = 0; k < keys.size(); ++k)
      cell(k, spec.point[k].second);
    std::printf("\n");
  }
  return 0;
}

} // namespace nnlab::runner
