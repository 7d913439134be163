#include "interrupt.hpp"

#include <csignal>

#include <unistd.h>

namespace nnlab::runner {

namespace {

std::atomic<bool> stop_requested{false};
std::atomic<int> first_signal{0};

extern "C" void on_signal(int signal) {
  int none = 0;
  first_signal.compare_exchange_strong(none, signal);
  stop_requested = true;
  // Only async-signal-safe calls here. SA_RESETHAND restored the default action, so a
  // second signal ends the process.
  static const char message[] = "\nrunner: stopping: each run in progress saves a checkpoint "
                                "at its next iteration (again to quit at once)\n";
  [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
}

} // namespace

const std::atomic<bool>& install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return stop_requested;
}

int interrupt_exit_status() {
  const int signal = first_signal;
  return 128 + (signal != 0 ? signal : SIGINT);
}

} // namespace nnlab::runner
