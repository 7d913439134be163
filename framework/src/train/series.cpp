#include "nnlab/train/series.hpp"

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

// clang-format off
// One row per series: lower is better (a cost), monitorable, measured on the validation set.
using S = IterationStats;
using R = RunSeries;
constexpr SeriesSpec table[] = {
    {"cost_train",     &S::cost_train,     &R::cost_train,     true,  true, false},
    {"cost_test",      &S::cost_test,      &R::cost_test,      true,  true, false},
    {"accuracy_train", &S::accuracy_train, &R::accuracy_train, false, true, false},
    {"accuracy_test",  &S::accuracy_test,  &R::accuracy_test,  false, true, false},
    {"cost_valid",     &S::cost_valid,     &R::cost_valid,     true,  true, true},
    {"accuracy_valid", &S::accuracy_valid, &R::accuracy_valid, false, true, true},
};
// clang-format on

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
