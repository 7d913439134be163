#pragma once

#include <armadillo>
#include <cstdint>

#include "nnlab/export.hpp"
#include "nnlab/train/train_settings.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// The seeds of a run's random streams, one per purpose. Each is derived only from what it
/// depends on (the experiment seed, the run's seed, and the config it needs), so runs that
/// differ in anything else draw the same numbers for the same seed (common random
/// numbers): runs that differ only in optimizer, learning rate, schedule, loss, weight
/// decay, early stopping or iterations start from the same weights and see the same
/// mini-batches, and their comparison is paired.
///   init     the initial weights: the canonical `model` block (init included) and the
///            input width (model.init numpy_legacy uses the run's seed alone, as the
///            course's np.random.seed(seed); a weights file uses no random numbers);
///   batches  the mini-batch order (epoch e shuffles with Rng(mix_seed(batches, e))): the
///            canonical `dataset` block, training.batch_size and training.shuffle;
///   split    the validation split of training.validation_fraction: the canonical
///            `dataset` block and the fraction, so it is the same for every run of a seed
///            whatever its optimizer or batch settings.
/// Data generators draw from the dataset's own seed (in its block), as before.
struct RunStreams {
  std::uint64_t init = 0;
  std::uint64_t batches = 0;
  std::uint64_t split = 0;
};

/// The streams of the run with this resolved `config` (its dataset and model blocks),
/// `training` (as parsed from it), `seed` (the run's) in an experiment of
/// `experiment_seed`, on data with n_inputs features.
NNLAB_EXPORT RunStreams run_streams(const ConfigNode& config, const TrainSettings& training,
                                    std::uint64_t experiment_seed, std::uint64_t seed,
                                    arma::uword n_inputs);

} // namespace nnlab
