#pragma once

#include <string>

#include "nnlab/core/rng.hpp"
#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {

/// How the parameters start. `uniform`: every W and b entry uniform in [low, high)
/// (the course: [0, 1)).
struct InitSpec {
  enum class Kind { uniform };
  Kind kind = Kind::uniform;
  double low = 0.0;
  double high = 1.0;
};

/// Fills W1..WL, then b1..bL (the course's order), each row by row (NumPy's order), from rng.
NNLAB_EXPORT void initialize(Mlp& mlp, const InitSpec& spec, Rng& rng);

} // namespace nnlab
