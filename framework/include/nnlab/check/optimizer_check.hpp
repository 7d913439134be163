#pragma once

#include <armadillo>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nnlab/check/check_report.hpp"
#include "nnlab/check/optimization_problem.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/optimizer.hpp"

namespace nnlab {

/// Builds a fresh optimizer, with the same settings at every call.
using OptimizerFactory = std::function<std::shared_ptr<Optimizer>()>;

/// reset(start size), then `steps` steps of `optimizer` on `problem` at problem.alpha from
/// problem.start; returns where it ends. Throws Error when step() resizes the parameters.
NNLAB_EXPORT arma::vec descend(Optimizer& optimizer, const OptimizationProblem& problem, int steps);

/// state()/restore(): `before` steps of `problem` from its start (after reset(n)), the state
/// restored into a fresh optimizer, then `after` more steps of both; passes when they end
/// bit for bit alike. The check "state()/restore()" of check_optimizer.
NNLAB_EXPORT CheckResult check_restore(const OptimizerFactory& make,
                                       const OptimizationProblem& problem, int before, int after);

/// reset(n): `steps` steps of `problem`, then reset(n) and `steps` steps again, against a
/// fresh optimizer's run; passes when bit for bit alike. The check "reset(n)" of
/// check_optimizer.
NNLAB_EXPORT CheckResult check_reset(const OptimizerFactory& make,
                                     const OptimizationProblem& problem, int steps);

/// Conformance of an optimizer (what `runner check-plugin` runs on one):
/// - per problem, a fresh optimizer descends problem.steps steps; PASS when the end is
///   finite, the gap f - f* fell below problem.max_gap_ratio of its start value and the
///   distance to the optimum shrank;
/// - state()/restore(): check_restore on logistic regression, 10 steps then 10;
/// - reset(n): check_reset on logistic regression, 20 steps.
/// `subject` heads the report, e.g. "optimizer 'adam'".
NNLAB_EXPORT CheckReport
check_optimizer(const OptimizerFactory& make, std::string subject,
                const std::vector<OptimizationProblem>& problems = standard_problems());

} // namespace nnlab
