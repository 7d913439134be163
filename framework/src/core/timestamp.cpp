#include "nnlab/core/timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace nnlab {

std::string utc_timestamp(std::chrono::system_clock::time_point time, bool milliseconds) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  if (!milliseconds) return std::string(text, n) + "Z";
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      time - std::chrono::system_clock::from_time_t(seconds))
                      .count();
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(ms));
  return std::string(text, n) + fraction;
}

} // namespace nnlab
