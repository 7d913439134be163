#pragma once

#include <string>
#include <vector>

#include "nnlab/export.hpp"
#include "nnlab/plot/plot_renderer.hpp"
#include "nnlab/train/evaluation.hpp"

namespace nnlab {

/// The confusion matrix of each split evaluated (a row of two panels per split: test,
/// then validation): true class down, predicted class across, the first class on top;
/// left the counts, right each row normalised to 100 % (the recall of its class on the
/// diagonal); both coloured by the row-normalised share, white to dodgerblue. Class c is
/// named class_names[c] (else its number). Data: one block per split, "predicted true
/// count share". Throws PlotError when no split has a confusion matrix.
NNLAB_EXPORT void add_confusion_plot(PlotRenderer& renderer, const std::string& stem,
                                     const std::vector<SplitEvaluation>& splits,
                                     const std::vector<std::string>& class_names,
                                     const std::string& title);

/// Left the ROC curve (false positive rate across, true positive rate up, the diagonal of
/// chance dashed), right the precision-recall curve (the positive share as the chance
/// line), one curve per split of a binary task with its ROC AUC or average precision in
/// the legend. Data: per split a block "fpr tpr", then one "recall precision" (starting at
/// recall 0 with the first precision). Throws PlotError when no split has the curves (not
/// a binary task, or one class missing).
NNLAB_EXPORT void add_roc_plot(PlotRenderer& renderer, const std::string& stem,
                               const std::vector<SplitEvaluation>& splits,
                               const std::string& title);

} // namespace nnlab
