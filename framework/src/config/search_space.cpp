#include "nnlab/config/search_space.hpp"

#include <algorithm>
#include <cmath>

#include "distribution.hpp"
#include "nnlab/config/sweep.hpp"
#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

// The distribution's node of `key` as written: a plain list, or {kind: args}.
const ConfigNode& choices_of(const ConfigNode& written) {
  if (written.is_sequence()) return written;
  return written.entries().front().value;
}

} // namespace

double search_value(const SearchDimension& d, double x) {
  if (d.kind == SearchDimension::Kind::uniform || d.kind == SearchDimension::Kind::loguniform)
    return readable(std::clamp(x, d.low, d.high), d.low, d.high);
  return std::clamp(std::round(x), d.low, d.high);
}

// The points become a zip sweep of the same keys, one list item per point: expand_sweep
// then builds exactly the runs random mode builds for the same values (the same configs,
// ids and labels), and checks them the same way.
std::vector<RunSpec> point_runs(const Experiment& experiment,
                                const std::vector<SearchPoint>& points, std::size_t first_index) {
  if (points.empty()) return {};
  const std::vector<SearchDimension> space = search_space(experiment);
  Experiment zipped = experiment;
  zipped.sweep_mode = SweepMode::zip;
  zipped.sweep = ConfigNode::map(experiment.sweep.location());
  for (std::size_t d = 0; d < space.size(); ++d) {
    const SearchDimension& dimension = space[d];
    const ConfigNode::Entry* written = experiment.sweep.find_entry(dimension.key);
    if (!written) throw Error("point_runs: sweep." + dimension.key + " is not in the sweep");
    const SourceLocation at = written->value.location();
    ConfigNode values = ConfigNode::sequence(at);
    for (const SearchPoint& point : points) {
      if (point.size() != space.size())
        throw Error("point_runs: a point of " + std::to_string(point.size()) + " values for " +
                    std::to_string(space.size()) + " keys");
      const double x = search_value(dimension, point[d]);
      if (dimension.kind == SearchDimension::Kind::choice)
        values.append(choices_of(written->value).items()[static_cast<std::size_t>(x)]);
      else if (dimension.kind == SearchDimension::Kind::integer)
        values.append(ConfigNode::scalar(std::to_string(static_cast<std::int64_t>(x)), at));
      else
        values.append(ConfigNode::scalar(number_text(x), at));
    }
    zipped.sweep.set(dimension.key, std::move(values), written->key_at);
  }
  std::vector<RunSpec> runs = expand_sweep(zipped);
  for (RunSpec& run : runs)
    run.index += first_index;
  return runs;
}

} // namespace nnlab
