#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// One conformance check: what was checked, the verdict and the figures behind it.
struct CheckResult {
  std::string name;
  bool passed = false;
  std::string detail;
};

/// The outcome of check_optimizer, check_loss or check_dataset: notes on the setup, then
/// one result per check. `runner check-plugin` prints text(); a plugin's own test can
/// REQUIRE(report.passed()) and print text() when it does not.
class NNLAB_EXPORT CheckReport {
public:
  /// `subject` names what is checked, e.g. "optimizer 'adam'".
  explicit CheckReport(std::string subject);

  /// A line of context printed before the results (parameters, data used, thresholds).
  void note(std::string text);
  void add(std::string name, bool passed, std::string detail);
  void add(CheckResult result);
  /// add(run_check(name, check)).
  void run(std::string name, const std::function<bool(std::string& detail)>& check);

  const std::string& subject() const { return subject_; }
  const std::vector<std::string>& notes() const { return notes_; }
  const std::vector<CheckResult>& results() const { return results_; }
  /// The result of the check called `name`; std::out_of_range "no check named ..." when
  /// there is none.
  const CheckResult& result(std::string_view name) const;
  std::size_t failures() const;
  /// True when there is at least one result and none failed.
  bool passed() const;

  /// The readable report: the subject, its notes, "PASS name: detail" or "FAIL name: detail"
  /// per check, and a last line with the count.
  std::string text() const;

private:
  std::string subject_;
  std::vector<std::string> notes_;
  std::vector<CheckResult> results_;
};

/// Runs `check`, which returns its verdict and writes its figures into `detail`. An
/// exception from it (i.e. from the plugin) is a FAIL whose detail is "threw: <message>".
/// Each single check (check_restore, check_loss_gradient, ...) is one such result, so a
/// plugin's own test can REQUIRE(result.passed) with the same figures check-plugin prints.
NNLAB_EXPORT CheckResult run_check(std::string name,
                                   const std::function<bool(std::string& detail)>& check);

/// A number for a report: 4 significant digits ("24.2", "0.0003162", "1.234e-09", "nan").
NNLAB_EXPORT std::string figure(double value);

} // namespace nnlab
