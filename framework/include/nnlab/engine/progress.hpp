#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/storage/run_record.hpp"

namespace nnlab {

/// What the user sees while a sweep trains. Each finished run prints one line; on a
/// terminal a live status line stays below them (runs done/total, failed, elapsed, ETA,
/// best final test cost so far), redrawn in place. Quiet prints nothing. Called from
/// one thread (the sweep's writer).
class NNLAB_EXPORT ProgressReporter {
public:
  ProgressReporter(std::ostream& out, std::size_t total, std::size_t to_train, bool terminal,
                   bool quiet);

  /// A finished run: its line, then the status line.
  void finished(const RunRecord& record);
  /// A block of text (a run's --verbose lines) printed above the status line.
  void print(const std::string& text);
  /// Removes the status line (before the summary).
  void close();
  /// `more` runs to train besides those counted so far (a rung of successive halving).
  void expect(std::size_t more) { to_train_ += more; }

  /// "[ 3/27] <id>  done  cost_test 0.41049  acc_test  77.4%  1.02 s  <label> seed=1", with
  /// "cost_valid 0.38120  " before cost_test for a run with a validation set.
  static std::string run_line(const RunRecord& record, std::size_t total);
  /// "12/27 done, 1 failed | 0:12 elapsed, ETA 0:15 | best cost_test 0.00061 (<label> seed=1)"
  /// (best by cost_valid once a run with a validation set has finished).
  std::string status_line() const;

private:
  void clear_status();
  void draw_status();

  std::ostream& out_;
  std::size_t total_, to_train_, trained_ = 0, failed_ = 0;
  bool terminal_, quiet_, status_shown_ = false;
  double best_cost_ = 0.0;
  std::string best_label_;
  const char* best_metric_ = "cost_test"; ///< cost_valid once a run has validated
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

} // namespace nnlab
