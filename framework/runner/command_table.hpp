#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace nnlab::runner {

/// What a word on the command line is, so completion offers the right candidates.
enum class WordKind {
  none,         ///< free text: nothing to offer
  experiment,   ///< an experiment file: *.yaml
  store,        ///< a store file: *.h5
  run_ref,      ///< STORE.h5:RUN
  data_file,    ///< a CSV file: *.csv
  folder,       ///< a folder
  plugin,       ///< any plugin's name
  plugin_kind,  ///< optimizer, loss or dataset
  command,      ///< a subcommand's name
  override_key, ///< key.path=value of the experiment before it
  choice        ///< one of the option's values()
};

/// One option, written once: the parser, --help, the man page and completion read it.
struct OptionSpec {
  std::string name;  ///< long name, without "--"
  char letter = 0;   ///< short name (-j), or 0
  std::string value; ///< the value's placeholder ("DIR"); empty: a flag
  std::string help;  ///< one sentence (more when the values are listed)
  WordKind completes = WordKind::none;
  bool repeatable = false;
  /// The values a `choice` option takes (from the library, so they cannot drift).
  std::function<std::vector<std::string>()> values;
};

/// One positional argument of a command.
struct ArgSpec {
  std::string name; ///< as in the synopsis: EXPERIMENT.yaml
  WordKind completes = WordKind::none;
  bool repeats = false; ///< the last argument may repeat (compare's stores, overrides)
};

/// How one command words an option it shares with others (--out is a prefix for export-data).
struct OptionNote {
  std::string option; ///< the option's name
  std::string value;  ///< its placeholder here (empty: the option's own)
  std::string help;   ///< its help here
  /// The values it takes here, when they are not the option's own (export's --format).
  std::function<std::vector<std::string>()> values = {};
};

/// One subcommand: its name, what --help, `runner help NAME` and the man page say, and the
/// options and arguments it takes. The run command has the name "run" and is invoked
/// without it (`runner EXPERIMENT.yaml`).
struct CommandSpec {
  std::string name;
  CliOptions::Command command;
  std::string synopsis;    ///< after "runner [NAME] ": "STORE.h5 [--runs K]"
  std::string summary;     ///< one line, for the overview
  std::string description; ///< paragraphs separated by "\n\n", unwrapped
  std::vector<ArgSpec> args;
  std::vector<std::string> options; ///< names of OptionSpecs (help and version apply to all)
  std::vector<OptionNote> notes;    ///< this command's wording of shared options
  bool hidden = false;              ///< complete, man: for the shell and the build only
};

/// Every subcommand, in the order the help lists them (run first).
const std::vector<CommandSpec>& command_table();
/// Every option any command takes, sorted by name.
const std::vector<OptionSpec>& option_table();
/// The command named `name` ("run", "plot", ...), or nullptr.
const CommandSpec* find_command(std::string_view name);
/// The command that parses to `command`.
const CommandSpec& command_spec(CliOptions::Command command);
/// The option named `name` (without "--"), or nullptr.
const OptionSpec* find_option(std::string_view name);
/// The options `command` takes, worded as it words them (notes applied), then --help.
std::vector<OptionSpec> options_of(const CommandSpec& command);
/// The option `name` (without "--") as `command` words it, or the option itself when
/// `command` does not take it; empty when there is no such option.
std::optional<OptionSpec> option_of(const CommandSpec& command, std::string_view name);
/// "runner plot" / "runner" for run: how the command starts on the command line.
std::string invocation(const CommandSpec& command);

/// What follows the options in `runner --help` and the man page: exit statuses.
extern const char* const exit_status_text;

} // namespace nnlab::runner
