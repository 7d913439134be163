#include "nnlab/storage/final_value.hpp"

#include <cmath>

#include "nnlab/train/series.hpp"

namespace nnlab {

double final_value(const RunRecord& record, std::string_view metric) {
  const double stored = record.evaluation.final_value(metric);
  if (!std::isnan(stored)) return stored;
  const arma::vec& values = record.series.*series_named(metric).recorded;
  if (values.is_empty()) return arma::datum::nan;
  const arma::uword restored = record.restored_iteration.value_or(0);
  return restored >= 1 && restored <= values.n_elem ? values[restored - 1]
                                                    : values[values.n_elem - 1];
}

} // namespace nnlab
