#include "nnlab/train/course_printer.hpp"

#include <cstdio>

namespace nnlab {

bool CoursePrinter::scheduled(arma::uword iteration) {
  if (iteration <= 100) return iteration % 10 == 0;
  if (iteration <= 1000) return iteration % 100 == 0;
  return iteration % 1000 == 0;
}

bool CoursePrinter::on_iteration(const IterationStats& s) {
  if (!scheduled(s.iteration)) return false;
  char line[128];
  std::snprintf(line, sizeof line,
                "Iteration %4llu  Train cost: %.5f  Test cost: %.5f  Diff: %.1e\n",
                static_cast<unsigned long long>(s.iteration), s.cost_train, s.cost_test,
                s.cost_test - s.cost_train);
  out_ << line;
  return false;
}

} // namespace nnlab
