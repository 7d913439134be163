#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"

namespace nnlab {

/// The names sorted and joined with ", " (for "known: a, b, c" in error texts).
NNLAB_EXPORT std::string join_sorted(std::vector<std::string> names);

/// The candidate closest to `name` by edit distance when it is close enough to be a
/// likely typo (distance <= max(1, |name| / 3)); nothing otherwise.
NNLAB_EXPORT std::optional<std::string> closest_name(std::string_view name,
                                                     const std::vector<std::string>& candidates);

} // namespace nnlab
