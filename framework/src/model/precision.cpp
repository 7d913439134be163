#include "nnlab/model/precision.hpp"

namespace nnlab {

std::string to_string(Precision precision) {
  return precision == Precision::float32 ? "float32" : "float64";
}

std::optional<Precision> precision_from(std::string_view name) {
  if (name == "float64") return Precision::float64;
  if (name == "float32") return Precision::float32;
  return std::nullopt;
}

std::vector<std::string> precision_names() {
  return {"float32", "float64"};
}

} // namespace nnlab
