#pragma once

#include <ostream>

#include "nnlab/export.hpp"
#include "nnlab/train/observer.hpp"

namespace nnlab {

/// The course's printout on its schedule (every 10 iterations up to 100, every 100 up
/// to 1000, every 1000 after):
///   Iteration   10  Train cost: 0.69310  Test cost: 0.69298  Diff: -1.2e-04
class NNLAB_EXPORT CoursePrinter final : public TrainObserver {
public:
  explicit CoursePrinter(std::ostream& out) : out_(out) {}
  bool on_iteration(const IterationStats& stats) override;
  /// The course's print_every().
  static bool scheduled(arma::uword iteration);

private:
  std::ostream& out_;
};

} // namespace nnlab
