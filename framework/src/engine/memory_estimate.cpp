#include "nnlab/engine/memory_estimate.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "nnlab/core/error.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

namespace {

using u64 = std::uint64_t;
constexpr u64 word = sizeof(double);

u64 product(std::initializer_list<u64> factors) {
  u64 result = 1;
  for (const u64 factor : factors)
    result = saturating_mul(result, factor);
  return result;
}

u64 sum(std::initializer_list<u64> terms) {
  u64 result = 0;
  for (const u64 term : terms)
    result = saturating_add(result, term);
  return result;
}

std::string count(u64 n) {
  return n == UINT64_MAX ? "more than 18446744073709551614" : std::to_string(n);
}

// Where `section.key` was written in the run's resolved config (the section's place when
// the key is absent).
SourceLocation key_location(const ConfigNode& config, const char* section, const char* key) {
  const ConfigNode* block = config.find(section);
  if (!block) return config.location();
  const ConfigNode* value = block->find(key);
  return value ? value->location() : block->location();
}

// Values the optimizer keeps per parameter, and apart from them: what state() holds after
// reset(n) for two sizes n.
struct StateSize {
  u64 per_parameter = 4, fixed = 0;
};

StateSize optimizer_state(Optimizer& optimizer) {
  const auto held = [&](arma::uword n) {
    optimizer.reset(n);
    u64 total = 0;
    for (const auto& [name, values] : optimizer.state())
      total += values.n_elem;
    return total;
  };
  try {
    constexpr u64 small = 1024;
    const u64 once = held(small), twice = held(2 * small);
    if (twice < once) return {};
    const u64 per_parameter = (twice - once + small - 1) / small;
    return {per_parameter, once > per_parameter * small ? once - per_parameter * small : 0};
  } catch (const std::exception&) {
    return {};
  }
}

// Issue 20's training.snapshots keep copies of the weights every snapshot_every
// iterations: their part belongs here once the key exists.
std::optional<MemoryPart> snapshots(const PreparedRun&) {
  return std::nullopt;
}

u64 phase_total(const std::vector<MemoryPart>& parts) {
  u64 total = 0;
  for (const auto& part : parts)
    total = saturating_add(total, part.bytes);
  return total;
}

} // namespace

u64 MemoryEstimate::total() const {
  return std::max(phase_total(training), phase_total(plotting));
}

const MemoryPart& MemoryEstimate::largest() const {
  const auto& phase = phase_total(plotting) > phase_total(training) ? plotting : training;
  return *std::max_element(
      phase.begin(), phase.end(),
      [](const MemoryPart& a, const MemoryPart& b) { return a.bytes < b.bytes; });
}

MemoryEstimate estimate_run_memory(const PreparedRun& run) {
  const RunConfig& config = run.parsed;
  const Architecture& arch = run.architecture;
  const DataSplit& data = *run.data;
  const u64 features = arch.n_inputs, outputs = arch.layers.back();
  const u64 m_train = data.train.X.n_cols, m_test = data.test.X.n_cols;
  const u64 samples = sum({m_train, m_test}), capacity = std::max(m_train, m_test);
  u64 units = 0, params = 0, n_in = features;
  for (const u64 n_out : arch.layers) {
    units = saturating_add(units, n_out);
    params = sum({params, product({n_out, n_in}), n_out});
    n_in = n_out;
  }
  const u64 panel = std::max<u64>(1, std::min<u64>(PanelPass::panel_width(arch.layers, arch.precision), capacity));
  const SourceLocation layers_at = config.model.layers_at;

  const TrainSettings& training = config.training;
  const u64 batch = training.batch_for(data.train.X.n_cols);
  u64 iterations = training.iterations;
  if (training.epochs) iterations = product({*training.epochs, (m_train + batch - 1) / batch});
  const char* iterations_key = training.epochs ? "epochs" : "iterations";
  // The validation series are recorded only by a run with a validation set.
  const bool validates = data.valid.X.n_cols > 0 || training.validation_fraction > 0.0;
  u64 n_series = 0;
  for (const SeriesSpec& series : stored_series())
    n_series += validates || !series.validation;

  MemoryEstimate estimate;
  const MemoryPart data_part{"the data of " + std::to_string(samples) + " samples x " +
                                 std::to_string(features) + " features",
                             "dataset", config.dataset.name_at,
                             product({word, features + 1, samples})};
  // The parameters and their gradient, the copy stored with the run, and a checkpoint's
  // copy and file image; weight decay and clipping add a mask and a transformed gradient.
  const u64 weight_copies = 5 + (training.weight_decay > 0 || training.clip_norm > 0 ? 2 : 0);
  const StateSize state = optimizer_state(*run.optimizer);
  estimate.training = {
      data_part,
      {"the weights of " + count(params) + " parameters (with their gradient and copies)",
       "model.layers", layers_at, product({word, params, weight_copies})},
      {"the optimizer's state of " + std::to_string(state.per_parameter) +
           " value(s) per parameter (" + config.optimizer.name + ", " + count(params) +
           " parameters)",
       "optimizer.plugin", config.optimizer.name_at,
       product({word, 3, sum({product({state.per_parameter, params}), state.fixed})})},
      {"the nodes of a panel of " + std::to_string(panel) + " samples x " + count(units) + " units",
       "model.layers", layers_at,
       sum({product({word, 4, units, panel}), product({word, features, panel})})},
      {"the outputs and targets of " + std::to_string(samples) + " samples x " +
           std::to_string(outputs) + " outputs",
       "model.layers", layers_at,
       sum({product({word, outputs, sum({2 * capacity, samples})}),
            batch < m_train ? product({word, 2, features + outputs, batch}) + word * m_train : 0})},
      // Recorded, stored, and copied with a checkpoint.
      {"the series of " + count(iterations) + " iterations (" + std::to_string(n_series) +
           " series, recorded and stored)",
       "training." + std::string(iterations_key),
       key_location(run.config, "training", iterations_key),
       product({word, n_series, iterations, 3})}};
  if (auto part = snapshots(run)) estimate.training.push_back(std::move(*part));

  if (features == 2) {
    const u64 points = decision_lattice * decision_lattice;
    const u64 lattice_panel = std::min<u64>(PanelPass::panel_width(arch.layers, arch.precision), points);
    estimate.plotting = {
        data_part,
        {"the decision surface: a lattice of " + std::to_string(decision_lattice) + " x " +
             std::to_string(decision_lattice) + " points through " + count(units) + " units",
         "model.layers", layers_at,
         sum({product({word, params, 3}), product({word, 4, units, lattice_panel}),
              product({word, outputs, points, 2}), word * 2 * points, 48 * points})},
        {"the series of " + count(iterations) + " iterations read back for the plots",
         "training." + std::string(iterations_key),
         key_location(run.config, "training", iterations_key),
         product({word, n_series, iterations, 2})}};
  }
  return estimate;
}

void check_run_memory(const RunSpec& spec, const MemoryEstimate& estimate,
                      const MemoryBudget& budget) {
  if (!budget.limited() || estimate.total() <= budget.bytes) return;
  const MemoryPart& part = estimate.largest();
  throw ConfigError(part.at.str() + ": " + part.key + ": needs ~" + format_bytes(part.bytes) +
                    " for " + part.what + "; run " + std::to_string(spec.index + 1) + " (" +
                    spec.id + ") needs ~" + format_bytes(estimate.total()) + " in all (" +
                    budget.describe() + ")");
}

} // namespace nnlab
