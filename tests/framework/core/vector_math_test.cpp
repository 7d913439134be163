#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "nnlab/core/rng.hpp"
#include "nnlab/core/vector_math.hpp"
#include "support/reference_mlp.hpp"

TEST_CASE("VectorMath: vector_log equals std::log to 1e-12 relative, special values exactly",
          "[core][vector_math]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  arma::vec x = {1.0,  0.5,  2.0, 1e-12, 1.0 - 1e-12, 1e-310, 1e308, 0.0, -0.0,
                 -1.0, -inf, inf, nan,   3.0,         1e-300, 7.5,   0.9, 1.1};
  nnlab::Rng rng(4);
  x.resize(x.n_elem + 1001); // an odd length: the vector loop's tail too
  for (arma::uword i = 18; i < x.n_elem; ++i)
    x[i] = std::exp(rng.uniform(-30.0, 30.0));
  arma::vec y(x.n_elem);
  nnlab::vector_log(x.memptr(), y.memptr(), x.n_elem);
  arma::vec reference = x;
  for (double& v : reference)
    v = std::log(v);
  CHECK(nnlab::test::mismatch(y, reference) == "");
  CHECK(y[0] == 0.0);  // log 1
  CHECK(y[7] == -inf); // log 0
  CHECK(y[8] == -inf); // log -0
  CHECK(std::isnan(y[9]));
}
