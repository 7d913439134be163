#include "cli.hpp"

#include <cctype>
#include <charconv>
#include <map>
#include <sstream>

#include <boost/program_options.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"

namespace po = boost::program_options;

namespace nnlab::runner {

namespace {

po::options_description option_list() {
  po::options_description options("Options");
  options.add_options()("out", po::value<std::string>(),
                        "results folder (default: results); for export-data, the "
                        "file prefix (default: results/<name>/data/<name>)")(
      "jobs,j", po::value<std::string>(), "runs trained at once (default: one per core)")(
      "plugin-path", po::value<std::vector<std::string>>()->composing(),
      "also look for plugins in this folder (repeatable; NNLAB_PLUGIN_PATH adds more, "
      "':'-separated)")("force", "retrain runs already complete in the store")(
      "dry-run", "same as `runner validate`: check everything, print the runs, train nothing")(
      "runs", po::value<std::string>(),
      "verify: how many stored runs to re-execute (default: all)")(
      "no-plots", "do not render plots")("verbose,v",
                                         "print the course's per-iteration lines for each run")(
      "quiet,q", "print only the final paths (and errors)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "check-plugin: a plugin parameter, key=value (repeatable)")("help,h", "print this help")(
      "version", "print the version");
  options.add_options()("dir", po::value<std::string>(),
                        "new: create the plugin's folder in DIR (default: .)");
  // runner plot
  options.add_options()("kind", po::value<std::vector<std::string>>()->composing(),
                        "plot: cost, convergence, accuracy, decision, heatmap, speed or sweep "
                        "(repeatable; default: every kind that applies)")(
      "run", po::value<std::vector<std::string>>()->composing(),
      "plot: also draw this run's cost and decision plots; a run id, a unique prefix of one, "
      "or the run number runner validate shows (repeatable)")(
      "format", po::value<std::string>(), "plot, compare: png (default), svg or pdf")(
      "group-by", po::value<std::vector<std::string>>()->composing(),
      "plot, compare: group runs by this config key, e.g. optimizer.plugin (repeatable; "
      "default: "
      "every key that varies except the seed)")(
      "metric", po::value<std::string>(),
      "plot, compare: the series compared (default: cost_test)")(
      "target", po::value<std::string>(),
      "plot, compare: the cost the speed plot counts iterations to (default: 10x the "
      "best final)")("range", po::value<std::string>(), "plot: decision surface box x0,x1,y0,y1")(
      "log-y", "plot: log y axis for convergence and sweep (default for costs)")(
      "linear-y", "plot: linear y axis for convergence and sweep")(
      "table", "compare: print the table of groups only, write no files");
  return options;
}

const std::map<std::string, CliOptions::Command> commands{
    {"validate", CliOptions::Command::validate},
    {"verify", CliOptions::Command::verify},
    {"export-data", CliOptions::Command::export_data},
    {"list", CliOptions::Command::list},
    {"check-plugin", CliOptions::Command::check_plugin},
    {"new", CliOptions::Command::new_plugin},
    {"diff", CliOptions::Command::diff},
    {"plot", CliOptions::Command::plot},
    {"compare", CliOptions::Command::compare}};

/// Options whose value may be a negative number: program_options would read "-1,1,-1,1"
/// as an option, so "--range -1,1,-1,1" becomes "--range=-1,1,-1,1".
std::vector<std::string> joined_negative_values(int argc, const char* const argv[]) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i + 1 < args.size(); ++i) {
    const std::string& next = args[i + 1];
    if ((args[i] == "--range" || args[i] == "--target") && next.size() > 1 && next[0] == '-' &&
        (std::isdigit(static_cast<unsigned char>(next[1])) || next[1] == '.')) {
      args[i] += "=" + next;
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  return args;
}

// "unrecognised option '--ouput'; did you mean '--out'? known: --dir, ..." (OpenFOAM's list).
std::string unknown_option(const std::string& given) {
  const po::options_description options = option_list();
  std::vector<std::string> known;
  for (const auto& option : options.options())
    known.push_back("--" + option->long_name());
  const auto guess = closest_name(given, known);
  return "unrecognised option '" + given + "'" +
         (guess ? "; did you mean '" + *guess + "'?" : ";") + " known: " + join_sorted(known);
}

} // namespace

void usage_error(const std::string& what) {
  throw ConfigError("command line: " + what + " (see runner --help)");
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

std::string usage() {
  std::ostringstream text;
  text << "Usage:\n"
          "  runner EXPERIMENT.yaml [key.path=value ...] [options]\n"
          "      train every run of the experiment's sweep that is not stored yet; store in\n"
          "      <out>/<name>/runs.h5, plot in plots/. key.path=value overrides the file:\n"
          "      optimizer.learning_rate=0.1 'sweep.optimizer.learning_rate=[0.01,0.1]'\n"
          "  runner validate EXPERIMENT.yaml [key.path=value ...]\n"
          "      check everything and print the expanded run table; train nothing\n"
          "  runner verify STORE.h5 [--runs K]\n"
          "      re-execute stored runs and report whether they reproduce bit for bit\n"
          "  runner plot STORE.h5 [--kind K ...] [--run RUN ...] [--out DIR]\n"
          "      [--format png|svg|pdf] [--group-by KEY ...] [--metric M] [--target T]\n"
          "      [--range x0,x1,y0,y1]\n"
          "      the plots of a stored experiment, from the store alone: the ones the sweep\n"
          "      drew, and the cost and decision plots of each RUN (default out: plots/\n"
          "      beside the store); each image has its .gp script and .dat data\n"
          "  runner compare STORE.h5 STORE.h5 [...] [--metric M] [--group-by KEY ...]\n"
          "      [--target T] [--out DIR] [--format F] [--table]\n"
          "      several experiments' runs grouped alike: one convergence plot with one\n"
          "      legend, the speed plot, a table of the groups and report.html in DIR\n"
          "      (default: compare-<store>-<store> beside the first store's folder);\n"
          "      --table prints the table only\n"
          "  runner export-data FILE.yaml [--out PREFIX]\n"
          "      write the dataset block's train and test splits to PREFIX_{train,test}.csv\n"
          "  runner list [NAME]\n"
          "      list the plugins found; with NAME, that plugin's parameters\n"
          "  runner check-plugin NAME [--set key=value ...]\n"
          "      conformance checks of an optimizer, loss or dataset plugin, one line each;\n"
          "      exit status 1 when a check fails\n"
          "  runner new optimizer|loss|dataset NAME [--dir DIR]\n"
          "      write a plugin project to DIR/NAME (default ./NAME): a documented source to\n"
          "      edit, CMakeLists.txt (find_package(nnlab)), an experiment and a README\n"
          "  runner diff STORE.h5:RUN STORE.h5:RUN\n"
          "      why two stored runs differ: config, provenance, outcome, and the first\n"
          "      iteration where each series differs. RUN: a run id, a unique prefix of one,\n"
          "      or the run number runner validate shows. Exit status 0 when the results are\n"
          "      identical, 1 when they differ, 2 on bad input\n\n"
       << option_list()
       << "\nExit status: 0 success, 2 usage or configuration error (nothing run), 1 runtime\n"
          "failure or a run that failed or did not reproduce, 130 (SIGINT, Ctrl-C) or 143\n"
          "(SIGTERM) interrupted: the runs finished are stored, rerun to resume.\n";
  return text.str();
}

CliOptions parse_cli(int argc, const char* const argv[]) {
  po::options_description hidden;
  hidden.add_options()("args", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(option_list()).add(hidden);
  po::positional_options_description positional;
  positional.add("args", -1);

  const std::vector<std::string> arguments = joined_negative_values(argc, argv);
  po::variables_map vm;
  try {
    po::store(
        po::command_line_parser(std::vector<std::string>(arguments.begin() + 1, arguments.end()))
            .options(all)
            .positional(positional)
            .run(),
        vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    usage_error(unknown_option(e.get_option_name()));
  } catch (const po::error& e) {
    usage_error(e.what());
  }

  CliOptions cli;
  for (int i = 0; i < argc; ++i)
    cli.command_line += (i ? " " : "") + std::string(argv[i]);
  if (vm.count("help")) return cli;
  if (vm.count("version")) {
    cli.command = CliOptions::Command::version;
    return cli;
  }
  auto args =
      vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
  cli.command = CliOptions::Command::run;
  if (!args.empty() && commands.count(args.front())) {
    cli.command = commands.at(args.front());
    args.erase(args.begin());
  }
  if (vm.count("dry-run")) {
    if (cli.command != CliOptions::Command::run) usage_error("--dry-run goes with an experiment");
    cli.command = CliOptions::Command::validate;
  }

  if (cli.command == CliOptions::Command::new_plugin) {
    if (args.size() != 2)
      usage_error("new: expected a kind and a name, e.g. runner new optimizer my_sgd");
    cli.plugin_kind = args[0];
    cli.plugin_name = args[1];
    args.clear();
  } else if (cli.command == CliOptions::Command::diff) {
    if (args.size() != 2)
      usage_error("diff: expected two runs, STORE:RUN STORE:RUN, e.g. results/xor/runs.h5:1 "
                  "results/xor/runs.h5:2");
    cli.run_references = args;
    args.clear();
  } else if (cli.command == CliOptions::Command::compare) {
    if (args.size() < 2)
      usage_error("compare: expected two or more stores, e.g. runner compare "
                  "results/momentum/runs.h5 results/optimizers/runs.h5");
    cli.stores.assign(args.begin(), args.end());
    args.clear();
  } else if (cli.command == CliOptions::Command::list && !args.empty()) {
    cli.plugin_name = args.front();
    args.erase(args.begin());
  } else if (cli.command == CliOptions::Command::check_plugin) {
    if (args.empty()) usage_error("check-plugin: no plugin name given");
    cli.plugin_name = args.front();
    args.erase(args.begin());
  } else if (cli.command != CliOptions::Command::list) {
    if (args.empty())
      usage_error(cli.command == CliOptions::Command::verify ||
                          cli.command == CliOptions::Command::plot
                      ? "no store file given"
                      : "no experiment file given");
    cli.file = args.front();
    args.erase(args.begin());
  }
  const bool takes_overrides =
      cli.command == CliOptions::Command::run || cli.command == CliOptions::Command::validate;
  for (const auto& arg : args) {
    if (!takes_overrides || arg.find('=') == std::string::npos)
      usage_error("unexpected argument '" + arg + "'" +
                  (takes_overrides ? "; overrides are key.path=value" : ""));
    cli.overrides.push_back(arg);
  }

  if (vm.count("set")) {
    if (cli.command != CliOptions::Command::check_plugin)
      usage_error("--set goes with check-plugin");
    cli.plugin_params = vm["set"].as<std::vector<std::string>>();
  }
  const bool plotting = cli.command == CliOptions::Command::plot;
  const bool comparing = cli.command == CliOptions::Command::compare;
  for (const char* option : {"kind", "range", "run"})
    if (vm.count(option) && !plotting) usage_error("--" + std::string(option) + " goes with plot");
  for (const char* option : {"format", "group-by", "metric", "target", "log-y", "linear-y"})
    if (vm.count(option) && !plotting && !comparing)
      usage_error("--" + std::string(option) + " goes with plot or compare");
  if (vm.count("table") && !comparing) usage_error("--table goes with compare");
  const auto strings = [&](const char* option) {
    return vm.count(option) ? vm[option].as<std::vector<std::string>>()
                            : std::vector<std::string>{};
  };
  const auto text = [&](const char* option) {
    return vm.count(option) ? vm[option].as<std::string>() : std::string();
  };
  cli.plot = {strings("kind"),          strings("group-by"),  strings("run"), text("format"),
              text("metric"),           text("target"),       text("range"),  vm.count("log-y") > 0,
              vm.count("linear-y") > 0, vm.count("table") > 0};
  if (vm.count("out")) cli.out = vm["out"].as<std::string>();
  if (vm.count("plugin-path"))
    for (const auto& folder : vm["plugin-path"].as<std::vector<std::string>>())
      cli.plugin_path.emplace_back(folder);
  if (vm.count("dir")) {
    if (cli.command != CliOptions::Command::new_plugin) usage_error("--dir goes with new");
    cli.dir = vm["dir"].as<std::string>();
  }
  if (vm.count("jobs")) {
    cli.jobs = count_option<unsigned>(vm, "jobs", "threads");
  }
  if (vm.count("runs")) {
    if (cli.command != CliOptions::Command::verify) usage_error("--runs goes with verify");
    cli.runs = count_option<std::size_t>(vm, "runs", "runs");
  }
  cli.force = vm.count("force") > 0;
  cli.plots = vm.count("no-plots") == 0;
  cli.verbose = vm.count("verbose") > 0;
  cli.quiet = vm.count("quiet") > 0;
  if (cli.verbose && cli.quiet) usage_error("--verbose and --quiet exclude each other");
  return cli;
}

} // namespace nnlab::runner
