#pragma once

#include <string>
#include <vector>

namespace nnlab_bench {

/// What a bench tool reports: the fields bench/peers/bench_io.py writes, as JSON.
struct BenchResult {
  std::string impl;
  std::vector<double> iteration_s;          ///< every iteration of every run timed
  double cost_train = 0.0, cost_test = 0.0; ///< the first run's last iteration (before its update)
  std::size_t runs = 1;
  double total_train_s = 0.0;   ///< training only, summed over runs
  double total_execute_s = 0.0; ///< whole execute_run calls, summed (nnlab_bench --execute)
};

/// The middle value (the mean of the two middle ones for an even count); 0 when empty.
double median(std::vector<double> values);

/// Writes the result to `file` as one JSON object; throws std::runtime_error on failure.
void write_json(const BenchResult& result, const std::string& file);

} // namespace nnlab_bench
