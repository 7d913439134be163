#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab {

/// One side of a diff: a stored run, the root attributes of its store, and how to name it
/// ("results/xor/runs.h5:1a2b3c4d5e6f7a8b").
struct RunDiffSide {
  std::string name;
  RunRecord run;
  StoreHeader store;
  /// Its store's format_version (RunStore::format_version()): runs of format 1 are never paired.
  std::int64_t format = store_format_version;
};

/// How one series of two runs compares, bit for bit.
struct SeriesComparison {
  bool identical = true;
  /// "cost_test: identical over 20 iterations", or "cost_test: first differs at
  /// iteration 2: A -> B; last A -> B" (values %.17g), or, when one run stopped early,
  /// "cost_test: identical over the first 12 iterations; A has 20, B has 12".
  std::string line;
};
NNLAB_EXPORT SeriesComparison compare_series(std::string_view name, const arma::vec& a,
                                             const arma::vec& b);

/// Why two runs ended differently, as lines grouped the way `runner diff` prints them.
struct RunDiff {
  std::vector<std::string> config;     ///< config_diff lines of the stored configs, then seed
  std::vector<std::string> provenance; ///< nnlab/library versions, commit, compiler, host,
                                       ///< experiment seed; sha256 of plugins both use
  std::vector<std::string> outcome;    ///< status, message, iterations, best_iteration,
                                       ///< restored_iteration, init_fingerprint
  std::vector<std::string> results;    ///< one line per series (the validation series
                                       ///< when a run has them), then the weights: always
  bool results_differ = false;         ///< outcome, a series or the weights differ
  /// run_pairing()'s reason: "paired (seed 1, init ...)", "not paired (format 1)", ...
  std::string pairing;
};

/// Compares two runs. The stored configs are parsed as YAML (a bad one throws ConfigError
/// naming the side). Provenance is per store: the sweep that last wrote to it.
NNLAB_EXPORT RunDiff diff_runs(const RunDiffSide& a, const RunDiffSide& b);

/// The diff as printed: "A: <name>  <title>", "B: ...", "pairing: <pairing>", then per group either
/// "<group>: identical" or "<group>:" and its lines indented by two, then "results: ..."
/// with every line, and last "results identical" or "results differ".
NNLAB_EXPORT std::string format_run_diff(const RunDiffSide& a, const RunDiffSide& b,
                                         const RunDiff& diff);

} // namespace nnlab
