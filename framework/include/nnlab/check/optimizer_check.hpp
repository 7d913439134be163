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

/// Conformance of an optimizer (what `runner check-plugin` runs on one):
/// - per problem, a fresh optimizer descends problem.steps steps; PASS when the end is
///   finite, the gap f - f* fell below problem.max_gap_ratio of its start value and the
///   distance to the optimum shrank;
/// - state()/restore(): after 10 of 20 logistic regression steps, a fresh optimizer
///   restored from the state continues bit for bit like the original;
/// - reset(n): a second run after reset repeats a fresh optimizer's run bit for bit.
/// `subject` heads the report, e.g. "optimizer 'adam'".
NNLAB_EXPORT CheckReport
check_optimizer(const OptimizerFactory& make, std::string subject,
                const std::vector<OptimizationProblem>& problems = standard_problems());

} // namespace nnlab
