#include "nnlab/engine/sweep_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

double last(const arma::vec& series) {
  return series.is_empty() ? arma::datum::nan : series[series.n_elem - 1];
}

double median(std::vector<double> values) {
  if (values.empty()) return arma::datum::nan;
  return arma::median(arma::vec(values));
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

} // namespace

void print_summary(const std::vector<RunRecord>& records, std::ostream& out, double good_accuracy) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RunRecord*>> groups;
  for (const auto& record : records) {
    if (!groups.count(record.label)) order.push_back(record.label);
    groups[record.label].push_back(&record);
  }
  std::size_t width = 5;
  for (const auto& label : order)
    width = std::max(width, label.size());
  char line[512];
  std::snprintf(line, sizeof line,
                "%-*s  runs  bad  cost_test  acc_test min / median / max  >=%.0f%%\n",
                static_cast<int>(width), "point", 100 * good_accuracy);
  out << line;
  for (const auto& label : order) {
    std::vector<double> costs, accuracies;
    std::size_t bad = 0, good = 0;
    for (const RunRecord* r : groups[label]) {
      if (r->status != RunStatus::done) ++bad;
      costs.push_back(last(r->series.cost_test));
      const double accuracy = last(r->series.accuracy_test);
      accuracies.push_back(accuracy);
      if (accuracy >= good_accuracy) ++good;
    }
    const auto [lo, hi] = std::minmax_element(accuracies.begin(), accuracies.end());
    std::snprintf(
        line, sizeof line, "%-*s  %4zu  %3zu  %9.5f  %6.1f%% / %5.1f%% / %5.1f%%  %zu/%zu\n",
        static_cast<int>(width), label.empty() ? "(all)" : label.c_str(), groups[label].size(), bad,
        median(costs), 100 * *lo, 100 * median(accuracies), 100 * *hi, good, groups[label].size());
    out << line;
  }
}

void write_summary_csv(const std::vector<RunRecord>& records, const std::filesystem::path& file) {
  std::ofstream out(file);
  if (!out) throw StorageError(file.string() + ": cannot write");
  out << "run_id,index,label,seed,status,iterations,cost_train,cost_test,accuracy_train,"
         "accuracy_test,wall_time_s,message\n";
  out.precision(17);
  for (const auto& r : records)
    out << r.id << ',' << r.index << ',' << csv_field(r.label) << ',' << r.seed << ','
        << to_string(r.status) << ',' << r.iterations_done << ',' << last(r.series.cost_train)
        << ',' << last(r.series.cost_test) << ',' << last(r.series.accuracy_train) << ','
        << last(r.series.accuracy_test) << ',' << r.wall_time_s << ',' << csv_field(r.message)
        << '\n';
  if (!out) throw StorageError(file.string() + ": write failed");
}

} // namespace nnlab
