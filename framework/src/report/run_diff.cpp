#include "nnlab/report/run_diff.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

#include "nnlab/report/config_diff.hpp"
#include "nnlab/report/pairing.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

ConfigNode stored_config(const RunDiffSide& side) {
  return parse_yaml(side.run.config_yaml, side.name + "/config");
}

// The plugins a run uses, as the provenance names them: "optimizer/sgd".
std::set<std::string> plugins_of(const ConfigNode& config) {
  std::set<std::string> used;
  for (const char* kind : {"dataset", "loss", "optimizer"})
    if (const ConfigNode* block = config.find(kind); block && block->is_map())
      if (const ConfigNode* name = block->find("plugin"); name && name->is_scalar())
        used.insert(std::string(kind) + "/" + name->text());
  return used;
}

// The store's provenance as values to compare; the plugins' sha256 only for `plugins`.
std::vector<FlatValue> provenance_of(const RunDiffSide& side,
                                     const std::set<std::string>& plugins) {
  std::vector<FlatValue> values;
  const auto add = [&](const std::string& path, const std::string& text) {
    if (!text.empty()) values.push_back({path, text, text});
  };
  add("nnlab_version", side.store.nnlab_version);
  for (const char* key : {"git_commit", "compiler", "armadillo_version", "openblas_version",
                          "hdf5_version", "boost_version", "host", "experiment_seed"})
    add(key, side.store.attribute(key));
  const std::string listed = side.store.attribute("plugins");
  if (listed.empty()) return values;
  const ConfigNode tree = parse_yaml(listed, side.name + " (plugins attribute)");
  for (const auto& plugin : plugins)
    if (const ConfigNode* entry = tree.find(plugin); entry && entry->is_map())
      if (const ConfigNode* sha = entry->find("sha256"); sha && sha->is_scalar())
        // Twelve hex digits tell builds apart, as short git hashes do.
        values.push_back({"plugins." + plugin + ".sha256", sha->text().substr(0, 12), sha->text()});
  return values;
}

std::vector<std::string> outcome_differences(const RunRecord& a, const RunRecord& b) {
  std::vector<std::string> lines;
  if (a.status != b.status)
    lines.push_back("status: " + to_string(a.status) + " -> " + to_string(b.status));
  if (a.message != b.message) {
    const auto quoted = [](const std::string& text) {
      return text.empty() ? std::string("(none)") : "'" + text + "'";
    };
    lines.push_back("message: " + quoted(a.message) + " -> " + quoted(b.message));
  }
  if (a.iterations_done != b.iterations_done)
    lines.push_back("iterations: " + std::to_string(a.iterations_done) + " -> " +
                    std::to_string(b.iterations_done));
  if (a.best_iteration != b.best_iteration)
    lines.push_back("best_iteration: " + std::to_string(a.best_iteration) + " -> " +
                    std::to_string(b.best_iteration));
  const auto optional = [](const auto& value, const auto& text) {
    return value ? text(*value) : std::string("(not stored)");
  };
  const auto count = [](arma::uword n) { return std::to_string(n); };
  if (a.restored_iteration != b.restored_iteration)
    lines.push_back("restored_iteration: " + optional(a.restored_iteration, count) + " -> " +
                    optional(b.restored_iteration, count));
  // Different initial weights: the runs are not paired (pairing.hpp).
  if (a.init_fingerprint != b.init_fingerprint) {
    const auto shown = [](const std::string& text) {
      return text.empty() ? std::string("(not stored)") : text;
    };
    lines.push_back("init_fingerprint: " + shown(a.init_fingerprint) + " -> " +
                    shown(b.init_fingerprint));
  }
  return lines;
}

SeriesComparison compare_weights(const RunRecord& a, const RunRecord& b) {
  if (a.weights.empty() && b.weights.empty()) return {true, "weights: none stored"};
  for (std::size_t w = 0; w < std::max(a.weights.size(), b.weights.size()); ++w) {
    if (w >= a.weights.size()) return {false, "weights: " + b.weights[w].first + " only in B"};
    if (w >= b.weights.size()) return {false, "weights: " + a.weights[w].first + " only in A"};
    const auto& [name, x] = a.weights[w];
    const auto& y = b.weights[w].second;
    if (name != b.weights[w].first)
      return {false, "weights: " + name + " in A where B has " + b.weights[w].first};
    const auto shape = [](const arma::mat& m) {
      return std::to_string(m.n_rows) + "x" + std::to_string(m.n_cols);
    };
    if (x.n_rows != y.n_rows || x.n_cols != y.n_cols)
      return {false, "weights: " + name + " is " + shape(x) + " -> " + shape(y)};
    if (std::memcmp(x.memptr(), y.memptr(), x.n_elem * sizeof(double)) != 0)
      return {false, "weights: " + name + " differs first (largest difference " +
                         number(arma::abs(x - y).max()) + ")"};
  }
  return {true, "weights: identical"};
}

} // namespace

SeriesComparison compare_series(std::string_view name, const arma::vec& a, const arma::vec& b) {
  const std::string label(name);
  const arma::uword common = std::min(a.n_elem, b.n_elem);
  for (arma::uword i = 0; i < common; ++i)
    if (!same_bits(a[i], b[i]))
      return {false, label + ": first differs at iteration " + std::to_string(i + 1) + ": " +
                         number(a[i]) + " -> " + number(b[i]) + "; last " +
                         number(a[a.n_elem - 1]) + " -> " + number(b[b.n_elem - 1])};
  if (a.n_elem == b.n_elem)
    return {true, label + ": identical over " + std::to_string(common) + " iterations"};
  return {false, label + ": identical over the first " + std::to_string(common) +
                     " iterations; A has " + std::to_string(a.n_elem) + ", B has " +
                     std::to_string(b.n_elem)};
}

RunDiff diff_runs(const RunDiffSide& a, const RunDiffSide& b) {
  RunDiff diff;
  const ConfigNode config_a = stored_config(a);
  const ConfigNode config_b = stored_config(b);
  diff.config = value_differences(flatten_config(config_a), flatten_config(config_b));
  if (a.run.seed != b.run.seed)
    diff.config.push_back("seed: " + std::to_string(a.run.seed) + " -> " +
                          std::to_string(b.run.seed));

  std::set<std::string> shared;
  for (const auto& plugin : plugins_of(config_a))
    if (plugins_of(config_b).count(plugin)) shared.insert(plugin);
  diff.provenance = value_differences(provenance_of(a, shared), provenance_of(b, shared));

  diff.pairing = run_pairing(a.run, a.format, b.run, b.format).reason;
  diff.outcome = outcome_differences(a.run, b.run);
  diff.results_differ = !diff.outcome.empty();
  for (const SeriesSpec& series : stored_series()) {
    const arma::vec& x = a.run.series.*series.recorded;
    const arma::vec& y = b.run.series.*series.recorded;
    if (series.validation && x.is_empty() && y.is_empty()) continue; // neither validates
    const SeriesComparison compared = compare_series(series.name, x, y);
    diff.results.push_back(compared.line);
    diff.results_differ = diff.results_differ || !compared.identical;
  }
  const SeriesComparison weights = compare_weights(a.run, b.run);
  diff.results.push_back(weights.line);
  diff.results_differ = diff.results_differ || !weights.identical;
  return diff;
}

std::string format_run_diff(const RunDiffSide& a, const RunDiffSide& b, const RunDiff& diff) {
  std::string out = "A: " + a.name + "  " + run_title(a.run.label, a.run.seed) + "\n" +
                    "B: " + b.name + "  " + run_title(b.run.label, b.run.seed) + "\n" +
                    "pairing: " + diff.pairing + "\n";
  const auto group = [&](const std::string& name, const std::vector<std::string>& lines,
                         const std::string& when_identical) {
    if (lines.empty()) {
      out += name + ": identical" + when_identical + "\n";
      return;
    }
    out += name + ":\n";
    for (const auto& line : lines)
      out += "  " + line + "\n";
  };
  group("config", diff.config, "");
  group("provenance", diff.provenance, "");
  group("outcome", diff.outcome,
        " (" + to_string(a.run.status) + ", " + std::to_string(a.run.iterations_done) +
            " iterations)");
  group("results", diff.results, "");
  out += diff.results_differ ? "results differ\n" : "results identical\n";
  return out;
}

} // namespace nnlab
