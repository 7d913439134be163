#include "nnlab/storage/run_overview.hpp"

#include "nnlab/storage/final_value.hpp"

namespace nnlab {

std::vector<SeriesEnd> series_ends(const RunRecord& record) {
  std::vector<SeriesEnd> ends;
  for (const SeriesSpec& series : stored_series()) {
    const arma::vec& values = record.series.*series.recorded;
    ends.push_back({values.n_elem, values.is_empty() ? arma::datum::nan : values[values.n_elem - 1],
                    run_final_value(record, series)});
  }
  return ends;
}

} // namespace nnlab
