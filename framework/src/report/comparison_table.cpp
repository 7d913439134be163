#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <locale>
#include <ostream>
#include <set>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/report/html_report.hpp"
#include "nnlab/report/store_comparison.hpp"
#include "nnlab/report/sweep_summary.hpp"
#include "text_table.hpp"

namespace nnlab {

namespace {

std::string number(double value) {
  if (std::isnan(value)) return "-";
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(4) << value;
  return out.str();
}

std::string iterations(const ComparedGroup& group) {
  if (std::isnan(group.median_iterations)) return "-";
  const std::string reached =
      " (" + std::to_string(group.reached) + "/" + std::to_string(group.runs) + ")";
  if (std::isinf(group.median_iterations)) return "never" + reached;
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(10) << group.median_iterations << reached;
  return out.str();
}

std::string target_header(const StoreComparison& comparison) {
  if (std::isnan(comparison.target)) return "iterations to target";
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(3) << "iterations to <= " << comparison.target;
  return out.str();
}

} // namespace

std::vector<std::vector<std::string>> comparison_rows(const StoreComparison& comparison) {
  std::vector<std::vector<std::string>> rows{{"store", "group", "runs",
                                              "final " + comparison.metric,
                                              target_header(comparison), "diverged", "failed"}};
  for (const auto& group : comparison.groups)
    rows.push_back({comparison.stores[group.store], group.group, std::to_string(group.runs),
                    group.pruned == group.runs && group.runs > 0
                        ? "pruned at " + std::to_string(group.pruned_at)
                        : number(group.median_final),
                    iterations(group), std::to_string(group.diverged),
                    std::to_string(group.failed)});
  return rows;
}

void print_comparison_table(const StoreComparison& comparison, std::ostream& out) {
  // names to the left, numbers to the right
  print_text_table(
      comparison_rows(comparison), [](std::size_t c, std::size_t) { return c < 2; }, out);
  out << "final " << comparison.metric << ": median over the group's runs; iterations: median "
      << "first iteration at or below the target (reached/runs), \"never\" when half or more "
         "never got there\n";
  // Successive halving: a store's pruned runs, never ranked against finished ones.
  for (std::size_t store = 0; store < comparison.stores.size(); ++store) {
    std::size_t pruned = 0, runs = 0;
    std::set<arma::uword> rungs;
    for (const auto& group : comparison.groups) {
      if (group.store != store) continue;
      runs += group.runs;
      pruned += group.pruned;
      if (group.pruned > 0) rungs.insert(group.pruned_at);
    }
    if (pruned == 0) continue;
    out << comparison.stores[store] << ": " << pruned << " of " << runs
        << " runs pruned by successive halving (at iterations";
    for (const arma::uword rung : rungs)
      out << ' ' << rung;
    out << "): no final value, never ranked against finished runs\n";
  }
  if (comparison.left_out.empty()) return;
  out << comparison.left_out.size() << (comparison.left_out.size() == 1 ? " run has" : " runs have")
      << " no results (left out of the groups):\n";
  for (const auto& [store, run] : comparison.left_out)
    out << "  " << comparison.stores[store] << ": run " << run.index + 1 << " (" << run.id << ", "
        << run_title(run.label, run.seed) << "): " << to_string(run.status)
        << (run.message.empty() ? " before its first iteration" : ": " + run.message) << '\n';
}

void write_comparison_csv(const StoreComparison& comparison, const std::filesystem::path& file) {
  std::ostringstream text;
  text.imbue(std::locale::classic());
  text.precision(17);
  text << "store,group,runs,median_final_" << comparison.metric
       << ",median_iterations_to_target,reached,diverged,failed,target\n";
  for (const auto& group : comparison.groups)
    text << csv_field(comparison.stores[group.store]) << ',' << csv_field(group.group) << ','
         << group.runs << ',' << group.median_final << ',' << group.median_iterations << ','
         << group.reached << ',' << group.diverged << ',' << group.failed << ','
         << comparison.target << '\n';
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text.str();
  out.flush();
  if (!out) throw StorageError(file.string() + ": cannot write: " + std::strerror(errno));
}

HtmlReport comparison_report(const StoreComparison& comparison,
                             const std::vector<StoredExperiment>& experiments,
                             std::vector<std::filesystem::path> images) {
  HtmlReport report;
  for (const auto& name : comparison.stores)
    report.title += (report.title.empty() ? "compare " : " vs ") + name;
  for (std::size_t s = 0; s < experiments.size(); ++s) {
    for (const auto* runs : {&experiments[s].runs, &experiments[s].without_results})
      for (const auto& run : *runs) {
        RunSummary summary = summarize(run);
        summary.label = comparison.stores[s] + (summary.label.empty() ? "" : ": " + summary.label);
        summary.has_results = runs == &experiments[s].runs;
        report.runs.push_back(std::move(summary));
      }
    report.stores.push_back(
        {comparison.stores[s], experiments[s].store.string(), experiments[s].yaml});
  }
  report.images = std::move(images);
  report.group_table = comparison_rows(comparison);
  return report;
}

} // namespace nnlab
