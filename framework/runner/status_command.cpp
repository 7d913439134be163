// `runner status EXPERIMENT.yaml`: every run of the sweep against its store, from the run
// attributes alone (no series), and the files and libraries of now; trains and writes nothing.
// `runner status STORE.h5`: the same for the runs a store holds, each from its stored config.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "cli.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "nnlab/config/experiment.hpp"
#include "nnlab/config/run_spec.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/engine/library_checks.hpp"
#include "nnlab/engine/run_inputs.hpp"
#include "nnlab/engine/run_standing.hpp"
#include "nnlab/storage/run_store.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::runner {

namespace fs = std::filesystem;

namespace {

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// One line per file or library that differs from what stored runs were made with.
std::string change_line(const InputChange& change) {
  const std::string runs = plural(change.runs, "run was", "runs were");
  if (!change.library) {
    if (change.what == "changed") return change.name + " changed since " + runs + " stored";
    return change.name + " " + change.what + ": " +
           plural(change.runs, "stored run", "stored runs") + " read it";
  }
  const std::string rebuilt = change.name + " rebuilt since " + runs + " stored: ";
  const LibraryCheck& check = change.check;
  if (change.what == "reproduces")
    return rebuilt + "same results (run " + check.run + " re-executed " + check.checked +
           " reproduced bit for bit)";
  if (change.what == "gives other results")
    return rebuilt + "gives other results (run " + check.run + " re-executed " + check.checked +
           " differed: " + check.difference + ")";
  return rebuilt + "not checked yet (the next rerun re-executes one of them)";
}

/// One cell per column of the run table: what the sweep point sets, or (a store) the label.
std::vector<std::string> cells(const RunSpec& spec, const std::vector<std::string>& labels,
                               std::size_t i) {
  if (!labels.empty()) return {labels[i]};
  std::vector<std::string> values;
  for (const auto& [key, value] : spec.point)
    values.push_back(value);
  return values;
}

void print_table(const std::vector<RunSpec>& specs, const std::vector<std::string>& labels,
                 const SweepStanding& standing) {
  // Columns: run number, id, seed, every value the sweep varies (a store: the label), state,
  // why.
  std::vector<std::string> keys;
  if (!labels.empty())
    keys.push_back("label");
  else if (!specs.empty())
    for (const auto& [key, value] : specs.front().point)
      keys.push_back(key);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < specs.size(); ++i)
    rows.push_back(cells(specs[i], labels, i));
  std::vector<int> width(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    std::size_t w = keys[k].size();
    for (const auto& row : rows)
      w = std::max(w, row[k].size());
    width[k] = static_cast<int>(w);
  }
  const int digits = static_cast<int>(std::to_string(specs.size()).size());
  std::printf("%*s  %-16s  %6s", digits + 1, "#", "run id", "seed");
  for (std::size_t k = 0; k < keys.size(); ++k)
    std::printf("  %-*s", width[k], keys[k].c_str());
  std::printf("  %-10s  why\n", "state");
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const RunSpec& spec = specs[i];
    const RunStanding& run = standing.runs[i];
    std::printf("%*zu  %-16s  %6llu", digits + 1, spec.index + 1, spec.id.c_str(),
                static_cast<unsigned long long>(spec.seed));
    for (std::size_t k = 0; k < keys.size(); ++k)
      std::printf("  %-*s", width[k], rows[i][k].c_str());
    std::string why;
    for (const std::string& reason : run.why)
      why += (why.empty() ? "" : "; ") + reason;
    std::replace(why.begin(), why.end(), '\n', ' ');
    // No trailing blanks when there is no reason.
    if (why.empty())
      std::printf("  %s\n", to_string(run.state).c_str());
    else
      std::printf("  %-10s  %s\n", to_string(run.state).c_str(), why.c_str());
  }
}

/// "8 runs: 3 done, 2 stale, 1 failed, 2 missing": the states that occur, in RunState order.
std::string counts_line(const SweepStanding& standing, std::size_t runs) {
  std::string text = plural(runs, "run", "runs") + ":";
  bool first = true;
  for (std::size_t s = 0; s < run_state_count; ++s)
    if (standing.counts[s] > 0 || s == 0) {
      text += (first ? " " : ", ") + std::to_string(standing.counts[s]) + " " +
              to_string(static_cast<RunState>(s));
      first = false;
    }
  return text;
}

/// What `runner EXPERIMENT.yaml` would do now.
std::string rerun_line(const SweepStanding& standing) {
  const std::size_t missing = standing.count(RunState::missing),
                    failed = standing.count(RunState::failed),
                    stale = standing.count(RunState::stale),
                    unverified = standing.count(RunState::unverified);
  const std::size_t train = missing + failed + stale;
  std::string text = "a rerun trains " + plural(train, "run", "runs");
  std::string parts;
  for (const auto& [n, what] :
       {std::pair{missing, "missing"}, {failed, "failed"}, {stale, "stale"}})
    if (n > 0) parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  if (!parts.empty()) text += " (" + parts + ")";
  if (stale > 0) text += "; --keep-stale keeps the stale ones";
  if (unverified > 0)
    text += "; it first re-executes one of the " + std::to_string(unverified) +
            " unverified runs per rebuilt library, and trains them again if it differs";
  return text;
}

/// The runs a status shows, from an experiment file (its sweep) or from a store (its runs).
struct Subject {
  Experiment experiment; ///< a store: name, file and seed only
  /// A store's runs keep no config (RunSpec::source): what a status shows of them is
  /// their id, index, seed and label, and their inputs of now (`now`, hashed as each is
  /// read), so that a store of 100,000 runs takes little memory.
  std::vector<RunSpec> specs;
  std::vector<std::shared_ptr<const RunInputs>> now; ///< each spec's files and libraries now
  std::vector<std::string> labels; ///< a store: each run's stored label; else empty
  fs::path store_file;
  bool stored = false;
  std::string heading;
};

/// The files and libraries the run reads now, each hashed once; no data is loaded.
std::shared_ptr<const RunInputs> inputs_now(InputHasher& hasher, const RunSpec& spec) {
  const ResolvedRun run = spec.resolve();
  return hasher.inputs_of(run.config, run.parsed);
}

Subject from_experiment(const CliOptions& cli, InputHasher& hasher) {
  Subject subject;
  subject.experiment = load_experiment(cli.file, cli.overrides);
  const Experiment& experiment = subject.experiment;
  subject.specs = expand_sweep(experiment);
  for (const RunSpec& spec : subject.specs)
    subject.now.push_back(inputs_now(hasher, spec));
  subject.store_file =
      (cli.out.empty() ? fs::path("results") : cli.out) / experiment.name / "runs.h5";
  std::error_code ec;
  subject.stored = fs::exists(subject.store_file, ec);
  subject.heading = "experiment '" + experiment.name + "' (" + cli.file.string() +
                    "): " + std::to_string(subject.specs.size()) +
                    " run(s) = " + std::to_string(subject.specs.size() / experiment.seeds.size()) +
                    " sweep point(s) x " + std::to_string(experiment.seeds.size()) +
                    " seed(s); store " + subject.store_file.string() +
                    (subject.stored ? "" : " (none yet)");
  // tpe proposes its rounds from their results: the file alone knows only its warm-up.
  if (experiment.sweep_mode == SweepMode::tpe)
    subject.heading +=
        "\ntpe: the table shows the warm-up; the " + std::to_string(experiment.tpe_rounds) +
        " rounds of " + std::to_string(experiment.tpe_batch) +
        " proposed point(s) are in `runner status " + subject.store_file.string() + "`";
  return subject;
}

/// A store's own runs, each from its stored config (as runner verify rebuilds them): no
/// run is missing, and each shows its label.
Subject from_store(const CliOptions& cli, const RunStore& store, InputHasher& hasher) {
  if (!cli.overrides.empty())
    usage_error("status: key.path=value overrides go with an experiment file, not with the "
                "store " +
                cli.file.string());
  if (!cli.out.empty())
    usage_error("status: --out goes with an experiment file, not with the store " +
                cli.file.string());
  const StoreHeader header = store.header();
  const std::string dir = header.attribute("experiment_dir");
  const std::string seed = header.attribute("experiment_seed");
  if (dir.empty() || seed.empty())
    throw StorageError(cli.file.string() +
                       ": no experiment_dir or experiment_seed attribute (written by an older "
                       "nnlab); give the experiment file instead");
  Subject subject;
  subject.store_file = cli.file;
  subject.stored = true;
  subject.experiment.name = fs::absolute(cli.file).parent_path().filename().string();
  subject.experiment.file = header.attribute("experiment_file");
  subject.experiment.seed = std::stoull(seed);
  struct Row {
    RunSpec spec;
    std::shared_ptr<const RunInputs> now;
    std::string label;
  };
  std::vector<Row> rows;
  for (const std::string& id : store.run_ids()) {
    const RunRecord run = store.read_run_overview(id).record;
    RunSpec spec =
        make_run_spec(parse_yaml(run.config_yaml, cli.file.string() + ":/runs/" + id + "/config"),
                      subject.experiment.seed, dir);
    spec.id = id; // the stored run, however its config hashes today
    spec.index = run.index;
    std::shared_ptr<const RunInputs> now = inputs_now(hasher, spec);
    spec.source.reset();
    rows.push_back({std::move(spec), std::move(now), run.label});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.spec.index < b.spec.index; });
  for (Row& row : rows) {
    subject.specs.push_back(std::move(row.spec));
    subject.now.push_back(std::move(row.now));
    subject.labels.push_back(std::move(row.label));
  }
  subject.heading = "store " + cli.file.string() + " (experiment " +
                    subject.experiment.file.string() +
                    "): " + std::to_string(subject.specs.size()) + " stored run(s)";
  return subject;
}

} // namespace

int show_status(const CliOptions& cli) {
  const bool is_store = cli.file.extension() == ".h5";
  std::optional<RunStore> opened;
  if (is_store) opened.emplace(RunStore::open_read_only(cli.file));
  Registry registry(Registry::search_path(cli.plugin_path));
  // The files and libraries of now, each hashed once; no data is loaded, nothing trained.
  InputHasher hasher(registry);
  const Subject subject =
      is_store ? from_store(cli, *opened, hasher) : from_experiment(cli, hasher);
  const std::vector<RunSpec>& specs = subject.specs;
  const std::vector<std::shared_ptr<const RunInputs>>& now = subject.now;
  std::vector<RunHeader> headers;
  LibraryChecks checks;
  if (subject.stored) {
    if (!opened) opened.emplace(RunStore::open_read_only(subject.store_file));
    headers = opened->run_headers();
    checks = LibraryChecks::parse(opened->header().attribute("library_checks"),
                                  subject.store_file.string());
  }
  const SweepStanding standing = assess_sweep(specs, now, headers, checks);
  if (cli.json) {
    print_json(std::cout, "status",
               status_json(subject.experiment, specs, subject.labels, standing, subject.store_file,
                           subject.stored));
    return 0;
  }

  std::cout << subject.heading << "\n\n";
  print_table(specs, subject.labels, standing);
  std::cout << '\n' << counts_line(standing, specs.size()) << '\n';
  for (const InputChange& change : standing.changes)
    std::cout << change_line(change) << '\n';
  std::cout << rerun_line(standing) << '\n';
  return 0;
}

} // namespace nnlab::runner
