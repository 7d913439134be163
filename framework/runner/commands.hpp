#pragma once

#include "cli.hpp"

namespace nnlab::runner {

/// `runner EXPERIMENT.yaml`: expand, check, train, store, plot, summarise.
int run_experiment(const CliOptions& cli);
/// `runner export-data FILE.yaml`: the dataset block's splits as CSV files.
int export_data(const CliOptions& cli);
/// `runner list`: every plugin found, by kind.
int list_plugins(const CliOptions& cli);

} // namespace nnlab::runner
