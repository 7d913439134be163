#pragma once

// Private to model/: copies between a network's passes in one precision and the doubles
// around them (data, targets, outputs, the loss's gradient, the master weights). Loops that
// allocate nothing; between matrices of one type, Armadillo's own copy (the float64 path is
// the path it always was).

#include <armadillo>
#include <type_traits>

namespace nnlab::convert {

/// to = from, element by element, rounded to To; to arrives sized like from.
template <class To, class From> void copy(const arma::Mat<From>& from, arma::Mat<To>& to) {
  if constexpr (std::is_same_v<To, From>) {
    to = from;
  } else {
    const From* __restrict in = from.memptr();
    To* __restrict out = to.memptr();
    for (arma::uword i = 0; i < from.n_elem; ++i)
      out[i] = static_cast<To>(in[i]);
  }
}

/// to = from^T, rounded to To; to arrives sized from.n_cols x from.n_rows.
template <class To, class From>
void copy_transposed(const arma::Mat<From>& from, arma::Mat<To>& to) {
  if constexpr (std::is_same_v<To, From>) {
    to = from.t();
  } else {
    for (arma::uword j = 0; j < from.n_cols; ++j)
      for (arma::uword i = 0; i < from.n_rows; ++i)
        to.at(j, i) = static_cast<To>(from.at(i, j));
  }
}

} // namespace nnlab::convert
