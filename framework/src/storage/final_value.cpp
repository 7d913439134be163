#include "nnlab/storage/final_value.hpp"

#include <cmath>

namespace nnlab {

double final_value(double evaluated, arma::uword length,
                   std::optional<arma::uword> restored_iteration,
                   const std::function<double(arma::uword)>& value_at) {
  if (!std::isnan(evaluated)) return evaluated;
  if (length == 0) return std::nan("");
  if (restored_iteration && *restored_iteration >= 1 && *restored_iteration <= length)
    return value_at(*restored_iteration - 1);
  return value_at(length - 1);
}

double run_final_value(const RunRecord& record, const SeriesSpec& series) {
  const arma::vec& values = record.series.*series.recorded;
  return final_value(record.evaluation.final_value(series.name), values.n_elem,
                     record.restored_iteration, [&](arma::uword i) { return values[i]; });
}

} // namespace nnlab
