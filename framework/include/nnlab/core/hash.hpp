#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "nnlab/export.hpp"

namespace nnlab {

/// 64-bit FNV-1a: a stable, platform-independent hash for identities such as run ids.
NNLAB_EXPORT std::uint64_t fnv1a64(std::string_view text);

/// The value as 16 lower-case hex digits.
NNLAB_EXPORT std::string to_hex(std::uint64_t value);

} // namespace nnlab
