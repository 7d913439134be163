#include "nnlab/train/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "nnlab/model/mlp.hpp"
#include "nnlab/model/panel_pass.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/train/metrics.hpp"
#include "nnlab/train/series.hpp"

namespace nnlab {

namespace {

double ratio(double part, double whole) {
  return whole > 0.0 ? part / whole : 0.0;
}

/// roc, pr, roc_auc and average_precision from the scores of class 1.
void rank_scores(const arma::rowvec& score, const arma::rowvec& labels, SplitEvaluation& out) {
  const arma::uword m = score.n_elem;
  const double positives = static_cast<double>(arma::accu(labels == 1.0));
  const double negatives = static_cast<double>(m) - positives;
  if (positives == 0.0) return;
  const arma::uvec order = arma::stable_sort_index(score, "descend");
  std::vector<std::pair<double, double>> roc{{0.0, 0.0}}, pr;
  double tp = 0.0, fp = 0.0, auc = 0.0, ap = 0.0, last_recall = 0.0;
  for (arma::uword i = 0; i < m;) {
    const double threshold = score[order[i]];
    for (; i < m && score[order[i]] == threshold; ++i)
      (labels[order[i]] == 1.0 ? tp : fp) += 1.0;
    const double recall = tp / positives, precision = tp / (tp + fp);
    ap += (recall - last_recall) * precision;
    last_recall = recall;
    pr.emplace_back(recall, precision);
    if (negatives > 0.0) {
      const double fpr = fp / negatives;
      auc += (fpr - roc.back().first) * (recall + roc.back().second) / 2.0;
      roc.emplace_back(fpr, recall);
    }
  }
  out.average_precision = ap;
  out.pr.set_size(pr.size(), 2);
  for (std::size_t r = 0; r < pr.size(); ++r)
    out.pr(r, 0) = pr[r].first, out.pr(r, 1) = pr[r].second;
  if (negatives == 0.0) return;
  out.roc_auc = auc;
  out.roc.set_size(roc.size(), 2);
  for (std::size_t r = 0; r < roc.size(); ++r)
    out.roc(r, 0) = roc[r].first, out.roc(r, 1) = roc[r].second;
}

} // namespace

const SplitEvaluation* Evaluation::find(std::string_view name) const {
  for (const auto& split : splits)
    if (split.split == name) return &split;
  return nullptr;
}

double Evaluation::final_value(std::string_view name) const {
  const auto found = finals.find(name);
  return found == finals.end() ? arma::datum::nan : found->second;
}

SplitEvaluation evaluate_outputs(const arma::mat& outputs, const arma::rowvec& labels,
                                 arma::uword k, std::string split) {
  const arma::uword m = labels.n_elem;
  if (outputs.n_cols != m)
    throw std::invalid_argument("evaluate_outputs: " + std::to_string(outputs.n_cols) +
                                " outputs for " + std::to_string(m) + " labels");
  SplitEvaluation out;
  out.split = std::move(split);
  out.confusion.zeros(k, k);
  const arma::urowvec predicted = predict(outputs);
  for (arma::uword j = 0; j < m; ++j) {
    const double label = labels[j];
    if (!(label >= 0.0) || label >= static_cast<double>(k) || label != std::floor(label))
      throw std::invalid_argument("evaluate_outputs: label " + std::to_string(label) +
                                  " is not a class 0.." + std::to_string(k - 1));
    if (predicted[j] >= k)
      throw std::invalid_argument("evaluate_outputs: predicted class " +
                                  std::to_string(predicted[j]) + " of " + std::to_string(k));
    ++out.confusion(static_cast<arma::uword>(label), predicted[j]);
  }
  out.precision.zeros(k), out.recall.zeros(k), out.f1.zeros(k), out.support.zeros(k);
  for (arma::uword c = 0; c < k; ++c) {
    const auto hits = static_cast<double>(out.confusion(c, c));
    out.support[c] = arma::accu(out.confusion.row(c));
    out.precision[c] = ratio(hits, static_cast<double>(arma::accu(out.confusion.col(c))));
    out.recall[c] = ratio(hits, static_cast<double>(out.support[c]));
    out.f1[c] = ratio(2.0 * out.precision[c] * out.recall[c], out.precision[c] + out.recall[c]);
  }
  out.accuracy = ratio(static_cast<double>(arma::trace(out.confusion)), static_cast<double>(m));
  out.f1_score = k == 2 ? out.f1[1] : arma::mean(out.f1);
  if (k == 2 && (outputs.n_rows == 1 || outputs.n_rows == 2))
    rank_scores(outputs.row(outputs.n_rows - 1), labels, out);
  return out;
}

Evaluation evaluate_network(const Mlp& mlp, const Loss& loss, const DataSplit& data) {
  arma::uword k =
      std::max<arma::uword>(mlp.n_outputs() == 1 ? 2 : mlp.n_outputs(), data.class_names.size());
  for (const auto* labels : {&data.train.y, &data.test.y, &data.valid.y})
    if (!labels->is_empty()) k = std::max(k, static_cast<arma::uword>(labels->max()) + 1);
  const bool validation = data.valid.X.n_cols > 0;
  Evaluation evaluation;
  // What the trainer would record for this network; NaN: a split without samples.
  const double nan = arma::datum::nan;
  IterationStats stats{0, nan, nan, nan, nan, nan, nan};
  // The order of the splits in `splits`: test, then validation.
  struct Measured {
    const char* name;
    const Samples* samples;
    double IterationStats::*cost;
    double IterationStats::*accuracy;
  };
  const Measured splits[] = {
      {"test", &data.test, &IterationStats::cost_test, &IterationStats::accuracy_test},
      {"valid", &data.valid, &IterationStats::cost_valid, &IterationStats::accuracy_valid},
      {"train", &data.train, &IterationStats::cost_train, &IterationStats::accuracy_train}};
  PanelPass pass(mlp, std::max({data.train.X.n_cols, data.test.X.n_cols, data.valid.X.n_cols}));
  for (const Measured& split : splits) {
    const Samples& samples = *split.samples;
    if (samples.X.n_cols == 0) continue;
    const arma::mat& outputs = pass.forward(mlp, samples.X);
    stats.*split.cost = loss.value(outputs, make_targets(samples.y, mlp.n_outputs()));
    stats.*split.accuracy = accuracy(outputs, samples.y);
    if (split.samples != &data.train)
      evaluation.splits.push_back(evaluate_outputs(outputs, samples.y, k, split.name));
  }
  // In the series table's words: one value per series the run stores.
  for (const SeriesSpec& series : stored_series())
    if (!std::isnan(stats.*series.measured) && (!series.validation || validation))
      evaluation.finals[series.name] = stats.*series.measured;
  return evaluation;
}

} // namespace nnlab
