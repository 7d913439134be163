#pragma once

#include <string>

#include "nnlab/check/check_report.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/loss.hpp"

namespace nnlab {

/// gradient(output, target) against m = output.n_cols times the central-difference gradient
/// of value(., target) at output, relative error below 1e-6, with d_output filled with NaN
/// beforehand (so it must be overwritten). The gradient checks of check_loss.
NNLAB_EXPORT CheckResult check_loss_gradient(const Loss& loss, const arma::mat& output,
                                             const arma::mat& target,
                                             std::string name = "gradient");

/// Conformance of a loss (what `runner check-plugin` runs on one), on two random cases of
/// the kinds the core feeds a loss (fixed seed):
///   binary:    1 x 8 outputs in (0.05, 0.95), targets 0 and 1;
///   3 classes: 3 x 9 outputs, columns softmax-like (positive, summing to 1), one-hot targets.
/// Checks, for both cases unless said otherwise:
/// - gradient() equals m times the central-difference gradient of value(), relative error
///   below 1e-6, with d_output filled with NaN beforehand (so it must be overwritten);
/// - value() >= 0 everywhere it is evaluated;
/// - minimal at the target: value(y, y) is within 1e-9 of 0 and value grows strictly
///   along the straight path from y to the random output;
/// - value() is the mean over samples: equal to the mean of each column's value alone;
/// - symmetric in classes (3 classes): permuting the rows of output and target leaves it
///   unchanged, and the uniform output 1/3 costs the same whichever class is the target.
/// These hold for any loss fit for these outputs; no formula is assumed.
NNLAB_EXPORT CheckReport check_loss(const Loss& loss, std::string subject);

} // namespace nnlab
