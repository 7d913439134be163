#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include <sys/types.h>

namespace nnlab::test {

/// How a runner process ended: its exit status (-1 when killed by a signal) and what it
/// printed on stdout and stderr together.
struct Outcome {
  int status = -1;
  std::string output;
};

/// Runs the built runner with `args` (a shell-quoted argument string) and waits.
Outcome run_runner(const std::string& args);
/// Runs a shell command line (e.g. "mpirun -np 2 <runner> ...") and waits.
Outcome run_shell(const std::string& command);

/// Starts the runner with `args` in the background, output discarded; returns its pid.
pid_t spawn_runner(const std::string& args);
/// Starts a shell command line in the background in a process group of its own (so
/// kill(-pid, sig) reaches every process it starts), output discarded; returns its pid.
pid_t spawn_shell(const std::string& command);

/// Runs finished so far in a sweep: the one-run files in its store's journal
/// (results/<name>/runs.h5.journal); 0 while the folder does not exist.
std::size_t journal_runs(const std::filesystem::path& journal);

/// The built runner's path.
std::string runner_path();

/// Waits for a process started by spawn_runner; returns its exit status, or -signal.
int wait_runner(pid_t pid);

/// An experiment on the shipped XOR data: `body` gives model, optimizer, training, sweep
/// and seeds (dataset and loss are fixed); the data paths are absolute.
std::string xor_experiment(const std::string& name, const std::string& body);

} // namespace nnlab::test
