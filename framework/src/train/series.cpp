#include "nnlab/train/series.hpp"

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

constexpr SeriesSpec table[] = {
    // name            measured at each iteration  recorded in the run  lower  monitorable
    {"cost_train", &IterationStats::cost_train, &RunSeries::cost_train, true, true},
    {"cost_test", &IterationStats::cost_test, &RunSeries::cost_test, true, true},
    {"accuracy_train", &IterationStats::accuracy_train, &RunSeries::accuracy_train, false, true},
    {"accuracy_test", &IterationStats::accuracy_test, &RunSeries::accuracy_test, false, true},
};

} // namespace

std::span<const SeriesSpec> stored_series() {
  return table;
}

const SeriesSpec* find_series(std::string_view name) {
  for (const SeriesSpec& series : table)
    if (name == series.name) return &series;
  return nullptr;
}

const std::vector<std::string>& series_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const SeriesSpec& series : stored_series())
      list.emplace_back(series.name);
    return list;
  }();
  return names;
}

const SeriesSpec& series_named(std::string_view name) {
  if (const SeriesSpec* series = find_series(name)) return *series;
  std::string known;
  for (const auto& other : series_names())
    known += (known.empty() ? "" : ", ") + other;
  throw ConfigError("metric '" + std::string(name) + "': unknown; known: " + known);
}

std::string series_title(std::string_view name) {
  const auto cut = name.find('_');
  if (cut == std::string_view::npos) return std::string(name);
  return std::string(name.substr(cut + 1)) + " " + std::string(name.substr(0, cut));
}

} // namespace nnlab
