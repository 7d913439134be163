#pragma once

#include <filesystem>

namespace nnlab::test {

/// Turns a published store of this nnlab into one as nnlab wrote it before the paired
/// random streams: root format_version 1, and none of what format 1 runs lack
/// (init_fingerprint, restored_iteration, cost_valid, accuracy_valid).
void make_format1(const std::filesystem::path& store);

} // namespace nnlab::test
