#include "reference_values.hpp"

#include <fstream>
#include <limits>
#include <stdexcept>

namespace nnlab::test {

const nlohmann::json& stats_reference() {
  static const nlohmann::json reference = [] {
    const std::string file = NNLAB_SOURCE_DIR "/tests/framework/stats/reference.json";
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file + ": cannot open");
    return nlohmann::json::parse(in);
  }();
  return reference;
}

double reference_number(const nlohmann::json& value) {
  if (value.is_string()) {
    const double inf = std::numeric_limits<double>::infinity();
    if (value == "inf") return inf;
    if (value == "-inf") return -inf;
    throw std::runtime_error("reference.json: not a number: " + value.dump());
  }
  return value.get<double>();
}

std::vector<double> reference_vector(const nlohmann::json& values) {
  std::vector<double> out;
  for (const auto& value : values)
    out.push_back(reference_number(value));
  return out;
}

} // namespace nnlab::test
