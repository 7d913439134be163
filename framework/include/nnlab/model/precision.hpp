#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// The floating-point type a network's passes run in (`model.precision`).
/// - float64: double precision everywhere, the course's (and its NumPy code's) arithmetic;
///   the default.
/// - float32: the passes in single precision (SGEMM, float activation kernels), as PyTorch
///   trains by default, about twice as fast on wide layers. The parameters stay float64
///   master weights: the optimizer, the stored weights and checkpoints see doubles, and
///   the passes round them to float at the start of each pass. The loss plugin sees the
///   float outputs converted to double (exactly) and its gradient is rounded to float, so
///   a loss plugin needs no float version (see PanelPass).
enum class Precision { float64, float32 };

NNLAB_EXPORT std::string to_string(Precision precision);
NNLAB_EXPORT std::optional<Precision> precision_from(std::string_view name);
/// "float32", "float64".
NNLAB_EXPORT std::vector<std::string> precision_names();

} // namespace nnlab
