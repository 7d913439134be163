#pragma once

#include <atomic>

namespace nnlab::runner {

/// Installs SIGINT and SIGTERM handlers: the first signal sets the returned flag (the
/// sweep then starts no new run and stores the runs in flight) and says so on stderr;
/// a second signal ends the process at once.
const std::atomic<bool>& install_interrupt_handler();

} // namespace nnlab::runner
