#include "nnlab/storage/final_value.hpp"

#include <cmath>

namespace nnlab {

double run_final_value(const RunRecord& record, const SeriesSpec& series) {
  const double stored = record.evaluation.final_value(series.name);
  if (!std::isnan(stored)) return stored;
  const arma::vec& values = record.series.*series.recorded;
  if (values.is_empty()) return std::nan("");
  if (record.restored_iteration && *record.restored_iteration >= 1 &&
      *record.restored_iteration <= values.n_elem)
    return values[*record.restored_iteration - 1];
  return values[values.n_elem - 1];
}

} // namespace nnlab
