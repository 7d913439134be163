#pragma once

#include <armadillo>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/model/mlp.hpp"

namespace nnlab {

struct DataSplit;

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

/// A run's evaluation after training: one entry per split evaluated (test, and valid
/// when the data has a validation set).
struct NNLAB_EXPORT Evaluation {
  std::vector<SplitEvaluation> splits;

  bool empty() const { return splits.empty(); }
  /// The split named `name`, or nullptr.
  const SplitEvaluation* find(std::string_view name) const;
};

/// The evaluation of network outputs (outputs x m: one sigmoid output, or one per class)
/// against labels 0..k-1; the predicted class is metrics' predict(). Throws
/// std::invalid_argument when the sizes disagree or a label is not in 0..k-1.
NNLAB_EXPORT SplitEvaluation evaluate_outputs(const arma::mat& outputs, const arma::rowvec& labels,
                                              arma::uword k, std::string split);

/// The network's evaluation on the data's test split (empty when it has no samples), its
/// outputs from the panel pass that training uses. k: the classes the network can predict
/// (2 for one output) or the data names or labels, the most of these.
NNLAB_EXPORT Evaluation evaluate_network(const Mlp& mlp, const DataSplit& data);

} // namespace nnlab
