#pragma once

#include <span>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab::stats {

/// Holm's step-down correction of m p-values for testing them together (it controls the
/// family-wise error rate, as Bonferroni does, and rejects at least as much): with
/// p_(1) <= ... <= p_(m), p_holm_(i) = min(1, max over j <= i of (m - j + 1) p_(j)), each
/// returned in the input's place. A NaN p-value (a comparison with no test) stays NaN and
/// does not count in m.
NNLAB_EXPORT std::vector<double> holm(std::span<const double> p_values);

} // namespace nnlab::stats
