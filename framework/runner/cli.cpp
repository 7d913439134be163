#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <boost/program_options.hpp>

#include "command_table.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/memory_size.hpp"
#include "nnlab/core/name_list.hpp"

namespace po = boost::program_options;

namespace nnlab::runner {

namespace {

using Command = CliOptions::Command;

void add_option(po::options_description& description, const OptionSpec& option) {
  const std::string name = option.letter ? option.name + "," + option.letter : option.name;
  if (option.value.empty())
    description.add_options()(name.c_str(), "");
  else if (option.repeatable)
    description.add_options()(name.c_str(), po::value<std::vector<std::string>>()->composing(), "");
  else
    description.add_options()(name.c_str(), po::value<std::string>(), "");
}

/// The options of `command` (every option when null), with --version and the positional
/// words.
po::options_description parser_options(const CommandSpec* command) {
  po::options_description options;
  if (command) {
    for (const auto& option : options_of(*command))
      add_option(options, option);
    add_option(options, *find_option("version"));
  } else {
    for (const auto& option : option_table())
      add_option(options, option);
  }
  options.add_options()("args", po::value<std::vector<std::string>>(), "");
  return options;
}

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& options, bool allow_unknown) {
  po::positional_options_description positional;
  positional.add("args", -1);
  po::command_line_parser parser(args);
  parser.options(options).positional(positional);
  if (allow_unknown) parser.allow_unregistered();
  po::variables_map vm;
  po::store(parser.run(), vm);
  po::notify(vm);
  return vm;
}

/// Options whose value may be a negative number: program_options would read "-1,1,-1,1"
/// as an option, so "--range -1,1,-1,1" becomes "--range=-1,1,-1,1".
std::vector<std::string> joined_negative_values(int argc, const char* const argv[]) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    const std::string& next = args[i + 1];
    if ((args[i] == "--range" || args[i] == "--target") && next.size() > 1 && next[0] == '-' &&
        (std::isdigit(static_cast<unsigned char>(next[1])) || next[1] == '.')) {
      args[i] += "=" + next;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  return args;
}

std::string display_name(const CommandSpec& command) {
  return command.command == Command::run ? "an experiment (runner EXPERIMENT.yaml)" : command.name;
}

// An option of another command: "--kind goes with plot". Otherwise "unrecognised option
// '--ouput'; did you mean '--out'? known: --force, ..." with this command's options.
[[noreturn]] void refuse_option(const std::string& given, const CommandSpec& command) {
  const std::string name = given.substr(given.find_first_not_of('-'));
  if (find_option(name)) {
    std::string takers;
    for (const auto& other : command_table())
      if (std::find(other.options.begin(), other.options.end(), name) != other.options.end())
        takers += (takers.empty() ? "" : " or ") + display_name(other);
    usage_error("--" + name + " goes with " + takers);
  }
  std::vector<std::string> known;
  for (const auto& option : options_of(command))
    known.push_back("--" + option.name);
  const auto guess = closest_name(given, known);
  usage_error("unrecognised option '" + given + "'" +
              (guess ? "; did you mean '" + *guess + "'?" : ";") + " known: " + join_sorted(known));
}

/// The value of a count option (--jobs, --runs) as a whole number >= 1; "-1", "1.5", "two"
/// and numbers too large for T are refused (program_options would wrap "-1" round to 2^32 - 1).
template <class T>
T count_option(const po::variables_map& vm, const std::string& name, const std::string& of_what) {
  const std::string text = vm[name].as<std::string>();
  T value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value == 0)
    usage_error("--" + name + ": expected a whole number of " + of_what + " >= 1, got '" + text +
                "'");
  return value;
}

[[noreturn]] void too_few_stores() {
  usage_error("compare: expected two or more stores (or one with --stats), e.g. runner compare "
              "results/momentum/runs.h5 results/optimizers/runs.h5");
}

/// The positional words of `command`, stored where its code reads them.
void take_arguments(CliOptions& cli, std::vector<std::string> args) {
  switch (cli.command) {
  case Command::new_plugin:
    if (args.size() != 2)
      usage_error("new: expected a kind and a name, e.g. runner new optimizer my_sgd");
    cli.plugin_kind = args[0];
    cli.plugin_name = args[1];
    return;
  case Command::diff:
    if (args.size() != 2)
      usage_error("diff: expected two runs, STORE:RUN STORE:RUN, e.g. results/xor/runs.h5:1 "
                  "results/xor/runs.h5:2");
    cli.run_references = args;
    return;
  case Command::predict:
    if (args.size() != 2)
      usage_error("predict: expected a run and a data file, STORE:RUN DATA.csv, e.g. runner "
                  "predict results/xor/runs.h5:1 data/xor_test.csv");
    cli.run_references = {args[0]};
    cli.file = args[1];
    return;
  case Command::export_model:
    if (args.size() != 1)
      usage_error("export: expected one run, STORE:RUN, e.g. runner export results/xor/runs.h5:1 "
                  "--format c --out xor.c");
    cli.run_references = args;
    return;
  case Command::compare:
    // one store is enough with --stats (checked with the options)
    if (args.empty()) too_few_stores();
    cli.stores.assign(args.begin(), args.end());
    return;
  case Command::help:
    if (args.size() > 1) usage_error("help: expected at most one command");
    if (!args.empty()) {
      if (!find_command(args.front()) || find_command(args.front())->hidden) {
        std::vector<std::string> names;
        for (const auto& command : command_table())
          if (!command.hidden) names.push_back(command.name);
        const auto guess = closest_name(args.front(), names);
        usage_error("help: no command '" + args.front() + "'" +
                    (guess ? "; did you mean '" + *guess + "'?" : ";") +
                    " known: " + join_sorted(names));
      }
      cli.help_topic = args.front();
    }
    return;
  case Command::list:
  case Command::check_plugin:
    if (args.empty() && cli.command == Command::check_plugin)
      usage_error("check-plugin: no plugin name given");
    if (!args.empty()) {
      cli.plugin_name = args.front();
      args.erase(args.begin());
    }
    break;
  case Command::man:
  case Command::version:
  case Command::complete: break;
  default:
    if (args.empty())
      usage_error(cli.command == Command::verify || cli.command == Command::plot
                      ? "no store file given"
                      : "no experiment file given");
    cli.file = args.front();
    args.erase(args.begin());
  }
  const bool takes_overrides = cli.command == Command::run || cli.command == Command::validate ||
                               cli.command == Command::status;
  for (const auto& arg : args) {
    if (!takes_overrides || arg.find('=') == std::string::npos)
      usage_error("unexpected argument '" + arg + "'" +
                  (takes_overrides ? "; overrides are key.path=value" : ""));
    cli.overrides.push_back(arg);
  }
}

/// The options given, stored where the commands read them.
void take_options(CliOptions& cli, const po::variables_map& vm) {
  const auto strings = [&](const char* option) {
    return vm.count(option) ? vm[option].as<std::vector<std::string>>()
                            : std::vector<std::string>{};
  };
  const auto text = [&](const char* option) {
    return vm.count(option) ? vm[option].as<std::string>() : std::string();
  };
  cli.plugin_params = strings("set");
  cli.plot = {strings("kind"),        strings("group-by"),   strings("run"),
              text("format"),         text("metric"),        text("target"),
              text("range"),          vm.count("log-y") > 0, vm.count("linear-y") > 0,
              vm.count("table") > 0,  vm.count("stats") > 0, text("baseline"),
              vm.count("neurons") > 0};
  if (vm.count("baseline") && !cli.plot.stats) usage_error("--baseline goes with --stats");
  if (cli.plot.neurons && !cli.plot.kinds.empty() &&
      std::find(cli.plot.kinds.begin(), cli.plot.kinds.end(), "movie") == cli.plot.kinds.end())
    usage_error("--neurons adds the neurons to the movie; --kind does not ask for movie");
  if (cli.command == Command::compare && cli.stores.size() < 2 && !cli.plot.stats) too_few_stores();
  cli.out = text("out");
  if (cli.command == Command::export_model) cli.export_format = text("format");
  for (const auto& folder : strings("plugin-path"))
    cli.plugin_path.emplace_back(folder);
  cli.dir = text("dir");
  if (vm.count("jobs")) cli.jobs = count_option<unsigned>(vm, "jobs", "threads");
  if (vm.count("runs")) cli.runs = count_option<std::size_t>(vm, "runs", "runs");
  if (vm.count("max-memory")) {
    const std::string size = text("max-memory");
    const auto bytes = parse_memory_size(size);
    if (!bytes) usage_error("--max-memory: expected a size such as 4G or 500M, got '" + size + "'");
    cli.max_memory = *bytes;
  }
  cli.force = vm.count("force") > 0;
  cli.keep_stale = vm.count("keep-stale") > 0;
  cli.plots = vm.count("no-plots") == 0;
  cli.verbose = vm.count("verbose") > 0;
  cli.quiet = vm.count("quiet") > 0;
  cli.json = vm.count("json") > 0;
  if (cli.command == Command::compare && cli.json) cli.plot.table = true;
  if (cli.verbose && cli.quiet) usage_error("--verbose and --quiet exclude each other");
}

} // namespace

void usage_error(const std::string& what) {
  throw ConfigError("command line: " + what + " (see runner --help)");
}

CliOptions parse_cli(int argc, const char* const argv[]) {
  CliOptions cli;
  for (int i = 0; i < argc; ++i)
    cli.command_line += (i ? " " : "") + std::string(argv[i]);
  const std::vector<std::string> args = joined_negative_values(argc, argv);
  // `runner complete WORD ...`: the words are a partial command line, options included.
  if (!args.empty() && args.front() == "complete") {
    cli.command = Command::complete;
    cli.words.assign(args.begin() + 1, args.end());
    return cli;
  }

  // First every option any command takes, to find the command among the words; then the
  // command's own options, so another command's option is refused by name.
  const CommandSpec* command = &command_spec(Command::run);
  po::variables_map vm;
  try {
    const po::variables_map any = parse(args, parser_options(nullptr), true);
    if (any.count("args")) {
      const std::string& first = any["args"].as<std::vector<std::string>>().front();
      if (const CommandSpec* named = find_command(first); named && first != "run") command = named;
    }
    vm = parse(args, parser_options(command), false);
  } catch (const po::unknown_option& e) {
    refuse_option(e.get_option_name(), *command);
  } catch (const po::error& e) {
    usage_error(e.what());
  }
  cli.command = command->command;
  std::vector<std::string> words =
      vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (cli.command != Command::run) words.erase(words.begin());

  if (vm.count("help")) {
    cli.help_topic =
        cli.command == Command::run || cli.command == Command::help ? "" : command->name;
    cli.command = Command::help;
    return cli;
  }
  if (vm.count("version")) {
    cli.command = Command::version;
    return cli;
  }
  if (vm.count("dry-run")) cli.command = Command::validate;
  take_arguments(cli, words);
  take_options(cli, vm);
  return cli;
}

} // namespace nnlab::runner
