#include "nnlab/check/check_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <sstream>
#include <stdexcept>

namespace nnlab {

CheckReport::CheckReport(std::string subject) : subject_(std::move(subject)) {}

void CheckReport::note(std::string text) {
  notes_.push_back(std::move(text));
}

CheckResult run_check(std::string name, const std::function<bool(std::string& detail)>& check) {
  CheckResult result{std::move(name), false, {}};
  try {
    result.passed = check(result.detail);
  } catch (const std::exception& e) {
    // The plugin threw: that is its verdict, and the rest of the checks still run.
    result.passed = false;
    result.detail = "threw: " + std::string(e.what());
  }
  return result;
}

void CheckReport::add(std::string name, bool passed, std::string detail) {
  results_.push_back({std::move(name), passed, std::move(detail)});
}

void CheckReport::add(CheckResult result) {
  results_.push_back(std::move(result));
}

void CheckReport::run(std::string name, const std::function<bool(std::string& detail)>& check) {
  add(run_check(std::move(name), check));
}

std::size_t CheckReport::failures() const {
  return static_cast<std::size_t>(
      std::count_if(results_.begin(), results_.end(), [](const auto& r) { return !r.passed; }));
}

const CheckResult& CheckReport::result(std::string_view name) const {
  for (const auto& r : results_)
    if (r.name == name) return r;
  throw std::out_of_range("no check named '" + std::string(name) + "' in the report on " +
                          subject_);
}

bool CheckReport::passed() const {
  return !results_.empty() && failures() == 0;
}

std::string CheckReport::text() const {
  std::ostringstream out;
  out << subject_ << '\n';
  for (const auto& line : notes_)
    out << "  " << line << '\n';
  for (const auto& r : results_)
    out << (r.passed ? "PASS " : "FAIL ") << r.name << (r.detail.empty() ? "" : ": ") << r.detail
        << '\n';
  if (results_.empty())
    out << "FAIL no checks ran\n";
  else if (passed())
    out << subject_ << ": all " << results_.size() << " checks passed\n";
  else
    out << subject_ << ": " << failures() << " of " << results_.size() << " checks FAILED\n";
  return out.str();
}

std::string figure(double value) {
  if (std::isnan(value)) return "nan"; // printf may say "-nan"
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value + 0.0); // + 0.0: -0 prints as 0
  return buffer;
}

} // namespace nnlab
