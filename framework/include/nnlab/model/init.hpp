#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/core/location.hpp"
#include "nnlab/core/rng.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {

/// How the parameters start (`model.init`). fan_in and fan_out are a layer's inputs and
/// units.
/// - uniform: every W and b entry uniform in [low, high) (the course: [0, 1));
/// - normal: every W and b entry from N(mean, std^2);
/// - xavier_uniform: W uniform in [-r, r), r = sqrt(6 / (fan_in + fan_out)); b = 0;
/// - xavier_normal: W from N(0, 2 / (fan_in + fan_out)); b = 0   (Glorot & Bengio 2010);
/// - he_uniform: W uniform in [-r, r), r = sqrt(6 / fan_in); b = 0;
/// - he_normal: W from N(0, 2 / fan_in); b = 0                    (He et al. 2015);
/// - numpy_legacy: the course notebook's `np.random.seed(seed)` then
///   `np.random.random((rows, cols))` for W1..WL, then b1..bL: uniform [0, 1) from NumPy's
///   legacy generator seeded with the run's seed, not from the run's Rng;
/// - file: every W and b read from `path` (HDF5 or CSV, see weights_file.hpp), for the
///   same start in nnlab and elsewhere, or a warm start from a stored run. No random
///   numbers: the run's seed does not change the weights.
struct InitSpec {
  enum class Kind {
    uniform,
    normal,
    xavier_uniform,
    xavier_normal,
    he_uniform,
    he_normal,
    numpy_legacy,
    file
  };
  Kind kind = Kind::uniform;
  double low = 0.0, high = 1.0; ///< uniform
  double mean = 0.0, std = 1.0; ///< normal
  std::uint64_t seed = 0;       ///< numpy_legacy: np.random.seed(seed) (< 2^32)
  std::filesystem::path path{}; ///< file: the weights file (relative: to the working folder)
  std::string group{"/"};       ///< file, HDF5 only: the group holding W1, b1, ...
  SourceLocation path_at{};     ///< file: where `path` was written, for errors
};

NNLAB_EXPORT std::optional<InitSpec::Kind> init_kind_from(std::string_view name);
NNLAB_EXPORT std::vector<std::string> init_kind_names();

/// Fills W1..WL, then b1..bL (the course's order), each row by row (NumPy's order): from
/// rng, or for numpy_legacy from NumPy's generator; for file, reads them (rng unused). A
/// weights file that cannot be read or does not fit the model throws ConfigError
/// "<path_at>: model.init.path: <file>: /W2 is 2 x 4, the model needs 2 x 3".
NNLAB_EXPORT void initialize(Mlp& mlp, const InitSpec& spec, Rng& rng);

/// Throws what initialize() would throw for a network of this architecture (a weights file
/// that is missing or does not fit), so a sweep stops before anything trains.
NNLAB_EXPORT void check_init(const InitSpec& spec, const Architecture& arch);

} // namespace nnlab
