// nnlab_resource_guard SECONDS MB REPORT -- COMMAND [ARGS...]
// Runs COMMAND (its stdin, stdout and stderr are this program's) and exits with its exit
// status. Writes to REPORT the wall time in seconds and the peak resident memory in MB the
// command used, "<seconds> <MB>". A command still running after SECONDS is killed (REPORT
// then says "timeout"), one that passes MB of resident memory too ("memory"): the rows of
// the bad-input table that must be refused quickly and cheaply cannot take the machine.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// The resident memory of a running process, in MB (0 when it cannot be read).
double resident_mb(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 6 || std::string(argv[4]) != "--") {
    std::fprintf(stderr, "usage: nnlab_resource_guard SECONDS MB REPORT -- COMMAND [ARGS...]\n");
    return 125;
  }
  const double seconds = std::atof(argv[1]), limit_mb = std::atof(argv[2]);
  std::ofstream report(argv[3]);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) return 125;
  if (pid == 0) {
    execv(argv[5], argv + 5);
    _exit(127);
  }
  std::string stopped;
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (stopped.empty() && elapsed > seconds) stopped = "timeout";
    if (stopped.empty() && resident_mb(pid) > limit_mb) stopped = "memory";
    if (!stopped.empty()) kill(pid, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux: KiB
  if (stopped.empty())
    report << elapsed << ' ' << peak_mb << '\n';
  else
    report << stopped << '\n';
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
