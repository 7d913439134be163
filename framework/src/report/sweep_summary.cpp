#include "nnlab/report/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

double median(std::vector<double> values) {
  if (values.empty()) return arma::datum::nan;
  return arma::median(arma::vec(values));
}

void print_points(const std::vector<RunSummary>& runs, std::ostream& out, double good_accuracy) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RunSummary*>> groups;
  for (const auto& run : runs) {
    if (!groups.count(run.label)) order.push_back(run.label);
    groups[run.label].push_back(&run);
  }
  int width = 5;
  for (const auto& label : order)
    width = std::max(width, static_cast<int>(label.size()));
  char line[512];
  std::snprintf(line, sizeof line,
                "%-*s  runs  bad  cost_test  acc_test min / median / max  >=%.0f%%\n", width,
                "point", 100 * good_accuracy);
  out << line;
  for (const auto& label : order) {
    std::vector<double> costs, accuracies;
    std::size_t bad = 0, good = 0;
    for (const RunSummary* r : groups[label]) {
      bad += r->status != RunStatus::done;
      costs.push_back(r->cost_test);
      accuracies.push_back(r->accuracy_test);
      good += r->accuracy_test >= good_accuracy;
    }
    const auto [lo, hi] = std::minmax_element(accuracies.begin(), accuracies.end());
    std::snprintf(line, sizeof line,
                  "%-*s  %4zu  %3zu  %9.5f  %6.1f%% / %5.1f%% / %5.1f%%  %zu/%zu\n", width,
                  label.empty() ? "(all)" : label.c_str(), groups[label].size(), bad, median(costs),
                  100 * *lo, 100 * median(accuracies), 100 * *hi, good, groups[label].size());
    out << line;
  }
}

void print_best(const std::vector<RunSummary>& runs, std::ostream& out, std::size_t best) {
  std::vector<const RunSummary*> done;
  for (const auto& run : runs)
    if (run.status == RunStatus::done && std::isfinite(run.cost_test)) done.push_back(&run);
  if (done.size() < 2) return;
  std::sort(done.begin(), done.end(), [](const RunSummary* a, const RunSummary* b) {
    return a->cost_test < b->cost_test || (a->cost_test == b->cost_test && a->index < b->index);
  });
  out << "\nbest runs by final test cost:\n";
  char line[512];
  for (std::size_t i = 0; i < std::min(best, done.size()); ++i) {
    const RunSummary& r = *done[i];
    std::snprintf(line, sizeof line, "  %zu. %s  cost_test %.5f  acc_test %5.1f%%  %s\n", i + 1,
                  r.id.c_str(), r.cost_test, 100 * r.accuracy_test,
                  run_title(r.label, r.seed).c_str());
    out << line;
  }
}

// A value that only some runs have: empty when NaN.
std::string optional_number(double value) {
  if (std::isnan(value)) return {};
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

} // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

RunSummary summarize(const StoredRun& run) {
  const RunRecord& r = run.record;
  const SplitEvaluation* test = r.evaluation.find("test");
  return RunSummary{r.id,
                    r.label,
                    r.message,
                    r.index,
                    r.seed,
                    r.status,
                    r.iterations_done,
                    r.best_iteration,
                    final_value(run, "cost_train"),
                    final_value(run, "cost_test"),
                    final_value(run, "accuracy_train"),
                    final_value(run, "accuracy_test"),
                    r.wall_time_s,
                    test ? test->f1_score : arma::datum::nan,
                    test ? test->roc_auc : arma::datum::nan};
}

void print_summary(const std::vector<RunSummary>& runs, std::ostream& out, double good_accuracy,
                   std::size_t best) {
  print_points(runs, out, good_accuracy);
  print_best(runs, out, best);
}

void write_summary_csv(const std::vector<RunSummary>& runs, const std::filesystem::path& file) {
  std::ofstream out(file);
  if (!out) throw StorageError(file.string() + ": cannot write");
  out << "run_id,index,label,seed,status,iterations,best_iteration,cost_train,cost_test,"
         "accuracy_train,accuracy_test,f1_test,auc_test,wall_time_s,message\n";
  out.precision(17);
  for (const auto& r : runs)
    out << r.id << ',' << r.index << ',' << csv_field(r.label) << ',' << r.seed << ','
        << to_string(r.status) << ',' << r.iterations << ',' << r.best_iteration << ','
        << r.cost_train << ',' << r.cost_test << ',' << r.accuracy_train << ',' << r.accuracy_test
        << ',' << optional_number(r.f1_test) << ',' << optional_number(r.auc_test) << ','
        << r.wall_time_s << ',' << csv_field(r.message) << '\n';
  if (!out) throw StorageError(file.string() + ": write failed");
}

} // namespace nnlab
