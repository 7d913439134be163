#pragma once

#include <atomic>

namespace nnlab::runner {

/// Installs SIGINT and SIGTERM handlers: the first signal sets the returned flag (the
/// sweep then starts no new run, and each run in flight stops at its next iteration and
/// saves a checkpoint there) and says so on stderr; a second signal ends the process at
/// once, as the signal's default does (the checkpoints and runs saved so far stay).
const std::atomic<bool>& install_interrupt_handler();

/// The exit status of a sweep stopped that way, as a shell reports the signal: 128 + its
/// number (130 for SIGINT, 143 for SIGTERM).
int interrupt_exit_status();

} // namespace nnlab::runner
