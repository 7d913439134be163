#include "nnlab/report/run_groups.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

constexpr const char* absent = "-";

std::string value_at(const StoredRun& run, const std::string& key) {
  return run.leaves.value(key).value_or(absent);
}

std::size_t count_groups(const std::vector<StoredRun>& runs, const std::vector<std::string>& keys) {
  std::set<std::vector<std::string>> seen;
  for (const auto& run : runs) {
    std::vector<std::string> values;
    for (const auto& key : keys)
      values.push_back(value_at(run, key));
    seen.insert(values);
  }
  return seen.size();
}

std::string last_part(const std::string& key) {
  return key.substr(key.rfind('.') + 1);
}

std::string make_label(const std::vector<std::string>& keys,
                       const std::vector<std::string>& values) {
  std::string label;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (values[k] == absent) continue;
    const std::string part = last_part(keys[k]);
    const bool clash = std::count_if(keys.begin(), keys.end(), [&](const std::string& other) {
                         return last_part(other) == part;
                       }) > 1;
    label += label.empty() ? "" : " ";
    if (part == "plugin")
      label += values[k];
    else
      label += (clash ? keys[k] : part) + "=" + values[k];
  }
  return label.empty() ? "all runs" : label;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

} // namespace

std::vector<std::string> config_keys(const std::vector<StoredRun>& runs) {
  std::vector<std::string> keys;
  for (const auto& run : runs)
    for (auto& key : run.leaves.keys())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  return keys;
}

std::vector<std::string> varying_keys(const std::vector<StoredRun>& runs) {
  std::vector<std::string> keys;
  for (const auto& key : config_keys(runs)) {
    if (key == "seed") continue;
    std::set<std::string> values;
    for (const auto& run : runs)
      values.insert(value_at(run, key));
    if (values.size() > 1) keys.push_back(key);
  }
  // Drop a key the others already determine: it would only lengthen the labels. Keys that
  // some runs lack (optimizer.momentum beside optimizer.plugin) go first, then the later
  // ones, so the key that names a block's plugin stays.
  std::vector<std::string> order;
  for (const bool partial : {true, false})
    for (auto key = keys.rbegin(); key != keys.rend(); ++key)
      if (std::any_of(runs.begin(), runs.end(), [&](const StoredRun& run) {
            return value_at(run, *key) == absent;
          }) == partial)
        order.push_back(*key);
  const std::size_t n_groups = count_groups(runs, keys);
  for (const auto& key : order) {
    std::vector<std::string> others = keys;
    others.erase(std::find(others.begin(), others.end(), key));
    if (count_groups(runs, others) == n_groups) keys = std::move(others);
  }
  return keys;
}

RunGroups group_runs(const std::vector<StoredRun>& runs, const std::string& store,
                     std::vector<std::string> keys) {
  if (keys.empty()) keys = varying_keys(runs);
  for (const auto& key : keys) {
    const bool known = std::any_of(runs.begin(), runs.end(), [&](const StoredRun& run) {
      return run.leaves.value(key).has_value();
    });
    if (!known)
      throw ConfigError(store + ": group key '" + key +
                        "' is not in the runs' config; keys: " + joined(config_keys(runs)));
  }
  RunGroups result{store, keys, {}};
  std::map<std::vector<std::string>, std::size_t> index;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    std::vector<std::string> values;
    for (const auto& key : keys)
      values.push_back(value_at(runs[r], key));
    const auto [it, fresh] = index.emplace(values, result.groups.size());
    if (fresh) {
      RunGroup group;
      group.label = make_label(keys, values);
      group.values = std::move(values);
      group.colour = result.groups.size();
      result.groups.push_back(std::move(group));
    }
    result.groups[it->second].runs.push_back(r);
  }
  return result;
}

double median(std::vector<double> values) {
  if (values.empty()) return std::nan("");
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return 0.5 * (lower + upper);
}

SeriesBand series_band(const std::vector<const arma::vec*>& series) {
  arma::uword n = 0;
  for (const auto* s : series)
    n = std::max(n, s->n_elem);
  SeriesBand band{arma::vec(n), arma::vec(n), arma::vec(n), arma::uvec(n, arma::fill::zeros)};
  std::vector<double> values;
  for (arma::uword i = 0; i < n; ++i) {
    values.clear();
    for (const auto* s : series)
      if (i < s->n_elem && !std::isnan((*s)[i])) values.push_back((*s)[i]);
    band.count[i] = values.size();
    band.median[i] = median(values);
    band.min[i] = values.empty() ? std::nan("") : *std::min_element(values.begin(), values.end());
    band.max[i] = values.empty() ? std::nan("") : *std::max_element(values.begin(), values.end());
  }
  return band;
}

} // namespace nnlab
