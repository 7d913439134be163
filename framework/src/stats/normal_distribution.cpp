#include "normal_distribution.hpp"

#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace nnlab::stats {

double two_sided_normal_p(double z) {
  const boost::math::normal standard;
  // the upper tail through the complement keeps its precision far out (no 1 - cdf)
  return 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(z)));
}

double normal_quantile(double q) {
  return boost::math::quantile(boost::math::normal(), q);
}

} // namespace nnlab::stats
