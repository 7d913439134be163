#pragma once

#include "cli.hpp"

namespace nnlab::runner {

class MpiSession;

/// `runner EXPERIMENT.yaml`: expand, check, train, store, plot, summarise. Under mpirun
/// with several ranks, rank 0 does all that with the runs trained by the other ranks.
int run_experiment(const CliOptions& cli, MpiSession& session);
/// `runner validate EXPERIMENT.yaml` (--dry-run): check everything, print the run table.
int validate_experiment(const CliOptions& cli);
/// `runner status EXPERIMENT.yaml`: each run of the sweep against the store; trains nothing.
int show_status(const CliOptions& cli);
/// `runner verify STORE.h5`: re-execute stored runs, compare bit for bit.
int verify_store(const CliOptions& cli);
/// `runner plot STORE.h5`: every plot of a stored experiment, from the store alone.
int plot_store(const CliOptions& cli);
/// `runner compare STORE.h5 STORE.h5 ...`: several stores' groups in one plot and table.
int compare_stores(const CliOptions& cli);
/// `runner export-data FILE.yaml`: the dataset block's splits as CSV files.
int export_data(const CliOptions& cli);
/// `runner list`: every plugin found, by kind.
int list_plugins(const CliOptions& cli);
/// `runner check-plugin NAME`: conformance checks of a plugin; 1 when one fails.
int check_plugin(const CliOptions& cli);
/// `runner new KIND NAME`: a plugin project to build against this nnlab.
int new_plugin(const CliOptions& cli);
/// `runner diff STORE:RUN STORE:RUN`: why two runs differ; 0 identical results, 1 differ.
int diff_run_pair(const CliOptions& cli);
/// `runner complete WORD ...` (hidden): the shell's completion candidates for the last word.
int complete_words(const CliOptions& cli);

} // namespace nnlab::runner
