#include "nnlab/engine/progress.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>

#include <sys/ioctl.h>
#include <unistd.h>

#include "nnlab/storage/final_value.hpp"

namespace nnlab {

namespace {

double final_of(const RunRecord& record, const char* series) {
  return run_final_value(record, series_named(series));
}

std::string clock_text(double seconds) {
  const long total = std::lround(seconds);
  char text[32];
  if (total >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20) return size.ws_col;
  return 100;
}

} // namespace

ProgressReporter::ProgressReporter(std::ostream& out, std::size_t total, std::size_t to_train,
                                   bool terminal, bool quiet)
    : out_(out), total_(total), to_train_(to_train), terminal_(terminal), quiet_(quiet) {
  if (terminal_ && !quiet_ && to_train_ > 0) draw_status();
}

std::string ProgressReporter::run_line(const RunRecord& r, std::size_t total) {
  char line[512];
  char valid[32] = "";
  if (!r.series.cost_valid.is_empty())
    std::snprintf(valid, sizeof valid, "cost_valid %.5f  ", final_of(r, "cost_valid"));
  const int digits = static_cast<int>(std::to_string(total).size());
  std::snprintf(line, sizeof line,
                "[%*zu/%zu] %s  %-8s  %scost_test %.5f  acc_test %5.1f%%  %6.2f s  %s", digits,
                r.index + 1, total, r.id.c_str(), to_string(r.status).c_str(), valid,
                final_of(r, "cost_test"), 100 * final_of(r, "accuracy_test"), r.wall_time_s,
                run_title(r.label, r.seed).c_str());
  std::string text = line;
  if (r.resumed_from > 0)
    text += "\n        resumed from its checkpoint at iteration " + std::to_string(r.resumed_from);
  if (r.status != RunStatus::done || !r.message.empty()) text += "\n        " + r.message;
  return text;
}

std::string ProgressReporter::status_line() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string text = std::to_string(trained_) + "/" + std::to_string(to_train_) + " trained";
  if (failed_ > 0) text += ", " + std::to_string(failed_) + " failed";
  text += " | " + clock_text(elapsed) + " elapsed";
  if (trained_ > 0 && trained_ < to_train_)
    text += ", ETA " + clock_text(elapsed / static_cast<double>(trained_) *
                                  static_cast<double>(to_train_ - trained_));
  if (!best_label_.empty()) {
    char best[64];
    std::snprintf(best, sizeof best, " | best %s %.5f", best_metric_, best_cost_);
    text += best + (" (" + best_label_ + ")");
  }
  return text;
}

void ProgressReporter::finished(const RunRecord& record) {
  ++trained_;
  if (record.status == RunStatus::failed) ++failed_;
  // With a validation set, runs are compared on it: the test set is only reported.
  const bool valid = !record.series.cost_valid.is_empty();
  if (valid && std::string_view(best_metric_) != "cost_valid") {
    best_metric_ = "cost_valid";
    best_label_.clear();
  }
  const double cost = final_of(record, valid ? "cost_valid" : "cost_test");
  if (record.status == RunStatus::done && std::isfinite(cost) &&
      (valid || std::string_view(best_metric_) == "cost_test") &&
      (best_label_.empty() || cost < best_cost_)) {
    best_cost_ = cost;
    best_label_ = run_title(record.label, record.seed);
  }
  print(run_line(record, total_) + "\n");
}

void ProgressReporter::print(const std::string& text) {
  if (quiet_) return;
  clear_status();
  out_ << text;
  if (terminal_ && trained_ < to_train_) draw_status();
  out_.flush();
}

void ProgressReporter::close() {
  if (quiet_) return;
  clear_status();
  out_.flush();
}

void ProgressReporter::clear_status() {
  if (status_shown_) out_ << "\r\033[K";
  status_shown_ = false;
}

void ProgressReporter::draw_status() {
  std::string line = status_line();
  // A wrapped line could not be redrawn in place.
  const std::size_t width = terminal_width() - 1;
  if (line.size() > width) line = line.substr(0, width);
  out_ << line << std::flush;
  status_shown_ = true;
}

} // namespace nnlab
