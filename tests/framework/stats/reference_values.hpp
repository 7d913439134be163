#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nnlab::test {

/// tests/framework/stats/reference.json: the expected values make_reference.py computed
/// with SciPy (or by enumeration) for fixed vectors. Parsed once.
const nlohmann::json& stats_reference();

/// A number of the file ("inf" and "-inf" stand for the infinities).
double reference_number(const nlohmann::json& value);
/// A vector of such numbers.
std::vector<double> reference_vector(const nlohmann::json& values);

} // namespace nnlab::test
