#include <catch2/catch.hpp>

#include <limits>

#include "nnlab/train/metrics.hpp"

TEST_CASE("Metrics: targets are the labels for one output, one-hot for several",
          "[train][metrics]") {
  const arma::rowvec labels{0, 2, 1};
  CHECK(arma::approx_equal(nnlab::make_targets(labels, 1), arma::mat(labels), "absdiff", 0.0));
  const arma::mat expected{{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
  CHECK(arma::approx_equal(nnlab::make_targets(labels, 3), expected, "absdiff", 0.0));
}

TEST_CASE("Metrics: accuracy thresholds one output at 0.5 and takes the argmax of several",
          "[train][metrics]") {
  CHECK(nnlab::accuracy(arma::mat{{0.9, 0.4, 0.51, 0.2}}, arma::rowvec{1, 0, 0, 0}) == 0.75);
  const arma::mat probabilities{{0.7, 0.1, 0.2}, {0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}};
  // Columns are samples: their argmaxes are 0, 2, 1.
  CHECK(nnlab::accuracy(probabilities, arma::rowvec{0, 2, 2}) == 2.0 / 3.0);
  CHECK(arma::all(nnlab::predict(probabilities) == arma::urowvec{0, 2, 1}));
}

TEST_CASE("Metrics: accuracy of one output agrees with predict() at the edges",
          "[train][metrics]") {
  // 0.5 itself and NaN are class 0; a label no class has is never right.
  const arma::mat output{{0.5, std::numeric_limits<double>::quiet_NaN(), 0.7, 0.7, 0.2}};
  const arma::rowvec labels{0, 0, 2, 1, 1};
  CHECK(nnlab::accuracy(output, labels) == 3.0 / 5.0);
  const arma::urowvec predicted = nnlab::predict(output);
  double right = 0;
  for (arma::uword j = 0; j < labels.n_elem; ++j)
    right += static_cast<double>(predicted[j]) == labels[j];
  CHECK(nnlab::accuracy(output, labels) == right / 5.0);
}
