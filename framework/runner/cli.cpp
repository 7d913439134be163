#include "cli.hpp"

#include <sstream>

#include <boost/program_options.hpp>

#include "nnlab/core/error.hpp"

namespace po = boost::program_options;

namespace nnlab::runner {

namespace {

po::options_description option_list() {
  po::options_description options("Options");
  options.add_options()("out", po::value<std::string>(),
                        "results folder (default: results); for export-data, the "
                        "file prefix (default: results/<name>/data/<name>)")(
      "plugin-path", po::value<std::vector<std::string>>()->composing(),
      "also look for plugins in this folder (repeatable; NNLAB_PLUGIN_PATH adds more, "
      "':'-separated)")("force", "rerun runs already complete in the store")(
      "no-plots", "do not render plots")("verbose,v",
                                         "print the course's per-iteration lines for each run")(
      "quiet,q", "print only the final paths (and errors)")("help,h", "print this help")(
      "version", "print the version");
  return options;
}

} // namespace

std::string usage() {
  std::ostringstream text;
  text << "Usage:\n"
          "  runner EXPERIMENT.yaml [options]     train every run of the experiment's sweep;\n"
          "                                       store in <out>/<name>/runs.h5, plot in plots/\n"
          "  runner export-data FILE.yaml [--out PREFIX]\n"
          "                                       write the dataset block's train and test\n"
          "                                       splits to PREFIX_train.csv, PREFIX_test.csv\n"
          "  runner list                          list the plugins found\n\n"
       << option_list()
       << "\nExit status: 0 success, 2 usage or configuration error (nothing "
          "run), 1 runtime failure.\n";
  return text.str();
}

CliOptions parse_cli(int argc, const char* const argv[]) {
  po::options_description hidden;
  hidden.add_options()("args", po::value<std::vector<std::string>>(), "");
  po::options_description all;
  all.add(option_list()).add(hidden);
  po::positional_options_description positional;
  positional.add("args", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw ConfigError(std::string("command line: ") + e.what() + " (see runner --help)");
  }

  CliOptions cli;
  if (vm.count("help")) return cli;
  if (vm.count("version")) {
    cli.command = CliOptions::Command::version;
    return cli;
  }
  const auto args =
      vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (args.empty()) throw ConfigError("command line: no experiment file given (see runner --help)");
  std::size_t next = 0;
  if (args[0] == "export-data")
    cli.command = CliOptions::Command::export_data, next = 1;
  else if (args[0] == "list")
    cli.command = CliOptions::Command::list, next = 1;
  else
    cli.command = CliOptions::Command::run;

  const std::size_t files = cli.command == CliOptions::Command::list ? 0 : 1;
  if (args.size() - next < files)
    throw ConfigError("command line: " + args[0] + " needs a YAML file (see runner --help)");
  if (args.size() - next > files)
    throw ConfigError("command line: unexpected argument '" + args[next + files] +
                      "' (see runner --help)");
  if (files) cli.file = args[next];

  if (vm.count("out")) cli.out = vm["out"].as<std::string>();
  if (vm.count("plugin-path"))
    for (const auto& folder : vm["plugin-path"].as<std::vector<std::string>>())
      cli.plugin_path.emplace_back(folder);
  cli.force = vm.count("force") > 0;
  cli.plots = vm.count("no-plots") == 0;
  cli.verbose = vm.count("verbose") > 0;
  cli.quiet = vm.count("quiet") > 0;
  if (cli.verbose && cli.quiet)
    throw ConfigError("command line: --verbose and --quiet exclude each other");
  return cli;
}

} // namespace nnlab::runner
