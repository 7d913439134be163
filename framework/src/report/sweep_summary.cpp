#include "nnlab/report/sweep_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/report/pruning_summary.hpp"

namespace nnlab {

namespace {

// NaN (a value a run does not have) is left out.
double median(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) return arma::datum::nan;
  return arma::median(arma::vec(values));
}

bool validates(const std::vector<RunSummary>& runs) {
  return std::any_of(runs.begin(), runs.end(),
                     [](const RunSummary& run) { return !std::isnan(run.cost_valid); });
}

void print_points(const std::vector<RunSummary>& runs, std::ostream& out, double good_accuracy) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RunSummary*>> groups;
  for (const auto& run : runs) {
    if (!run.has_results) continue;
    if (!groups.count(run.label)) order.push_back(run.label);
    groups[run.label].push_back(&run);
  }
  int width = 5;
  for (const auto& label : order)
    width = std::max(width, static_cast<int>(label.size()));
  const bool valid = validates(runs);
  char line[512];
  std::snprintf(line, sizeof line,
                "%-*s  runs  bad  %scost_test  acc_test min / median / max  >=%.0f%%\n", width,
                "point", valid ? "cost_valid  " : "", 100 * good_accuracy);
  out << line;
  for (const auto& label : order) {
    std::vector<double> costs, valid_costs, accuracies;
    std::size_t bad = 0, good = 0, pruned = 0;
    arma::uword rung = 0;
    for (const RunSummary* r : groups[label]) {
      bad += r->status == RunStatus::diverged || r->status == RunStatus::failed;
      if (r->status == RunStatus::pruned) {
        ++pruned;
        rung = std::max(rung, r->iterations);
      }
      costs.push_back(r->cost_test);
      if (!std::isnan(r->cost_valid)) valid_costs.push_back(r->cost_valid);
      accuracies.push_back(r->accuracy_test);
      good += r->accuracy_test >= good_accuracy;
    }
    char valid_cost[32] = "";
    if (valid) std::snprintf(valid_cost, sizeof valid_cost, "%10.5f  ", median(valid_costs));
    const auto [lo, hi] = std::minmax_element(accuracies.begin(), accuracies.end());
    std::snprintf(
        line, sizeof line, "%-*s  %4zu  %3zu  %s%9.5f  %6.1f%% / %5.1f%% / %5.1f%%  %zu/%zu%s\n",
        width, label.empty() ? "(all)" : label.c_str(), groups[label].size(), bad, valid_cost,
        median(costs), 100 * *lo, 100 * median(accuracies), 100 * *hi, good, groups[label].size(),
        pruned == 0 ? "" : ("  pruned at " + std::to_string(rung) + " (values there)").c_str());
    out << line;
  }
  // Successive halving: how far the runs got, and what it saved.
  if (const std::string pruning = pruning_line(runs); !pruning.empty()) out << pruning << '\n';
}

void print_best(const std::vector<RunSummary>& runs, std::ostream& out, std::size_t best) {
  // With a validation set the runs are ranked on it: the test set is only reported.
  const bool valid = validates(runs);
  const auto ranked = [valid](const RunSummary& r) { return valid ? r.cost_valid : r.cost_test; };
  std::vector<const RunSummary*> done;
  for (const auto& run : runs)
    if (run.has_results && run.status == RunStatus::done && std::isfinite(ranked(run)))
      done.push_back(&run);
  if (done.size() < 2) return;
  std::sort(done.begin(), done.end(), [&](const RunSummary* a, const RunSummary* b) {
    return ranked(*a) < ranked(*b) || (ranked(*a) == ranked(*b) && a->index < b->index);
  });
  out << (valid ? "\nbest runs by final validation cost:\n" : "\nbest runs by final test cost:\n");
  char line[512];
  for (std::size_t i = 0; i < std::min(best, done.size()); ++i) {
    const RunSummary& r = *done[i];
    char valid_cost[32] = "";
    if (valid) std::snprintf(valid_cost, sizeof valid_cost, "cost_valid %.5f  ", r.cost_valid);
    std::snprintf(line, sizeof line, "  %zu. %s  %scost_test %.5f  acc_test %5.1f%%  %s\n", i + 1,
                  r.id.c_str(), valid_cost, r.cost_test, 100 * r.accuracy_test,
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

void print_left_out(const std::vector<RunSummary>& runs, std::ostream& out) {
  std::size_t n = 0;
  for (const auto& run : runs)
    n += !run.has_results;
  if (n == 0) return;
  out << '\n'
      << n << (n == 1 ? " run has" : " runs have")
      << " no results (left out of the tables and plots):\n";
  for (const auto& run : runs) {
    if (run.has_results) continue;
    out << "  run " << run.index + 1 << " (" << run.id << ", " << run_title(run.label, run.seed)
        << "): " << to_string(run.status)
        << (run.message.empty() ? " before its first iteration" : ": " + run.message) << '\n';
  }
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
                    final_value(run, "cost_valid"),
                    final_value(run, "accuracy_valid"),
                    has_results(run),
                    run.test_f1,
                    run.test_roc_auc};
}

void print_summary(const std::vector<RunSummary>& runs, std::ostream& out, double good_accuracy,
                   std::size_t best) {
  if (std::any_of(runs.begin(), runs.end(), [](const RunSummary& r) { return r.has_results; }))
    print_points(runs, out, good_accuracy);
  print_best(runs, out, best);
  print_left_out(runs, out);
}

void write_summary_csv(const std::vector<RunSummary>& runs, const std::filesystem::path& file) {
  std::ofstream out(file);
  if (!out) throw StorageError(file.string() + ": cannot write");
  out << "run_id,index,label,seed,status,iterations,best_iteration,cost_train,cost_test,"
         "accuracy_train,accuracy_test,cost_valid,accuracy_valid,f1_test,auc_test,wall_time_s,"
         "message\n";
  out.precision(17);
  for (const auto& r : runs) {
    out << r.id << ',' << r.index << ',' << csv_field(r.label) << ',' << r.seed << ','
        << to_string(r.status) << ',' << r.iterations << ',' << r.best_iteration << ',';
    // A run without results has no final values: empty fields, not numbers.
    if (r.has_results)
      out << r.cost_train << ',' << r.cost_test << ',' << r.accuracy_train << ',' << r.accuracy_test
          << ',' << optional_number(r.cost_valid) << ',' << optional_number(r.accuracy_valid);
    else
      out << ",,,,,";
    out << ',' << optional_number(r.f1_test) << ',' << optional_number(r.auc_test) << ','
        << r.wall_time_s << ',' << csv_field(r.message) << '\n';
  }
  if (!out) throw StorageError(file.string() + ": write failed");
}

} // namespace nnlab
