#include <catch2/catch.hpp>

#include <cmath>
#include <string_view>

#include "nnlab/core/rng.hpp"
#include "nnlab/model/init.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/train/evaluation.hpp"
#include "nnlab/train/metrics.hpp"
#include "nnlab/train/series.hpp"
#include "nnlab/train/series_recorder.hpp"
#include "nnlab/train/trainer.hpp"
#include "support/plugins.hpp"

using Catch::Matchers::WithinAbs;

// Every expected number below is worked out by hand in the comments (and agrees with
// scikit-learn's confusion_matrix, precision_recall_fscore_support, roc_auc_score and
// average_precision_score on the same input).

TEST_CASE("Evaluation: confusion, precision, recall, F1, ROC AUC and AP of a binary task",
          "[train][evaluation]") {
  // Scores (sigmoid outputs) sorted high to low, class 1 = positive:
  //   0.9:1  0.8:1  0.7:0  0.6:0  0.4:1  0.2:0
  const arma::mat outputs = {{0.9, 0.8, 0.7, 0.6, 0.4, 0.2}};
  const arma::rowvec y = {1, 1, 0, 0, 1, 0};
  const nnlab::SplitEvaluation e = nnlab::evaluate_outputs(outputs, y, 2, "test");
  CHECK(e.split == "test");
  // Predicted (> 0.5): 1 1 1 1 0 0. True 0 -> predicted 1, 1, 0; true 1 -> 1, 1, 0.
  CHECK(arma::approx_equal(e.confusion, arma::umat{{1, 2}, {1, 2}}, "absdiff", 0));
  CHECK(arma::approx_equal(e.support, arma::uvec{3, 3}, "absdiff", 0));
  CHECK_THAT(e.precision[0], WithinAbs(0.5, 1e-15)); // 1 / (1 + 1)
  CHECK_THAT(e.precision[1], WithinAbs(0.5, 1e-15)); // 2 / (2 + 2)
  CHECK_THAT(e.recall[0], WithinAbs(1.0 / 3, 1e-15));
  CHECK_THAT(e.recall[1], WithinAbs(2.0 / 3, 1e-15));
  CHECK_THAT(e.f1[0], WithinAbs(0.4, 1e-15));        // 2 (1/2)(1/3) / (5/6)
  CHECK_THAT(e.f1[1], WithinAbs(4.0 / 7, 1e-15));    // 2 (1/2)(2/3) / (7/6)
  CHECK_THAT(e.f1_score, WithinAbs(4.0 / 7, 1e-15)); // binary: F1 of class 1
  CHECK_THAT(e.accuracy, WithinAbs(0.5, 1e-15));
  // Positive > negative in 3 + 3 + 1 of 9 pairs.
  CHECK_THAT(e.roc_auc, WithinAbs(7.0 / 9, 1e-15));
  // (R, P) after each score: (1/3, 1) (2/3, 1) (2/3, 2/3) (2/3, 1/2) (1, 3/5) (1, 1/2):
  // AP = 1/3 * 1 + 1/3 * 1 + 1/3 * 3/5.
  CHECK_THAT(e.average_precision, WithinAbs(1.0 / 3 + 1.0 / 3 + 0.2, 1e-15));
  REQUIRE(e.roc.n_rows == 7); // (0, 0) and one point per distinct score
  CHECK(arma::approx_equal(e.roc.row(2), arma::rowvec{0, 2.0 / 3}, "absdiff", 1e-15));
  CHECK(arma::approx_equal(e.roc.row(6), arma::rowvec{1, 1}, "absdiff", 1e-15));
  REQUIRE(e.pr.n_rows == 6);
  CHECK(arma::approx_equal(e.pr.row(4), arma::rowvec{1, 0.6}, "absdiff", 1e-15));
}

TEST_CASE("Evaluation: tied scores are taken together (ROC AUC counts a tie as one half)",
          "[train][evaluation]") {
  // Positives 0.5 and 0.9, negatives 0.5 and 0.1: pairs 0.9 > both, 0.5 > 0.1, 0.5 = 0.5.
  const arma::mat outputs = {{0.5, 0.5, 0.9, 0.1}};
  const arma::rowvec y = {1, 0, 1, 0};
  const nnlab::SplitEvaluation e = nnlab::evaluate_outputs(outputs, y, 2, "test");
  CHECK_THAT(e.roc_auc, WithinAbs(3.5 / 4, 1e-15));
  // ROC: (0, 0) (0, 1/2) after 0.9, (1/2, 1) after the tie, (1, 1).
  CHECK(arma::approx_equal(e.roc, arma::mat{{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}}, "absdiff", 1e-15));
  // PR after 0.9: (1/2, 1); after the tie: (1, 2/3); after 0.1: (1, 1/2).
  CHECK(arma::approx_equal(e.pr, arma::mat{{0.5, 1}, {1, 2.0 / 3}, {1, 0.5}}, "absdiff", 1e-15));
  CHECK_THAT(e.average_precision, WithinAbs(0.5 + 0.5 * 2.0 / 3, 1e-15));
  // 0.5 is not above the 0.5 threshold: both tied samples are predicted 0.
  CHECK(arma::approx_equal(e.confusion, arma::umat{{2, 0}, {1, 1}}, "absdiff", 0));
  CHECK_THAT(e.precision[1], WithinAbs(1.0, 1e-15));
  CHECK_THAT(e.recall[1], WithinAbs(0.5, 1e-15));
  CHECK_THAT(e.f1_score, WithinAbs(2.0 / 3, 1e-15));
}

TEST_CASE("Evaluation: several classes get a confusion matrix and macro F1, no ROC",
          "[train][evaluation]") {
  // Softmax outputs whose argmax is 0 1 1 1 2 0 for labels 0 0 1 1 2 2.
  const arma::mat outputs = {{0.8, 0.1, 0.2, 0.1, 0.1, 0.5},
                             {0.1, 0.8, 0.7, 0.6, 0.2, 0.3},
                             {0.1, 0.1, 0.1, 0.3, 0.7, 0.2}};
  const arma::rowvec y = {0, 0, 1, 1, 2, 2};
  const nnlab::SplitEvaluation e = nnlab::evaluate_outputs(outputs, y, 3, "test");
  CHECK(arma::approx_equal(e.confusion, arma::umat{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}, "absdiff", 0));
  CHECK(arma::approx_equal(e.precision, arma::vec{0.5, 2.0 / 3, 1.0}, "absdiff", 1e-15));
  CHECK(arma::approx_equal(e.recall, arma::vec{0.5, 1.0, 0.5}, "absdiff", 1e-15));
  CHECK(arma::approx_equal(e.f1, arma::vec{0.5, 0.8, 2.0 / 3}, "absdiff", 1e-15));
  CHECK_THAT(e.f1_score, WithinAbs((0.5 + 0.8 + 2.0 / 3) / 3, 1e-15)); // macro
  CHECK_THAT(e.accuracy, WithinAbs(4.0 / 6, 1e-15));
  CHECK(e.roc.is_empty());
  CHECK(std::isnan(e.roc_auc));
  CHECK(std::isnan(e.average_precision));
}

TEST_CASE("Evaluation: a class never predicted has precision 0, and one class alone has no AUC",
          "[train][evaluation]") {
  const nnlab::SplitEvaluation never =
      nnlab::evaluate_outputs(arma::mat{{0.1, 0.2, 0.3}}, arma::rowvec{0, 1, 1}, 2, "test");
  CHECK(never.precision[1] == 0.0); // 0 / 0: scikit-learn's zero_division=0
  CHECK(never.f1[1] == 0.0);
  CHECK_THAT(never.roc_auc, WithinAbs(1.0, 1e-15)); // the ranking is still perfect
  const nnlab::SplitEvaluation positives =
      nnlab::evaluate_outputs(arma::mat{{0.9, 0.2}}, arma::rowvec{1, 1}, 2, "test");
  CHECK(std::isnan(positives.roc_auc));
  CHECK(positives.roc.is_empty());
  CHECK_THAT(positives.average_precision, WithinAbs(1.0, 1e-15));
  const nnlab::SplitEvaluation negatives =
      nnlab::evaluate_outputs(arma::mat{{0.9, 0.2}}, arma::rowvec{0, 0}, 2, "test");
  CHECK(std::isnan(negatives.roc_auc));
  CHECK(std::isnan(negatives.average_precision));
  CHECK_THROWS_AS(
      nnlab::evaluate_outputs(arma::mat(1, 1, arma::fill::value(0.9)), arma::rowvec{2}, 2, "test"),
      std::invalid_argument);
  CHECK_THROWS_AS(nnlab::evaluate_outputs(arma::mat{{0.9, 0.1}}, arma::rowvec{1}, 2, "test"),
                  std::invalid_argument);
}

TEST_CASE("Evaluation: evaluate_network scores the test split with the network's outputs",
          "[train][evaluation]") {
  const nnlab::Architecture arch{2, {3, 1}};
  nnlab::Mlp mlp(arch);
  nnlab::Rng rng(5);
  nnlab::initialize(mlp, {}, rng);
  nnlab::DataSplit data;
  data.train.X = arma::randu<arma::mat>(2, 10);
  data.train.y = arma::rowvec(10, arma::fill::zeros);
  data.test.X = {{-1, -1, 1, 1, 0.5}, {-1, 1, -1, 1, 0.2}};
  data.test.y = {0, 1, 1, 0, 1};
  const auto loss = nnlab::test::make_loss("{plugin: binary_cross_entropy}");
  const nnlab::Evaluation evaluation = nnlab::evaluate_network(mlp, *loss, data);
  REQUIRE(evaluation.splits.size() == 1);
  REQUIRE(evaluation.find("test") != nullptr);
  CHECK(evaluation.find("valid") == nullptr);
  nnlab::Nodes nodes = mlp.make_nodes(5);
  const arma::mat outputs = mlp.forward(data.test.X, nodes);
  const nnlab::SplitEvaluation expected = nnlab::evaluate_outputs(outputs, data.test.y, 2, "test");
  const nnlab::SplitEvaluation& test = *evaluation.find("test");
  CHECK(arma::approx_equal(test.confusion, expected.confusion, "absdiff", 0));
  CHECK(test.roc_auc == expected.roc_auc);
  CHECK(test.average_precision == expected.average_precision);
  CHECK_THAT(test.accuracy, WithinAbs(nnlab::accuracy(outputs, data.test.y), 1e-15));
}

TEST_CASE("Evaluation: the finals are what the trainer's next iteration measures, for each "
          "split, and the validation split is evaluated too",
          "[train][evaluation]") {
  // A net trained 7 iterations, then evaluated: its cost and accuracy on each split are the
  // series values a further iteration from the same weights records, bit for bit.
  const nnlab::Architecture arch{2,
                                 {3, 2},
                                 nnlab::Activation(nnlab::Activation::Kind::tanh),
                                 nnlab::Activation(nnlab::Activation::Kind::softmax)};
  nnlab::Mlp mlp(arch);
  nnlab::Rng rng(11);
  nnlab::initialize(mlp, {}, rng);
  nnlab::DataSplit data;
  data.train.X = {{-1, -1, 1, 1, 0.3, -0.2}, {-1, 1, -1, 1, 0.1, 0.6}};
  data.train.y = {0, 1, 1, 0, 1, 0};
  data.test.X = {{-0.9, 0.8, 0.1}, {0.9, -0.7, 0.2}};
  data.test.y = {1, 1, 0};
  data.valid.X = {{-1.1, 1.2, 0.9, -0.4}, {-0.8, 0.9, -1.1, 0.5}};
  data.valid.y = {0, 0, 1, 1};
  const auto loss = nnlab::test::make_loss("{plugin: categorical_cross_entropy}");
  const auto sgd = nnlab::test::make_optimizer("{plugin: sgd}");
  nnlab::SeriesRecorder trained(7, true);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, {7, 0.5}, trained);
  const nnlab::RunSeries before = trained.take();

  const nnlab::Evaluation evaluation = nnlab::evaluate_network(mlp, *loss, data);
  nnlab::DataSplit without = data;
  without.valid = {};
  const nnlab::Evaluation plain = nnlab::evaluate_network(mlp, *loss, without);
  nnlab::SeriesRecorder next(1, true);
  nnlab::Trainer().run(mlp, *sgd, *loss, data, {1, 0.5}, next);
  const nnlab::RunSeries after = next.take();
  REQUIRE(evaluation.finals.size() == 6);
  for (const nnlab::SeriesSpec& series : nnlab::stored_series()) {
    CAPTURE(series.name);
    const double value = evaluation.final_value(series.name);
    CHECK(value == (after.*series.recorded)[0]);
    // Not the series' last value: that was measured before the 7th update.
    if (std::string_view(series.name).substr(0, 4) == "cost")
      CHECK(value != (before.*series.recorded)[6]);
  }
  // test, then validation; both with the numbers of their outputs.
  REQUIRE(evaluation.splits.size() == 2);
  CHECK(evaluation.splits[0].split == "test");
  CHECK(evaluation.splits[1].split == "valid");
  CHECK(arma::accu(evaluation.splits[1].confusion) == 4);
  CHECK(evaluation.splits[1].accuracy == evaluation.final_value("accuracy_valid"));
  CHECK(evaluation.splits[0].accuracy == evaluation.final_value("accuracy_test"));
  CHECK(!std::isnan(evaluation.splits[1].roc_auc)); // softmax of two classes: binary
  // Without a validation set: no valid split, no validation finals.
  CHECK(plain.splits.size() == 1);
  CHECK(plain.finals.count("cost_valid") == 0);
  CHECK(std::isnan(plain.final_value("accuracy_valid")));
  CHECK(plain.final_value("cost_test") == evaluation.final_value("cost_test"));
}
