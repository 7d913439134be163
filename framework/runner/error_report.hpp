#pragma once

#include <exception>
#include <string>

namespace nnlab::runner {

/// Prints "<who>: error: <what>" on stderr and returns the exit status the README promises:
/// 2 for bad configuration, data or plugins (found before anything trains), 1 otherwise.
int report_error(const std::exception& error, const std::string& who = "runner");

} // namespace nnlab::runner
