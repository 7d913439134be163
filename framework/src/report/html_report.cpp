#include "nnlab/report/html_report.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <locale>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/report/pruning_summary.hpp"

namespace nnlab {

namespace fs = std::filesystem;

namespace {

// The page's look: readable at any width, the course's two colours for the status marks.
constexpr const char* style = R"(
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; } h3 { font-size: 1.05em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; font-size: 0.88em; margin-bottom: 1em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; }
th { cursor: pointer; background: #f0f0f0; user-select: none; white-space: nowrap; }
th.sorted-asc::after { content: " \25B2"; } th.sorted-desc::after { content: " \25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-done { color: dodgerblue; } .status-diverged, .status-failed { color: darkorange; font-weight: bold; }
figure { display: inline-block; margin: 0.5em; vertical-align: top; }
figure img { max-width: 520px; width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.8em; color: #555; text-align: center; }
ul.notes { font-size: 0.85em; color: #444; }
)";

// Sorting by a header click (numbers as numbers), and the load check for headless tests.
constexpr const char* script = R"(
function sortTable(th) {
  const table = th.closest('table'), body = table.tBodies[0];
  const col = Array.from(th.parentNode.children).indexOf(th);
  const asc = !th.classList.contains('sorted-asc');
  table.querySelectorAll('th').forEach(h => h.classList.remove('sorted-asc', 'sorted-desc'));
  th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
  const key = tr => { const t = tr.children[col].dataset.value ?? tr.children[col].textContent;
                      const n = parseFloat(t); return isNaN(n) || !/^[-+0-9.eE]+$/.test(t) ? t : n; };
  const rows = Array.from(body.rows).sort((a, b) => {
    const x = key(a), y = key(b);
    const c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
    return asc ? c : -c; });
  rows.forEach(r => body.appendChild(r));
}
window.addEventListener('load', () => {
  const images = Array.from(document.images);
  const loaded = images.filter(i => i.complete && i.naturalWidth > 0).length;
  document.body.dataset.images = loaded + '/' + images.length;
  document.body.dataset.rows = document.querySelector('#runs tbody').rows.length;
});
)";

std::string number(double value, int digits) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(digits) << value;
  return out.str();
}

std::string percent(double fraction) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(1) << 100.0 * fraction;
  return out.str();
}

// A value only some runs have (F1, AUC): 3 decimals, or empty.
std::string optional(double value) {
  if (std::isnan(value)) return {};
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(3) << value;
  return out.str();
}

void write_table(std::ostream& out, const std::vector<RunSummary>& runs) {
  out << "<table id=\"runs\"><thead><tr>";
  for (const char* column :
       {"#", "run id", "point", "seed", "status", "iterations", "cost_train", "cost_test",
        "acc_train %", "acc_test %", "F1 test", "AUC test", "time s", "message"})
    out << "<th onclick=\"sortTable(this)\">" << column << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const RunSummary& run : runs) {
    if (!run.has_results) continue;
    const std::string status = to_string(run.status);
    out << "<tr><td class=\"num\">" << run.index + 1 << "</td><td><code>" << html_escape(run.id)
        << "</code></td><td>" << html_escape(run.label) << "</td><td class=\"num\">" << run.seed
        << "</td><td class=\"status-" << status << "\">" << status << "</td><td class=\"num\">"
        << run.iterations << "</td><td class=\"num\">" << number(run.cost_train, 5)
        << "</td><td class=\"num\">" << number(run.cost_test, 5) << "</td><td class=\"num\">"
        << percent(run.accuracy_train) << "</td><td class=\"num\">" << percent(run.accuracy_test)
        << "</td><td class=\"num\">" << optional(run.f1_test) << "</td><td class=\"num\">"
        << optional(run.auc_test) << "</td><td class=\"num\">" << number(run.wall_time_s, 3)
        << "</td><td>" << html_escape(run.message) << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

// The runs that have nothing to show: listed with what stopped them.
void write_left_out(std::ostream& out, const std::vector<RunSummary>& runs) {
  if (std::all_of(runs.begin(), runs.end(), [](const RunSummary& run) { return run.has_results; }))
    return;
  out << "<h2>Runs without results</h2>\n<p>Left out of the plots and of the table above.</p>\n"
         "<ul id=\"left-out\">\n";
  for (const RunSummary& run : runs) {
    if (run.has_results) continue;
    out << "<li>run " << run.index + 1 << " <code>" << html_escape(run.id) << "</code> "
        << html_escape(run_title(run.label, run.seed)) << ": <span class=\"status-"
        << to_string(run.status) << "\">" << to_string(run.status) << "</span>"
        << (run.message.empty() ? " before its first iteration" : ": " + html_escape(run.message))
        << "</li>\n";
  }
  out << "</ul>\n";
}

void write_group_table(std::ostream& out, const std::vector<std::vector<std::string>>& table,
                       const char* id = "groups", std::size_t text_columns = 2) {
  out << "<table id=\"" << id << "\"><thead><tr>";
  for (const auto& column : table.front())
    out << "<th onclick=\"sortTable(this)\">" << html_escape(column) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 1; r < table.size(); ++r) {
    out << "<tr>";
    for (std::size_t c = 0; c < table[r].size(); ++c)
      out << (c < text_columns ? "<td>" : "<td class=\"num\">") << html_escape(table[r][c])
          << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

void write_figure(std::ostream& out, const fs::path& image) {
  const std::string src = html_escape(image.generic_string());
  out << "<figure><a href=\"" << src << "\"><img src=\"" << src << "\" alt=\""
      << html_escape(image.stem().string()) << "\" loading=\"eager\"></a><figcaption>"
      << html_escape(image.filename().string()) << "</figcaption></figure>\n";
}

// The statistics' plots go with their table.
bool of_statistics(const fs::path& image) {
  return image.filename().string().rfind("differences-", 0) == 0;
}

// A run's own plot is named <kind>-<16 hex digits of its id>.<ext>.
bool of_one_run(const fs::path& image) {
  const std::string stem = image.stem().string();
  const auto dash = stem.rfind('-');
  if (dash == std::string::npos || stem.size() - dash - 1 != 16) return false;
  return stem.find_first_not_of("0123456789abcdef", dash + 1) == std::string::npos;
}

// The question's answer first: convergence, then the other comparisons, then the rest.
std::size_t sweep_rank(const fs::path& image) {
  const std::string name = image.filename().string();
  std::size_t rank = 0;
  for (const char* prefix : {"convergence-cost", "convergence-", "speed-", "heatmap-",
                             "importance-", "slice-", "parallel-", "history-", "sweep-"}) {
    if (name.rfind(prefix, 0) == 0) return rank;
    ++rank;
  }
  return rank;
}

} // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

void write_html_report(const fs::path& file, const HtmlReport& report) {
  std::ostringstream page;
  const std::string title = html_escape(report.title);
  page << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << title
       << " - nnlab report</title>\n<style>" << style << "</style>\n<script>" << script
       << "</script>\n</head><body>\n<h1>" << title << "</h1>\n";
  std::size_t failed = 0, diverged = 0, pruned = 0;
  for (const RunSummary& run : report.runs) {
    failed += run.status == RunStatus::failed;
    diverged += run.status == RunStatus::diverged;
    pruned += run.status == RunStatus::pruned;
  }
  page << "<p>" << report.runs.size() << (report.runs.size() == 1 ? " run: " : " runs: ")
       << report.runs.size() - failed - diverged - pruned << " done, " << diverged << " diverged, "
       << failed << " failed"
       << (pruned > 0 ? ", " + std::to_string(pruned) + " pruned" : std::string()) << ".</p>\n";
  // Successive halving: the runs per rung and the iterations saved.
  if (const std::string line = pruning_line(report.runs); !line.empty())
    page << "<p>" << html_escape(line) << "</p>\n";

  // Experiment-wide plots first: they answer the sweep's question.
  std::vector<fs::path> sweep, per_run, statistics;
  for (const fs::path& image : report.images)
    (of_one_run(image) ? per_run : of_statistics(image) ? statistics : sweep).push_back(image);
  std::stable_sort(sweep.begin(), sweep.end(), [](const fs::path& a, const fs::path& b) {
    return sweep_rank(a) < sweep_rank(b);
  });
  if (!sweep.empty()) {
    page << (report.stores.empty() ? "<h2>Across the sweep</h2>\n" : "<h2>Compared</h2>\n");
    for (const fs::path& image : sweep)
      write_figure(page, image);
  }
  if (!report.group_table.empty()) {
    page << "<h2>Groups</h2>\n";
    write_group_table(page, report.group_table);
  }
  if (!report.statistics.empty()) {
    page << "<h2>Statistics: " << html_escape(report.statistics_heading) << "</h2>\n";
    write_group_table(page, report.statistics, "stats", 3);
    page << "<ul class=\"notes\">\n";
    for (const auto& note : report.statistics_notes)
      page << "<li>" << html_escape(note) << "</li>\n";
    page << "</ul>\n";
  }
  for (const fs::path& image : statistics)
    write_figure(page, image);
  page << "<h2>Runs</h2>\n";
  write_table(page, report.runs);
  write_left_out(page, report.runs);
  if (!per_run.empty()) {
    page << "<h2>The best run of each group</h2>\n";
    for (const fs::path& image : per_run)
      write_figure(page, image);
  }
  if (report.stores.empty())
    page << "<h2>Experiment</h2>\n<pre>" << html_escape(report.experiment_yaml) << "</pre>\n";
  else
    page << "<h2>Stores compared</h2>\n";
  for (const auto& store : report.stores)
    page << "<h3>" << html_escape(store.name) << "</h3>\n<p><code>" << html_escape(store.file)
         << "</code></p>\n<pre>" << html_escape(store.yaml) << "</pre>\n";
  if (!report.overrides.empty()) {
    page << "<p>Overrides given on the command line:</p>\n<pre>";
    for (const auto& override : report.overrides)
      page << html_escape(override) << '\n';
    page << "</pre>\n";
  }
  page << "</body></html>\n";

  const fs::path tmp = fs::path(file) += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw StorageError(tmp.string() + ": cannot write: " + std::strerror(errno));
    out << page.str();
    out.flush();
    if (!out) throw StorageError(tmp.string() + ": cannot write: " + std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw StorageError(file.string() + ": cannot write: " + ec.message());
}

} // namespace nnlab
