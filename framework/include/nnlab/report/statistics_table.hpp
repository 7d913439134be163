#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/report/group_statistics.hpp"

namespace nnlab {

/// What a comparison says at significance `alpha` (1 - the table's level): "better" or
/// "worse" than the baseline when Holm's p is below alpha, on the side the win rate leans
/// to; "no clear difference" otherwise; "" for a row without a p-value.
NNLAB_EXPORT std::string comparison_verdict(const StatisticsRow& row, double alpha);

/// The table's cells: a header row, then one row per comparison (what is measured, group,
/// baseline, n, difference, interval, p, p after Holm, win rate, test).
NNLAB_EXPORT std::vector<std::vector<std::string>>
statistics_rows(const GroupStatistics& statistics);

/// The lines under the table that say how to read it: the sign of a difference, how each
/// interval and p-value was computed, Holm's family, and why a comparison is unpaired.
NNLAB_EXPORT std::vector<std::string> statistics_notes(const GroupStatistics& statistics);

/// A heading line, the table with aligned columns, then the notes.
NNLAB_EXPORT void print_statistics(const GroupStatistics& statistics, std::ostream& out);

/// stats.csv: one row per comparison; columns group, baseline, metric (the series, or
/// iterations_to_target), target, n, n_baseline, paired, median_difference (the
/// Hodges-Lehmann shift when unpaired), ci_low, ci_high, p_value, p_holm, win_rate, test,
/// interval, note. Throws StorageError naming the file when it cannot be written.
NNLAB_EXPORT void write_statistics_csv(const GroupStatistics& statistics,
                                       const std::filesystem::path& file);

/// differences-<metric> and, with a target, differences-iterations-<metric>: per
/// comparison its per-seed differences, estimate and interval (add_difference_plot()),
/// titled "<name>: ...".
NNLAB_EXPORT void add_statistics_plots(PlotRenderer& renderer, const GroupStatistics& statistics,
                                       const std::string& name);

} // namespace nnlab
