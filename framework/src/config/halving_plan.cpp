#include "nnlab/config/halving_plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nnlab/config/experiment.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

namespace {

// Hyperband deals the points out from its own stream of the experiment seed: this tags it.
constexpr std::uint64_t hyperband_stream = 0x68797065724264ull; // "hyperBd"

std::uint64_t read_positive(const ConfigNode& node, const std::string& path, std::int64_t least,
                            const std::string& expected) {
  const std::int64_t value = node.as_integer(path);
  if (value < least) node.fail(path, expected);
  return static_cast<std::uint64_t>(value);
}

// The rungs from `start` up: start, start*eta, ... below max, then max.
std::vector<std::uint64_t> rungs_from(std::uint64_t start, std::uint64_t max, std::uint64_t eta) {
  std::vector<std::uint64_t> rungs;
  for (std::uint64_t r = start; r < max; r *= eta)
    rungs.push_back(r);
  rungs.push_back(max);
  return rungs;
}

} // namespace

void read_halving(const ConfigNode& sweep, Experiment& e) {
  const bool pruning = prunes_points(e);
  if (!sweep.is_map()) {
    if (pruning)
      sweep.fail("sweep",
                 "a map with min_iterations (the first rung) for mode " +
                     std::string(e.sweep_mode == SweepMode::halving ? "halving" : "hyperband"));
    return;
  }
  // Other modes leave the keys unread, so that --set sweep.mode=grid trains the full grid
  // of the same points.
  if (!pruning) return;
  HalvingSettings& h = e.halving;
  // The maximum: training.iterations as written (epochs depend on the data's size).
  const ConfigNode* training = e.base.find("training");
  const ConfigNode* iterations = training ? training->find("iterations") : nullptr;
  const ConfigNode& min = sweep.require("min_iterations", "sweep", "the first rung");
  if (!iterations || (training && training->find("epochs")))
    throw ConfigError(min.location().str() +
                      ": sweep.min_iterations: halving needs training.iterations (the last " +
                      "rung), not epochs");
  h.max_iterations = read_positive(*iterations, "training.iterations", 1, "an integer >= 1");
  h.min_iterations = read_positive(min, "sweep.min_iterations", 1, "an integer >= 1");
  if (h.min_iterations >= h.max_iterations)
    min.fail("sweep.min_iterations",
             "an integer below training.iterations (" + std::to_string(h.max_iterations) + ")");
  if (const ConfigNode* eta = sweep.find("eta"))
    h.eta = read_positive(*eta, "sweep.eta", 2, "an integer >= 2");
  for (const auto& entry : sweep.entries())
    if (entry.key == "training.iterations" || entry.key == "training.epochs")
      throw ConfigError(entry.key_at.str() + ": sweep." + entry.key +
                        ": halving and hyperband train every point to training.iterations; " +
                        "it cannot be swept");
}

std::vector<HalvingBracket> plan_brackets(const Experiment& e, std::size_t points) {
  const HalvingSettings& h = e.halving;
  std::vector<std::size_t> order(points);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (e.sweep_mode != SweepMode::hyperband)
    return {HalvingBracket{rungs_from(h.min_iterations, h.max_iterations, h.eta), order}};

  std::size_t s_max = 0;
  for (std::uint64_t r = h.min_iterations * h.eta; r <= h.max_iterations; r *= h.eta)
    ++s_max;
  // n_s for s = s_max .. 0, and the points of each by largest remainders.
  std::vector<double> want;
  double eta_s = std::pow(static_cast<double>(h.eta), static_cast<double>(s_max));
  for (std::size_t k = 0; k <= s_max; ++k, eta_s /= static_cast<double>(h.eta)) {
    const std::size_t s = s_max - k;
    want.push_back(std::ceil(static_cast<double>(s_max + 1) / static_cast<double>(s + 1) * eta_s));
  }
  const double total = std::accumulate(want.begin(), want.end(), 0.0);
  std::vector<std::size_t> count(want.size());
  std::vector<double> remainder(want.size());
  std::size_t given = 0;
  for (std::size_t k = 0; k < want.size(); ++k) {
    const double share = want[k] * static_cast<double>(points) / total;
    count[k] = static_cast<std::size_t>(std::floor(share));
    remainder[k] = share - static_cast<double>(count[k]);
    given += count[k];
  }
  std::vector<std::size_t> by_remainder(want.size());
  std::iota(by_remainder.begin(), by_remainder.end(), std::size_t{0});
  std::stable_sort(by_remainder.begin(), by_remainder.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t i = 0; given < points; ++i, ++given)
    ++count[by_remainder[i % by_remainder.size()]];

  // Fisher-Yates from the experiment seed.
  Rng rng(mix_seed(e.seed, hyperband_stream));
  for (std::size_t i = points; i > 1; --i)
    std::swap(order[i - 1], order[rng.below(i)]);
  std::vector<HalvingBracket> brackets;
  std::size_t next = 0;
  for (std::size_t k = 0; k < want.size(); ++k) {
    if (count[k] == 0) continue;
    const std::size_t s = s_max - k;
    std::uint64_t start = h.max_iterations;
    for (std::size_t i = 0; i < s; ++i)
      start /= h.eta;
    HalvingBracket bracket{rungs_from(std::max(start, h.min_iterations), h.max_iterations, h.eta),
                           {order.begin() + static_cast<std::ptrdiff_t>(next),
                            order.begin() + static_cast<std::ptrdiff_t>(next + count[k])}};
    std::sort(bracket.points.begin(), bracket.points.end());
    next += count[k];
    brackets.push_back(std::move(bracket));
  }
  return brackets;
}

} // namespace nnlab
