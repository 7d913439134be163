#include "run_pictures.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "nnlab/config/run_config.hpp"
#include "nnlab/plot/evaluation_plots.hpp"
#include "nnlab/plot/movie_plot.hpp"
#include "nnlab/plot/network_plot.hpp"
#include "nnlab/plot/neuron_plot.hpp"

namespace nnlab {

namespace {

constexpr arma::uword network_max_units = 64;

/// The kinds of picture drawn per run (the others are drawn per group or per store).
constexpr const char* run_kinds[] = {"confusion", "roc", "decision", "neurons", "network", "movie"};

/// What output c of the network gives: the probability of a class.
std::vector<std::string> output_names(const RunRecord& record, arma::uword outputs) {
  const auto name = [&](arma::uword c) {
    return c < record.class_names.size() ? record.class_names[c] : std::to_string(c);
  };
  std::vector<std::string> names;
  for (arma::uword c = 0; c < outputs; ++c)
    names.push_back("p(" + name(outputs == 1 ? 1 : c) + ")");
  return names;
}

} // namespace

RunPictures::RunPictures(const RunStore& store, PlotRenderer& renderer,
                         const StorePlotOptions& options, const DataLoader& load_data,
                         std::filesystem::path exp_dir,
                         std::function<void(const std::string&)> note)
    : store_(store), renderer_(renderer), options_(options), load_data_(load_data),
      exp_dir_(std::move(exp_dir)), note_(std::move(note)) {}

bool RunPictures::wanted(const std::string& kind) const {
  return options_.kinds.empty() ||
         std::find(options_.kinds.begin(), options_.kinds.end(), kind) != options_.kinds.end();
}

void RunPictures::draw(const StoredRun& run, const std::string& title) {
  if (run.record.status == RunStatus::failed) return;
  if (std::none_of(std::begin(run_kinds), std::end(run_kinds),
                   [&](const char* kind) { return wanted(kind); }))
    return;
  // The names, the evaluation's arrays, the weights and snapshots: read for this run's
  // pictures only (tables and plots of many runs read less).
  const StoredRun whole = read_stored_run(store_, run.record.id, RunParts::weights);
  draw_evaluation(whole.record, title);
  draw_weights(whole, title);
}

void RunPictures::draw_evaluation(const RunRecord& record, const std::string& title) {
  const bool confusion = wanted("confusion"), roc = wanted("roc");
  if (!confusion && !roc) return;
  const auto& splits = record.evaluation.splits;
  if (splits.empty()) {
    if (confusion)
      note_("confusion: skipped: no evaluation stored (a diverged run, or a store "
            "written before evaluations)");
    if (roc) note_("roc: skipped: no evaluation stored");
    return;
  }
  if (confusion)
    add_confusion_plot(renderer_, "confusion-" + record.id, splits, record.class_names,
                       "Confusion matrix - " + title);
  if (!roc) return;
  if (std::none_of(splits.begin(), splits.end(), [](const auto& s) { return !s.roc.is_empty(); }))
    return note_("roc: skipped: ROC curves need a binary task with both classes in the split");
  add_roc_plot(renderer_, "roc-" + record.id, splits, "ROC and precision-recall - " + title);
}

void RunPictures::draw_weights(const StoredRun& run, const std::string& title) {
  const RunRecord& record = run.record;
  const bool decision = wanted("decision"), neurons = wanted("neurons");
  const bool network = wanted("network"), movie = wanted("movie");
  if (!decision && !neurons && !network && !movie) return;
  const auto& weights = record.weights;
  if (weights.empty()) return;
  const RunConfig parsed = parse_run_config(run.config, exp_dir_);
  Mlp mlp(parsed.model.architecture(weights.front().second.n_cols));
  mlp.load_weights(weights);

  if (network) {
    arma::uword widest = mlp.n_inputs();
    for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
      widest = std::max(widest, mlp.layer(l).n_out());
    if (widest > network_max_units)
      note_("network: skipped: a layer has " + std::to_string(widest) + " units, more than the " +
            std::to_string(network_max_units) + " drawn");
    else
      add_network_plot(renderer_, "network-" + record.id, mlp, record.feature_names,
                       output_names(record, mlp.n_outputs()), "Weights and biases - " + title,
                       network_max_units);
  }
  const bool snapshots = !record.snapshots.empty();
  if (movie && !snapshots)
    note_("movie: skipped: no snapshots stored (set training.snapshots; runs already done "
          "need --force)");
  if (!decision && !neurons && !(movie && snapshots)) return;

  std::vector<std::string> planar;
  for (const auto& [kind, on] : {std::pair{"decision", decision}, std::pair{"neurons", neurons},
                                 std::pair{"movie", movie && snapshots}})
    if (on) planar.emplace_back(kind);
  if (!load_data_) {
    for (const auto& kind : planar)
      note_(kind + ": skipped: no plugins to re-load the data with");
    return;
  }
  const std::shared_ptr<const DataSplit> data = load_data_(parsed.dataset);
  const arma::uword features = data->train.X.n_rows;
  if (features != 2) {
    for (const auto& kind : planar)
      note_(kind + ": skipped: the data has " + std::to_string(features) + " features, not 2");
    return;
  }
  if (decision)
    add_decision_plot(renderer_, "decision-" + record.id, mlp, *data, title, 150, options_.range);
  if (neurons)
    add_neuron_plot(renderer_, "neurons-" + record.id, mlp, *data,
                    "Each unit's activation - " + title, 64, options_.range);
  if (movie && snapshots)
    add_training_movie(renderer_, "movie-" + record.id, mlp.architecture(), record.snapshots,
                       record.series, *data, "Training - " + title, 80, options_.range,
                       options_.movie_neurons);
}

} // namespace nnlab
