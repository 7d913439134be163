// The runner's edge: parse the command line, run the command, and turn every exception
// into one line on stderr with the exit status the README promises (2: usage or
// configuration, nothing run; 1: runtime failure).
#include <iostream>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "error_report.hpp"
#include "help_text.hpp"
#include "mpi_session.hpp"
#include "nnlab/core/blas_kernels.hpp"
#include "nnlab/core/version.hpp"

int main(int argc, char* argv[]) {
  // Before anything else (MPI included): on a CPU newer than OpenBLAS, run again with the
  // kernels the CPU has rather than OpenBLAS's generic ones.
  nnlab::use_better_blas_kernels(argv);
  using nnlab::runner::CliOptions;
  // Under mpirun or srun every rank runs this; MPI starts only then.
  nnlab::runner::MpiSession session(argc, argv);
  try {
    const CliOptions cli = nnlab::runner::parse_cli(argc, argv);
    // Only a sweep is distributed; any other command is rank 0's alone.
    if (session.rank() > 0 && cli.command != CliOptions::Command::run) return 0;
    switch (cli.command) {
    case CliOptions::Command::help:
      std::cout << (cli.help_topic.empty() ? nnlab::runner::overview_help()
                                           : nnlab::runner::command_help(
                                                 *nnlab::runner::find_command(cli.help_topic)));
      return 0;
    case CliOptions::Command::man: std::cout << nnlab::runner::man_page(); return 0;
    case CliOptions::Command::complete: return nnlab::runner::complete_words(cli);
    case CliOptions::Command::version: {
      std::cout << "runner (nnlab) " << nnlab::version << '\n';
      // The BLAS and the kernels it runs: what matrix products cost depends on them.
      const std::string blas = nnlab::blas_config();
      std::cout << "BLAS: " << (blas.empty() ? "not OpenBLAS" : blas) << '\n';
      return 0;
    }
    case CliOptions::Command::list: return nnlab::runner::list_plugins(cli);
    case CliOptions::Command::check_plugin: return nnlab::runner::check_plugin(cli);
    case CliOptions::Command::new_plugin: return nnlab::runner::new_plugin(cli);
    case CliOptions::Command::export_data: return nnlab::runner::export_data(cli);
    case CliOptions::Command::validate: return nnlab::runner::validate_experiment(cli);
    case CliOptions::Command::status: return nnlab::runner::show_status(cli);
    case CliOptions::Command::verify: return nnlab::runner::verify_store(cli);
    case CliOptions::Command::plot: return nnlab::runner::plot_store(cli);
    case CliOptions::Command::compare: return nnlab::runner::compare_stores(cli);
    case CliOptions::Command::run: return nnlab::runner::run_experiment(cli, session);
    case CliOptions::Command::diff: return nnlab::runner::diff_run_pair(cli);
    case CliOptions::Command::predict: return nnlab::runner::predict_data(cli);
    case CliOptions::Command::export_model: return nnlab::runner::export_network(cli);
    }
  } catch (const std::exception& e) {
    // A rank past the start of a distributed sweep has others waiting on it: end them all.
    const int status = nnlab::runner::report_error(
        e, session.rank() > 0 ? "runner (rank " + std::to_string(session.rank()) + ")" : "runner");
    if (session.sweep_started()) session.abort(status);
    return status;
  }
  return 1;
}
