#include "nnlab/config/run_spec.hpp"

#include "nnlab/core/error.hpp"
#include "nnlab/core/hash.hpp"
#include "nnlab/core/rng.hpp"

namespace nnlab {

namespace {

// A config as stored with a run: it already holds the run's seed.
class StoredConfig final : public RunSource {
public:
  StoredConfig(ConfigNode config, std::filesystem::path base_dir)
      : config_(std::move(config)), base_dir_(std::move(base_dir)) {}

  ConfigNode config(std::uint64_t) const override { return config_; }
  const std::filesystem::path& base_dir() const override { return base_dir_; }

private:
  ConfigNode config_;
  std::filesystem::path base_dir_;
};

} // namespace

RunSource::~RunSource() = default;

std::string RunSpec::point_label() const {
  std::string label;
  for (const auto& [key, value] : point) {
    if (!label.empty()) label += " ";
    // Plugin blocks read best by their value alone: "momentum(momentum=0.9)".
    label += value.find('(') != std::string::npos || key == "optimizer" || key == "loss" ||
                     key == "dataset"
                 ? value
                 : key + "=" + value;
  }
  return label;
}

ConfigNode RunSpec::config() const {
  if (!source) throw Error("run " + id + ": no source to build its config from");
  return source->config(seed);
}

ResolvedRun RunSpec::resolve() const {
  ResolvedRun run{config(), {}};
  run.parsed = parse_run_config(run.config, source->base_dir());
  return run;
}

// What a run computes, not how it is kept: checkpoints do not change a run's results, so
// they do not change its id (nor its random numbers, which come from the id). A run that
// writes the default precision, float64, computes what one without the key does.
std::uint64_t run_hash(const ConfigNode& config, std::uint64_t experiment_seed) {
  ConfigNode computed = config;
  if (ConfigNode* training = computed.find("training"); training && training->is_map())
    training->erase("checkpoint_every");
  if (ConfigNode* model = computed.find("model"); model && model->is_map())
    if (const ConfigNode* precision = model->find("precision");
        precision && precision->is_scalar() && precision->text() == "float64")
      model->erase("precision");
  return fnv1a64(computed.canonical() + "|experiment_seed=" + std::to_string(experiment_seed));
}

std::string run_id(const ConfigNode& config, std::uint64_t experiment_seed) {
  return to_hex(run_hash(config, experiment_seed));
}

RunSpec make_run_spec(ConfigNode config, std::uint64_t experiment_seed,
                      const std::filesystem::path& base_dir) {
  RunSpec run;
  const std::uint64_t hash = run_hash(config, experiment_seed);
  run.id = to_hex(hash);
  run.rng_seed = mix_seed(experiment_seed, hash);
  parse_run_config(config, base_dir); // checked now; parsed again when the run is prepared
  if (const ConfigNode* seed = config.find("seed"))
    run.seed = static_cast<std::uint64_t>(seed->as_integer("seed"));
  run.source = std::make_shared<const StoredConfig>(std::move(config), base_dir);
  return run;
}

} // namespace nnlab
