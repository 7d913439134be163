#include "nnlab/model/fingerprint.hpp"

#include <string_view>

#include "nnlab/core/hash.hpp"

namespace nnlab {

std::string params_fingerprint(const arma::vec& params) {
  const std::string_view bytes(reinterpret_cast<const char*>(params.memptr()),
                               params.n_elem * sizeof(double));
  return to_hex(fnv1a64(bytes));
}

} // namespace nnlab
