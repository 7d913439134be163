#include "bench_result.hpp"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace nnlab_bench {

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  if (values.size() % 2 == 1) return *mid;
  return (*mid + *std::max_element(values.begin(), mid)) / 2.0;
}

void write_json(const BenchResult& result, const std::string& file) {
  std::ofstream out(file);
  if (!out) throw std::runtime_error(file + ": cannot write");
  const auto& times = result.iteration_s;
  const double mean = times.empty() ? 0.0
                                    : std::accumulate(times.begin(), times.end(), 0.0) /
                                          static_cast<double>(times.size());
  out.precision(17);
  out << "{\"impl\": \"" << result.impl << "\", \"iterations\": " << times.size()
      << ", \"median_iteration_s\": " << median(times) << ", \"mean_iteration_s\": " << mean
      << ", \"cost_train\": " << result.cost_train << ", \"cost_test\": " << result.cost_test
      << ", \"skips\": \"\", \"runs\": " << result.runs
      << ", \"total_train_s\": " << result.total_train_s
      << ", \"total_execute_s\": " << result.total_execute_s << "}\n";
  if (!out.flush()) throw std::runtime_error(file + ": write failed");
}

} // namespace nnlab_bench
