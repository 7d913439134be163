#pragma once

namespace nnlab::stats {

/// P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z score.
double two_sided_normal_p(double z);

/// The q-quantile of the standard normal (0 < q < 1): 1.959964 for 0.975.
double normal_quantile(double q);

} // namespace nnlab::stats
