#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nnlab::runner {

/// What the command line asks for.
struct CliOptions {
  enum class Command {
    run,
    validate,
    status,
    verify,
    export_data,
    list,
    check_plugin,
    new_plugin,
    diff,
    plot,
    compare,
    predict,
    export_model, ///< `runner export` (export is a C++ keyword)
    help,
    version,
    man,     ///< hidden: the manual page in roff
    complete ///< hidden: candidates for shell completion
  };
  Command command = Command::help;
  std::filesystem::path
      file; ///< EXP.yaml (run, validate, status, export-data), store (verify, plot), CSV (predict)
  std::string plugin_name;            ///< list, check-plugin: the plugin named on the command line
  std::vector<std::string> overrides; ///< key.path=value after the experiment file
  std::filesystem::path out;          ///< results folder (run) or file prefix (export-data)
  std::vector<std::filesystem::path> plugin_path;
  /// check-plugin: the plugin's parameters, key=value (--set)
  std::vector<std::string> plugin_params;
  unsigned jobs = 0;            ///< 0: one per core
  std::uint64_t max_memory = 0; ///< --max-memory in bytes; 0: the memory available
  std::size_t runs = 0;         ///< verify: how many runs (0: all)
  bool force = false;
  /// run: keep stored runs whose inputs changed since
  bool keep_stale = false;
  bool plots = true;
  bool verbose = false;
  bool quiet = false;
  bool json = false;              ///< validate, status, list, compare: JSON (docs/json.md)
  std::string command_line;       ///< argv joined, for provenance
  std::string help_topic;         ///< help: the command asked about (empty: the overview)
  std::vector<std::string> words; ///< complete: the words after `runner complete`

  /// plot and compare: the options as given (checked by the command)
  struct PlotArgs {
    std::vector<std::string> kinds, group_by;
    std::vector<std::string> runs; ///< plot: --run, runs whose own plots to add
    std::string format, metric, target, range;
    bool log_y = false, linear_y = false;
    bool table = false;   ///< compare: print the table only
    bool stats = false;   ///< compare: statistics of each group against the baseline
    std::string baseline; ///< compare --stats: the baseline group (empty: the first)
    bool neurons = false; ///< plot: the movie shows each unit's activation beside the surface
  } plot;
  std::vector<std::filesystem::path> stores; ///< compare: the stores, in the order given

  std::string plugin_kind;   ///< new: the kind of the plugin (plugin_name) to write
  std::filesystem::path dir; ///< new: where the plugin's folder goes (default: .)

  std::vector<std::string>
      run_references;        ///< diff: the two runs, STORE:RUN each; predict, export: one
  std::string export_format; ///< export: c, json or onnx (--format)
};

/// Throws ConfigError "command line: <what> (see runner --help)".
[[noreturn]] void usage_error(const std::string& what);

/// Parses argv against the command table (command_table.hpp): each command takes its own
/// options. Bad usage throws ConfigError with a one-line reason. `runner NAME --help` and
/// `runner help NAME` give Command::help with help_topic NAME.
CliOptions parse_cli(int argc, const char* const argv[]);

} // namespace nnlab::runner
