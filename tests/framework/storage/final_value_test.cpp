#include <catch2/catch.hpp>

#include <cmath>

#include "nnlab/storage/final_value.hpp"

TEST_CASE("FinalValue: the last value, or the restored iteration's, NaN without values",
          "[storage][tpe]") {
  nnlab::RunRecord record;
  record.series.cost_test = {0.9, 0.5, 0.7};
  record.series.accuracy_test = {0.5, 0.75, 0.6};
  const auto& cost = nnlab::series_named("cost_test");
  const auto& accuracy = nnlab::series_named("accuracy_test");
  CHECK(nnlab::run_final_value(record, cost) == 0.7);
  CHECK(nnlab::run_final_value(record, accuracy) == 0.6);
  // restore_best stored the weights of iteration 2 (1-based): their values.
  record.restored_iteration = 2;
  CHECK(nnlab::run_final_value(record, cost) == 0.5);
  CHECK(nnlab::run_final_value(record, accuracy) == 0.75);
  CHECK(std::isnan(nnlab::run_final_value(record, nnlab::series_named("cost_valid"))));
}
