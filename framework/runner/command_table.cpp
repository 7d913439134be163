// The runner's commands and options, written once. The parser (cli.cpp), --help and
// `runner help NAME`, the man page (help_text.cpp) and shell completion (completion.cpp)
// all read these tables, so what one says the others cannot contradict.
#include "command_table.hpp"

#include <algorithm>

#include "nnlab/report/run_groups.hpp"
#include "nnlab/report/store_plots.hpp"

// The tables below leave trailing members at their defaults (no completion, not hidden).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace nnlab::runner {

namespace {

using Command = CliOptions::Command;

std::vector<OptionSpec> make_options() {
  std::vector<OptionSpec> options{
      {"baseline", 0, "GROUP",
       "with --stats: the group every other is compared with (default: the first)"},
      {"dir", 0, "DIR", "create the plugin's folder in DIR (default: .)", WordKind::folder},
      {"dry-run", 0, "",
       "same as `runner validate`: check everything, print the runs, train "
       "nothing"},
      {"force", 0, "", "retrain runs already complete in the store"},
      {"format", 0, "FORMAT", "image format", WordKind::choice, false,
       [] {
         return std::vector<std::string>{"png", "svg", "pdf"};
       }},
      {"group-by", 0, "KEY",
       "group runs by this config key, e.g. optimizer.plugin (repeatable; default: every key "
       "that varies except the seed)",
       WordKind::none, true},
      {"help", 'h', "", "print this help"},
      {"jobs", 'j', "N", "runs trained at once (default: one per core)"},
      {"json", 0, "", "print JSON for scripts instead of the table (schema: docs/json.md)"},
      {"keep-stale", 0, "",
       "keep stored runs whose data, weights file or library changed since (default: retrain "
       "them)"},
      {"kind", 0, "K", "the kinds of plot to draw (repeatable; default: every kind that applies)",
       WordKind::choice, true, [] { return plot_kinds(); }},
      {"linear-y", 0, "", "linear y axis for convergence and sweep"},
      {"log-y", 0, "", "log y axis for convergence and sweep (default for costs)"},
      {"max-memory", 0, "SIZE",
       "refuse runs estimated to need more memory than SIZE, e.g. 4G or 500M (default: the "
       "memory available)"},
      {"metric", 0, "M", "the series compared (default: cost_test)", WordKind::choice, false,
       [] { return series_names(); }},
      {"neurons", 0, "",
       "the movie shows each unit's activation beside the decision surface, frame by frame"},
      {"no-plots", 0, "", "do not render plots"},
      {"out", 0, "DIR", "results folder (default: results)", WordKind::folder},
      {"plugin-path", 0, "DIR",
       "also look for plugins in this folder (repeatable; NNLAB_PLUGIN_PATH adds more, "
       "':'-separated)",
       WordKind::folder, true},
      {"quiet", 'q', "", "print only the final paths (and errors)"},
      {"range", 0, "x0,x1,y0,y1", "the decision surface's box"},
      {"run", 0, "RUN",
       "also draw this run's cost and decision plots; a run id, a unique prefix of one, or the "
       "run number runner validate shows (repeatable)",
       WordKind::none, true},
      {"runs", 0, "K", "how many stored runs to re-execute (default: all)"},
      {"set", 0, "key=value", "a plugin parameter (repeatable)", WordKind::none, true},
      {"stats", 0, "",
       "statistics of each group against the baseline: the difference with its 95 % interval, "
       "a rank test's p-value (Holm-corrected) and the win rate, on the final metric and on "
       "iterations to the target; stats.csv and differences-*.png"},
      {"table", 0, "", "print the table of groups only, write no files"},
      {"target", 0, "T",
       "the cost the speed plot counts iterations to (default: 10x the best final)"},
      {"verbose", 'v', "",
       "print the course's per-iteration lines for each run, then the phase times (load, "
       "train, store, plot, report)"},
      {"version", 0, "", "print the version and the BLAS"}};
  std::sort(options.begin(), options.end(),
            [](const OptionSpec& a, const OptionSpec& b) { return a.name < b.name; });
  return options;
}

std::vector<std::string> export_formats() {
  return {"c", "json", "onnx"};
}

std::vector<CommandSpec> make_commands() {
  const ArgSpec experiment{"EXPERIMENT.yaml", WordKind::experiment};
  const ArgSpec overrides{"[key.path=value ...]", WordKind::override_key, true};
  const ArgSpec store{"STORE.h5", WordKind::store};
  const std::vector<std::string> plot_options{
      "format", "group-by", "metric", "target", "log-y", "linear-y", "out", "plugin-path", "quiet"};
  std::vector<std::string> plot_all = plot_options;
  plot_all.insert(plot_all.begin(), {"kind", "run", "range", "neurons"});
  return {
      {"run",
       Command::run,
       "EXPERIMENT.yaml [key.path=value ...] [options]",
       "train every run of the experiment's sweep that is not stored yet",
       "Expands the experiment's sweep, checks every run (plugins built, data read, memory "
       "estimated), trains the runs not stored yet (runs already complete are kept; failed ones are retried) and "
       "stores each in <out>/<name>/runs.h5 as it ends; then draws the plots in plots/, writes "
       "summary.csv and report.html, and prints a table per sweep point.\n\n"
       "A stored run is stale when a file it read (data, weights) has changed since, or a "
       "library it ran (libnnlab, a plugin) was rebuilt and gives other results: one line per "
       "change says so, and stale runs are trained again and replace the stored ones "
       "(--keep-stale keeps them). A rebuilt library is checked once: one run that used it is "
       "re-executed and compared bit for bit, and the store keeps what was found.\n\n"
       "key.path=value overrides a key of the file, as YAML: optimizer.learning_rate=0.1 "
       "'sweep.optimizer.learning_rate=[0.01,0.1]' seeds=[1,2].",
       {experiment, overrides},
       {"out", "jobs", "plugin-path", "force", "keep-stale", "dry-run", "no-plots", "max-memory",
        "verbose", "quiet"}},
      {"validate",
       Command::validate,
       "EXPERIMENT.yaml [key.path=value ...] [--json]",
       "check everything and print the expanded run table; train nothing",
       "Checks everything a real run checks (every key, plugins built, data read, each run's "
       "memory estimated) and prints the run table: each run's number, id, seed, estimated "
       "peak memory and the values its sweep point sets. Trains nothing and writes nothing.",
       {experiment, overrides},
       {"json", "plugin-path", "max-memory"},
       {{"json", "", "print the run table as JSON (schema: docs/json.md)"}}},
      {"status",
       Command::status,
       "EXPERIMENT.yaml [key.path=value ...] [--json] | STORE.h5 [--json]",
       "each run of the sweep: done, stale (and why), missing or failed; train nothing",
       "Compares every run of the experiment's sweep with its store, <out>/<name>/runs.h5, "
       "and prints its state: done; diverged; failed (a rerun tries it again); stale, with "
       "why (a file it read changed since, or is gone, or a library it ran was rebuilt and "
       "gives other results: a rerun trains it again unless --keep-stale); unverified (a "
       "library it ran was rebuilt and is not checked yet: the next rerun re-executes one "
       "such run to decide); or missing. Then one line per changed file or library, and what "
       "a rerun would train. Trains nothing, writes nothing and reads no series of the store: "
       "fast on big stores.\n\n"
       "Given a store (runs.h5) instead, shows the runs it holds, each rebuilt from its stored "
       "config as runner verify does (so none is missing), against the files and libraries of "
       "now; this reads every stored run whole.",
       {experiment, overrides},
       {"json", "out", "plugin-path"},
       {{"json", "", "print the runs' states as JSON (schema: docs/json.md)"},
        {"out", "", "the results folder that holds <name>/runs.h5 (default: results)"}}},
      {"verify",
       Command::verify,
       "STORE.h5 [--runs K]",
       "re-execute stored runs and report whether they reproduce bit for bit",
       "Re-executes the first K stored runs (all by default) from their stored configs and "
       "reports, per run, whether every series and weight is reproduced bit for bit. Exit "
       "status 1 when one is not.",
       {store},
       {"runs", "plugin-path"}},
      {"plot",
       Command::plot,
       "STORE.h5 [--kind K ...] [--run RUN ...] [--out DIR] [--format png|svg|pdf]",
       "every plot of a stored experiment, from the store alone",
       "Draws every plot of a stored experiment from the store alone, nothing retrained, into "
       "plots/ beside the store (or --out DIR). Runs are grouped by the config keys that vary "
       "except the seed, or by --group-by. Each image has its gnuplot script (.gp) and data "
       "(.dat) beside it.",
       {store},
       plot_all,
       {{"out", "", "where the plots go (default: plots/ beside the store)"},
        {"quiet", "", "print only the count of plots and where they are"}}},
      {"compare",
       Command::compare,
       "STORE.h5 [STORE.h5 ...] [--stats] [--table] [--json]",
       "several stores' runs grouped alike: plots, a table and report.html; statistics",
       "Groups the runs of several stores by the same keys and puts them side by side: one "
       "convergence plot with one legend, the speed plot, compare.csv, a table of the groups "
       "and report.html in DIR (default: compare-<store>-<store> beside the first store's "
       "folder). --table prints the table only; --json prints it as JSON.\n\n"
       "--stats compares each group with the baseline (--baseline, default the first group), "
       "on the final metric (default cost_valid, else cost_test) and on iterations to the "
       "target: paired by seed when both groups have the same seeds and starting weights "
       "(median of the per-seed differences, bootstrap interval, Wilcoxon signed-rank test), "
       "else unpaired (Hodges-Lehmann shift and interval, Mann-Whitney U test); p-values "
       "Holm-corrected across the table. It prints the table, writes stats.csv and the "
       "differences plots, and shows them in report.html. One store is enough with --stats: "
       "its groups are compared.",
       {{"STORE.h5", WordKind::store, true}},
       [&] {
         auto options = plot_options;
         options.insert(options.begin(), {"table", "json", "stats", "baseline"});
         options.erase(std::find(options.begin(), options.end(), "plugin-path"));
         return options;
       }(),
       {{"out", "", "where the plots, compare.csv, stats.csv and report.html go"},
        {"metric", "",
         "the series compared (default: cost_valid when every store has it, else cost_test)"},
        {"json", "",
         "print the table of groups (and with --stats the statistics) as JSON, write no files "
         "(schema: docs/json.md)"},
        {"quiet", "", "print only where the files are, not the table"}}},
      {"diff",
       Command::diff,
       "STORE.h5:RUN STORE.h5:RUN",
       "why two stored runs differ",
       "Prints the difference of two stored runs: their configs by key path, the stores' "
       "provenance, status and iterations, and per series the first iteration where the two "
       "differ bit for bit. RUN is a run id, a unique prefix of one, or the run number "
       "`runner validate` shows. Exit status 0 when the results are identical, 1 when they "
       "differ, 2 on bad input.",
       {{"STORE.h5:RUN", WordKind::run_ref}, {"STORE.h5:RUN", WordKind::run_ref}},
       {}},
      {"predict",
       Command::predict,
       "STORE.h5:RUN DATA.csv [--out FILE]",
       "apply a stored run's network to new data: class probabilities and predictions",
       "Applies the network of a stored run to the samples of DATA.csv, with the run's own "
       "standardisation and class names, through the forward pass training used. Features "
       "are found by the names the run was trained with, in any column order. Writes DATA's "
       "columns, then p_<class> for each class and predicted (the class name), as CSV to FILE "
       "or stdout. When DATA has the label column, also prints the accuracy and the cost (the "
       "run's loss) of the predictions, on stderr when the CSV goes to stdout. RUN is a run "
       "id, a unique prefix of one, or the run number `runner validate` shows.",
       {{"STORE.h5:RUN", WordKind::run_ref}, {"DATA.csv", WordKind::data_file}},
       {"out", "plugin-path"},
       {{"out", "FILE", "write the CSV to FILE (default: stdout)"}}},
      {"export",
       Command::export_model,
       "STORE.h5:RUN --format c|json|onnx --out FILE",
       "write a stored run's network as C, JSON or ONNX, to use it elsewhere",
       "Writes the network of a stored run, with its standardisation, to FILE. c: one "
       "dependency-free C99 file with void nnlab_predict(const double *input, double *output), "
       "input the raw features in the run's order, output the output layer's activations. "
       "json: the layers, activations, weights, scaler and class names (layout: the "
       "README, Predicting and exporting). onnx: an ONNX model (opset 13: Sub, Div, Gemm and the "
       "activations' "
       "operators, float64 tensors) with input `input` (N x features) and output `output` (N "
       "x outputs). RUN is a run id, a unique prefix of one, or the run number `runner "
       "validate` shows.",
       {{"STORE.h5:RUN", WordKind::run_ref}},
       {"format", "out"},
       {{"format", "FORMAT", "what to write", export_formats},
        {"out", "FILE", "the file to write (required)"}}},
      {"export-data",
       Command::export_data,
       "FILE.yaml [--out PREFIX]",
       "write the dataset block's train and test splits as CSV",
       "Builds the dataset of the file's dataset block and writes its train and test splits "
       "to PREFIX_train.csv and PREFIX_test.csv (default PREFIX: results/<name>/data/<name>).",
       {{"FILE.yaml", WordKind::experiment}},
       {"out", "plugin-path"},
       {{"out", "PREFIX", "the files' prefix (default: results/<name>/data/<name>)"}}},
      {"list",
       Command::list,
       "[NAME] [--json]",
       "the plugins found; with NAME, that plugin's parameters",
       "Lists the plugin search path (each folder with where it came from) and every plugin "
       "found, by kind, with its description and file. With NAME, prints that plugin's "
       "parameters: type, default and meaning. Exit status 1 when a plugin is broken.",
       {{"[NAME]", WordKind::plugin}},
       {"json", "plugin-path"},
       {{"json", "",
         "print the plugins, each with its parameters, as JSON (schema: "
         "docs/json.md)"}}},
      {"check-plugin",
       Command::check_plugin,
       "NAME [--set key=value ...]",
       "conformance checks of an optimizer, loss or dataset plugin",
       "Builds the plugin as an experiment would (its defaults, changed by --set) and runs the "
       "conformance checks of its kind, one line each, PASS or FAIL with the figures. Exit "
       "status 1 when a check fails.",
       {{"NAME", WordKind::plugin}},
       {"set", "plugin-path"}},
      {"new",
       Command::new_plugin,
       "optimizer|loss|dataset NAME [--dir DIR]",
       "write a plugin project to build against this nnlab",
       "Writes a plugin project to DIR/NAME (default ./NAME): a documented source that works "
       "as it is, CMakeLists.txt (find_package(nnlab) and a check-plugin test), an experiment "
       "that uses it and a README.",
       {{"KIND", WordKind::plugin_kind}, {"NAME"}},
       {"dir", "plugin-path"},
       {{"plugin-path", "",
         "also look here for a plugin of the same name, which NAME must not "
         "be (repeatable)"}}},
      {"help",
       Command::help,
       "[COMMAND]",
       "this overview, or a command's options",
       "Prints the overview of every command, or the synopsis, description and options of "
       "COMMAND (as `runner COMMAND --help` does).",
       {{"[COMMAND]", WordKind::command}},
       {}},
      {"man",
       Command::man,
       "",
       "the manual page, in roff",
       "Prints the manual page (man 1 runner).",
       {},
       {},
       {},
       true},
      {"complete",
       Command::complete,
       "WORD ...",
       "candidates for the shell's completion",
       "Prints the candidates for the last WORD of a partial command line `runner WORD ...`, "
       "one a line; a line starting with ':' tells the shell to complete files.",
       {{"WORD", WordKind::none, true}},
       {},
       {},
       true}};
}

} // namespace

const std::vector<OptionSpec>& option_table() {
  static const std::vector<OptionSpec> options = make_options();
  return options;
}

const std::vector<CommandSpec>& command_table() {
  static const std::vector<CommandSpec> commands = make_commands();
  return commands;
}

const CommandSpec* find_command(std::string_view name) {
  for (const auto& command : command_table())
    if (command.name == name) return &command;
  return nullptr;
}

const CommandSpec& command_spec(CliOptions::Command command) {
  for (const auto& spec : command_table())
    if (spec.command == command) return spec;
  return command_table().front();
}

const OptionSpec* find_option(std::string_view name) {
  for (const auto& option : option_table())
    if (option.name == name) return &option;
  return nullptr;
}

std::vector<OptionSpec> options_of(const CommandSpec& command) {
  std::vector<OptionSpec> options;
  for (const auto& name : command.options) {
    OptionSpec option = *find_option(name);
    for (const auto& note : command.notes)
      if (note.option == name) {
        if (!note.value.empty()) option.value = note.value;
        option.help = note.help;
        if (note.values) option.values = note.values;
      }
    options.push_back(std::move(option));
  }
  options.push_back(*find_option("help"));
  return options;
}

std::optional<OptionSpec> option_of(const CommandSpec& command, std::string_view name) {
  for (auto& option : options_of(command))
    if (option.name == name) return option;
  if (const OptionSpec* option = find_option(name)) return *option;
  return std::nullopt;
}

std::string invocation(const CommandSpec& command) {
  return command.command == CliOptions::Command::run ? "runner" : "runner " + command.name;
}

const char* const exit_status_text =
    "0 success; 2 usage or configuration error (nothing run); 1 runtime failure, or a run "
    "that failed or did not reproduce; 130 (SIGINT, Ctrl-C) or 143 (SIGTERM) interrupted: the "
    "runs finished are stored, rerun to resume.";

} // namespace nnlab::runner
