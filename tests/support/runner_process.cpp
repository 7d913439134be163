#include "support/runner_process.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/plugins.hpp"

namespace nnlab::test {

std::size_t journal_runs(const std::filesystem::path& journal) {
  std::error_code error;
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(journal, error))
    n += entry.path().extension() == ".h5";
  return n;
}

std::string runner_path() {
  return NNLAB_RUNNER_PATH;
}

Outcome run_shell(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot start " + command);
  Outcome outcome;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    outcome.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

Outcome run_runner(const std::string& args) {
  return run_shell(runner_path() + " " + args);
}

pid_t spawn_shell(const std::string& command_line) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    const std::string command = "exec " + command_line;
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid, pid); // also here: no race with a kill(-pid) right after
  return pid;
}

pid_t spawn_runner(const std::string& args) {
  return spawn_shell(runner_path() + " " + args);
}

int wait_runner(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string xor_experiment(const std::string& name, const std::string& body) {
  const auto data = source_dir() / "data";
  return "name: " + name + "\nseed: 42\n" +
         "dataset: {plugin: csv, train: " + (data / "xor_train.csv").string() +
         ", test: " + (data / "xor_test.csv").string() +
         "}\nloss: {plugin: binary_cross_entropy}\n" + body;
}

} // namespace nnlab::test
