#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nnlab::runner {

/// What the command line asks for.
struct CliOptions {
  enum class Command { run, export_data, list, help, version };
  Command command = Command::help;
  std::filesystem::path file; ///< the experiment (run, export-data)
  std::filesystem::path out;  ///< results folder (run) or file prefix (export-data)
  std::vector<std::filesystem::path> plugin_path;
  bool force = false;
  bool plots = true;
  bool verbose = false;
  bool quiet = false;
};

/// Parses argv. Bad usage throws ConfigError with a one-line reason.
CliOptions parse_cli(int argc, const char* const argv[]);

/// The --help text.
std::string usage();

} // namespace nnlab::runner
