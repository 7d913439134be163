#pragma once

#include <armadillo>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {

struct DataSplit;
class Loss;

/// How a trained classifier does on one split, as scikit-learn's metrics count it.
/// With C the confusion matrix (C(i, j): samples of true class i predicted as j):
///   precision_c = C(c, c) / sum_i C(i, c)   recall_c = C(c, c) / sum_j C(c, j)
///   f1_c = 2 precision_c recall_c / (precision_c + recall_c)
/// each 0 where its denominator is 0 (scikit-learn's zero_division=0). The headline `f1` is
/// f1 of class 1 for two classes (scikit-learn's binary average), the mean over classes
/// (macro) for more. For two classes, ranking the samples by the score of class 1 (the
/// sigmoid output, or softmax output 1) from high to low, tied scores taken together:
///   roc         (false positive rate, true positive rate) after each distinct score, from (0, 0)
///   roc_auc     the area under it by trapezoids (= P(score of a positive > score of a
///               negative), ties counted 1/2)
///   pr          (recall, precision) after each distinct score
///   average_precision  sum_n (R_n - R_{n-1}) P_n over those points, R_0 = 0
/// roc_auc is NaN when the split lacks one of the classes, average_precision when it has no
/// positive; roc and pr are then empty, as they are for more than two classes.
struct SplitEvaluation {
  std::string split;     ///< "test", "valid"
  arma::umat confusion;  ///< k x k
  arma::vec precision;   ///< per class
  arma::vec recall;      ///< per class
  arma::vec f1;          ///< per class
  arma::uvec support;    ///< per class: its samples in the split
  double accuracy = 0.0; ///< trace(C) / m
  double f1_score = 0.0; ///< the headline F1 (see above)
  arma::mat roc;         ///< n x 2: false positive rate, true positive rate
  arma::mat pr;          ///< n x 2: recall, precision
  double roc_auc = arma::datum::nan;
  double average_precision = arma::datum::nan;
};

/// A run's evaluation after training, on the network as stored: one entry in `splits` per
/// split evaluated (test, and valid when the data has a validation set), and in `finals`
/// the stored network's value of each series the run stores (cost_train, cost_test,
/// accuracy_train, accuracy_test, and cost_valid, accuracy_valid with a validation set),
/// measured as training measures them. A series value is measured before its iteration's
/// update, the weights are stored after the last one (or restored to the best
/// iteration's): `finals` are the numbers of the net a run keeps, what `runner predict`
/// gives on the same data.
struct NNLAB_EXPORT Evaluation {
  std::vector<SplitEvaluation> splits;
  std::map<std::string, double, std::less<>> finals; ///< series name -> the stored net's value

  bool empty() const { return splits.empty() && finals.empty(); }
  /// The split named `name`, or nullptr.
  const SplitEvaluation* find(std::string_view name) const;
  /// finals' value of the series `name`; NaN when it was not measured (no such split, or
  /// a store written before finals were).
  double final_value(std::string_view name) const;
};

/// The evaluation of network outputs (outputs x m: one sigmoid output, or one per class)
/// against labels 0..k-1; the predicted class is metrics' predict(). Throws
/// std::invalid_argument when the sizes disagree or a label is not in 0..k-1.
NNLAB_EXPORT SplitEvaluation evaluate_outputs(const arma::mat& outputs, const arma::rowvec& labels,
                                              arma::uword k, std::string split);

/// The network's evaluation on the data: `splits` of the test split and of the validation
/// split when there is one (a split without samples is left out), `finals` of every split
/// the trainer measures, each the panel pass that training uses (PanelPass::forward) with
/// the trainer's cost (loss.value against make_targets) and accuracy(), so that they equal
/// what the trainer's next iteration, and `runner predict`, would measure on this network.
/// k: the classes the network can predict (2 for one output) or the data names or labels,
/// the most of these.
NNLAB_EXPORT Evaluation evaluate_network(const Mlp& mlp, const Loss& loss, const DataSplit& data);

} // namespace nnlab
