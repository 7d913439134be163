#include "nnlab/report/statistics_table.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <locale>
#include <sstream>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/difference_plot.hpp"
#include "nnlab/report/sweep_summary.hpp"
#include "nnlab/stats/rank_sum.hpp"
#include "nnlab/stats/signed_rank.hpp"
#include "nnlab/train/series.hpp"
#include "text_table.hpp"

namespace nnlab {

namespace {

std::string number(double value, int digits = 4) {
  if (std::isnan(value)) return "-";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::setprecision(digits) << value;
  return out.str();
}

std::string percent(double fraction) {
  if (std::isnan(fraction)) return "-";
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out << std::fixed << std::setprecision(0) << 100.0 * fraction << " %";
  return out.str();
}

std::string level(const GroupStatistics& statistics) {
  return number(100.0 * statistics.bootstrap.level, 3) + " %";
}

std::string measure(const GroupStatistics& statistics, bool iterations) {
  if (!iterations) return "final " + statistics.metric;
  return "iterations to " + statistics.metric + " <= " + number(statistics.target, 3);
}

std::string sample_size(const StatisticsRow& row) {
  if (row.result.paired)
    return std::to_string(row.result.n) + (row.result.n == 1 ? " pair" : " pairs");
  return std::to_string(row.result.n) + " vs " + std::to_string(row.result.n_baseline);
}

/// The smallest two-sided p-value the row's exact test can give, whatever the data: all
/// n differences of one sign (2 / 2^n), or the groups wholly apart (2 / C(n + m, n)).
double smallest_p(const StatisticsRow& row) {
  const auto& r = row.result;
  if (r.paired)
    return std::min(1.0, std::ldexp(2.0, -static_cast<int>(std::min<std::size_t>(r.n, 1000))));
  double ways = 1.0; // C(n + m, n), as a double: only whether 2 / ways is small matters
  for (std::size_t k = 1; k <= r.n && ways < 1e9; ++k)
    ways = ways * static_cast<double>(r.n_baseline + k) / static_cast<double>(k);
  return std::min(1.0, 2.0 / ways);
}

bool any_row(const GroupStatistics& statistics, bool paired) {
  for (const auto& row : statistics.rows)
    if (row.result.paired == paired) return true;
  return false;
}

std::string title_case(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

/// `text` in lines of at most `width` characters (a longer word keeps its own line), the
/// lines after the first indented by two spaces; each line ends in a newline.
std::string wrapped(const std::string& text, std::size_t width) {
  // "95 %" stays on one line: a "%" goes with the number before it
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;)
    if (word.front() == '%' && !words.empty())
      words.back() += ' ' + word;
    else
      words.push_back(word);
  std::string out, line;
  for (const auto& word : words) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line = "  ";
    }
    line += (line.empty() || line == "  " ? "" : " ") + word;
  }
  return out + line + '\n';
}

double alpha_of(const GroupStatistics& statistics) {
  return 1.0 - statistics.bootstrap.level;
}

std::string verdict(const StatisticsRow& row, double alpha) {
  const std::string said = comparison_verdict(row, alpha);
  return said.empty() ? "-" : said;
}

} // namespace

std::string comparison_verdict(const StatisticsRow& row, double alpha) {
  if (std::isnan(row.p_holm)) return "";
  if (row.p_holm >= alpha || row.result.win_rate == 0.5) return "no clear difference";
  return row.result.win_rate > 0.5 ? "better" : "worse";
}

std::vector<std::vector<std::string>> statistics_rows(const GroupStatistics& statistics) {
  std::vector<std::vector<std::string>> rows{{"measure", "group", "baseline", "n", "difference",
                                              level(statistics) + " interval", "p", "p (Holm)",
                                              "win rate", "test", "verdict"}};
  for (const auto& row : statistics.rows) {
    const auto& r = row.result;
    rows.push_back({measure(statistics, row.iterations), row.group, row.baseline, sample_size(row),
                    number(r.difference), "[" + number(r.low) + ", " + number(r.high) + "]",
                    number(r.p_value, 2), number(row.p_holm, 2), percent(r.win_rate),
                    r.paired ? "signed-rank" : "rank-sum", verdict(row, alpha_of(statistics))});
  }
  return rows;
}

std::vector<std::string> statistics_notes(const GroupStatistics& statistics) {
  const std::string lvl = level(statistics);
  std::vector<std::string> notes{
      "difference: group - baseline (for a cost and for iterations, below 0 means the group "
      "does better); win rate: how often the group does better, ties counting half"};
  if (any_row(statistics, true))
    notes.push_back("paired (the same seeds and starting weights on both sides): the median of the "
                    "per-seed differences with its " +
                    lvl + " percentile bootstrap interval (" +
                    std::to_string(statistics.bootstrap.resamples) + " resamples, seed " +
                    std::to_string(statistics.bootstrap.seed) +
                    "); p: Wilcoxon signed-rank, two-sided, exact up to " +
                    std::to_string(stats::signed_rank_exact_max) +
                    " non-zero differences (zeros dropped), normal approximation beyond");
  if (any_row(statistics, false))
    notes.push_back("unpaired: the Hodges-Lehmann shift with its " + lvl +
                    " distribution-free interval; p: Mann-Whitney U (rank-sum), two-sided, "
                    "exact up to " +
                    std::to_string(stats::rank_sum_exact_max) +
                    " runs a group, normal approximation beyond; win rate: the chance that "
                    "a group run beats a baseline run");
  notes.push_back("p (Holm): corrected for the " + std::to_string(statistics.rows.size()) +
                  " comparisons of this table together (Holm's step-down method); verdict: "
                  "better or worse than the baseline when p (Holm) < " +
                  number(alpha_of(statistics), 3) +
                  ", on the side the win rate leans to, else no clear difference");
  // Too few seeds: no data could make the test significant; say so once per sample size,
  // rather than let a large p read as "no difference".
  const double alpha = alpha_of(statistics);
  std::vector<std::string> too_few;
  for (const auto& row : statistics.rows) {
    const std::string size = sample_size(row);
    if (row.iterations || std::isnan(row.result.p_value) || smallest_p(row) <= alpha ||
        std::find(too_few.begin(), too_few.end(), size) != too_few.end())
      continue;
    too_few.push_back(size);
    notes.push_back("with " + size + " no p-value can go below " + number(smallest_p(row), 2) +
                    ", whatever the runs do: the test cannot show a difference at " +
                    number(100.0 * alpha, 3) + " %; more seeds can");
  }
  if (!std::isnan(statistics.target))
    notes.push_back("iterations: a run that never reached the target counts as later than any "
                    "that did; a diverged run counts as the worst; failed runs are left out");
  for (const auto& row : statistics.rows)
    if (!row.result.paired && !row.iterations)
      notes.push_back(row.group + " is not paired with " + row.baseline + ": " + row.note);
  return notes;
}

void print_statistics(const GroupStatistics& statistics, std::ostream& out) {
  out << "statistics: each group against " << statistics.baseline << '\n';
  // words to the left (measure, group, baseline; test, verdict), numbers to the right
  print_text_table(
      statistics_rows(statistics), [](std::size_t c, std::size_t n) { return c < 3 || c + 2 >= n; },
      out);
  for (const auto& note : statistics_notes(statistics))
    out << wrapped(note, 100);
}

void write_statistics_csv(const GroupStatistics& statistics, const std::filesystem::path& file) {
  std::ostringstream text;
  text.imbue(std::locale::classic());
  text.precision(17);
  text << "group,baseline,metric,target,n,n_baseline,paired,median_difference,ci_low,ci_high,"
          "p_value,p_holm,win_rate,test,interval,note,verdict\n";
  for (const auto& row : statistics.rows) {
    const auto& r = row.result;
    text << csv_field(row.group) << ',' << csv_field(row.baseline) << ','
         << (row.iterations ? "iterations_to_target" : statistics.metric) << ',';
    if (row.iterations) text << statistics.target;
    text << ',' << r.n << ',' << r.n_baseline << ',' << (r.paired ? "true" : "false") << ','
         << r.difference << ',' << r.low << ',' << r.high << ',' << r.p_value << ',' << row.p_holm
         << ',' << r.win_rate << ',' << csv_field(r.test) << ',' << csv_field(r.interval) << ','
         << csv_field(row.note) << ',' << csv_field(comparison_verdict(row, alpha_of(statistics)))
         << '\n';
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text.str();
  out.flush();
  if (!out) throw StorageError(file.string() + ": cannot write: " + std::strerror(errno));
}

void add_statistics_plots(PlotRenderer& renderer, const GroupStatistics& statistics,
                          const std::string& name) {
  for (const bool iterations : {false, true}) {
    std::vector<DifferenceRow> rows;
    bool paired = false, unpaired = false;
    for (const auto& row : statistics.rows) {
      if (row.iterations != iterations) continue;
      const auto& r = row.result;
      (r.paired ? paired : unpaired) = true;
      // every row has the same baseline, which the title names
      const std::string label =
          row.group + (r.paired ? " (" + std::to_string(r.n) + " seeds)" : " (unpaired)");
      rows.push_back({label, row.colour, row.differences, r.difference, r.low, r.high});
    }
    if (rows.empty()) continue;
    const std::string estimate = std::string(paired && unpaired ? "median or shift"
                                             : paired           ? "median"
                                                                : "Hodges-Lehmann shift") +
                                 ", " + level(statistics) + " interval";
    const std::string what = iterations ? "iterations to " + series_title(statistics.metric) +
                                              " <= " + number(statistics.target, 3)
                                        : "final " + series_title(statistics.metric);
    add_difference_plot(renderer,
                        std::string(iterations ? "differences-iterations-" : "differences-") +
                            statistics.metric,
                        rows, name + ": " + what + ", group - " + statistics.baseline + " per seed",
                        title_case("difference in " + what), estimate);
  }
}

} // namespace nnlab
