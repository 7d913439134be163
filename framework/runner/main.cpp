// The runner's edge: parse the command line, run the command, and turn every nnlab
// exception into one line on stderr with the exit status the README promises
// (2: usage or configuration, nothing run; 1: runtime failure).
#include <iostream>

#include "cli.hpp"
#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/version.hpp"

int main(int argc, char* argv[]) {
  using nnlab::runner::CliOptions;
  try {
    const CliOptions cli = nnlab::runner::parse_cli(argc, argv);
    switch (cli.command) {
    case CliOptions::Command::help: std::cout << nnlab::runner::usage(); return 0;
    case CliOptions::Command::version:
      std::cout << "runner (nnlab) " << nnlab::version << '\n';
      return 0;
    case CliOptions::Command::list: return nnlab::runner::list_plugins(cli);
    case CliOptions::Command::check_plugin: return nnlab::runner::check_plugin(cli);
    case CliOptions::Command::new_plugin: return nnlab::runner::new_plugin(cli);
    case CliOptions::Command::export_data: return nnlab::runner::export_data(cli);
    case CliOptions::Command::validate: return nnlab::runner::validate_experiment(cli);
    case CliOptions::Command::verify: return nnlab::runner::verify_store(cli);
    case CliOptions::Command::plot: return nnlab::runner::plot_store(cli);
    case CliOptions::Command::compare: return nnlab::runner::compare_stores(cli);
    case CliOptions::Command::run: return nnlab::runner::run_experiment(cli);
    case CliOptions::Command::diff: return nnlab::runner::diff_run_pair(cli);
    }
  } catch (const nnlab::Error& e) {
    std::cerr << "runner: error: " << e.what() << '\n';
    // Bad configuration, data or plugins are found before anything trains.
    const bool usage = dynamic_cast<const nnlab::ConfigError*>(&e) ||
                       dynamic_cast<const nnlab::DataError*>(&e) ||
                       dynamic_cast<const nnlab::PluginError*>(&e);
    return usage ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "runner: error: " << e.what() << '\n';
    return 1;
  }
  return 1;
}
