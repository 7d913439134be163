#pragma once

#include <chrono>
#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// ISO 8601 in UTC: "2026-11-25T02:40:53Z", or with milliseconds "2026-11-25T02:40:53.125Z".
NNLAB_EXPORT std::string utc_timestamp(std::chrono::system_clock::time_point time,
                                       bool milliseconds = false);

} // namespace nnlab
