#include "nnlab/config/run_streams.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include "nnlab/core/hash.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

// The canonical text of a block of the resolved config (empty when absent).
std::string block(const ConfigNode& config, const char* key) {
  const ConfigNode* node = config.find(key);
  return node ? node->canonical() : std::string();
}

std::string exact(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// One stream: its purpose and everything it depends on, hashed, mixed with the
// experiment seed.
std::uint64_t stream(std::string_view purpose, std::uint64_t seed, const std::string& inputs,
                     std::uint64_t experiment_seed) {
  const std::string text = std::string(purpose) + "|seed=" + std::to_string(seed) + "|" + inputs;
  return mix_seed(experiment_seed, fnv1a64(text));
}

// The model block as the initial weights depend on it: without model.precision, since the
// weights are drawn in float64 whatever precision the passes then run in (so float32 and
// float64 runs of a seed start alike, and writing the default changes nothing).
std::string init_block(const ConfigNode& config) {
  const ConfigNode* model = config.find("model");
  if (!model) return {};
  ConfigNode drawn = *model;
  if (drawn.is_map()) drawn.erase("precision");
  return drawn.canonical();
}

} // namespace

RunStreams run_streams(const ConfigNode& config, const TrainSettings& training,
                       std::uint64_t experiment_seed, std::uint64_t seed, arma::uword n_inputs) {
  const std::string dataset = "dataset=" + block(config, "dataset");
  RunStreams streams;
  streams.init = stream("init", seed,
                        "model=" + init_block(config) + "|inputs=" + std::to_string(n_inputs),
                        experiment_seed);
  streams.batches = stream("batches", seed,
                           dataset + "|batch_size=" + std::to_string(training.batch_size) +
                               "|shuffle=" + (training.shuffle ? "true" : "false"),
                           experiment_seed);
  streams.split =
      stream("split", seed, dataset + "|validation_fraction=" + exact(training.validation_fraction),
             experiment_seed);
  return streams;
}

} // namespace nnlab
