#include <cmath>
#include <string>
#include <vector>

#include "io/hdf5_io.hpp"
#include "nnlab/train/series.hpp"
#include "store_layout.hpp"

// /runs/<id>/evaluation/<split>/ (test, valid): datasets confusion [k, k] and support [k]
// (uint64; confusion[i, j]: samples of true class i predicted as j), precision, recall, f1
// [k] (float64); attributes accuracy and f1 (the headline F1); for two classes also
// roc_auc and average_precision (attributes) and roc [n, 2] (false positive rate, true
// positive rate) and pr [n, 2] (recall, precision) when they are defined.
// /runs/<id>/evaluation/ itself: one float64 attribute per series the run stores, named as
// the series (cost_train, cost_test, accuracy_train, accuracy_test, cost_valid,
// accuracy_valid): the stored network's values (Evaluation::finals). Stores written before
// them have none, and readers fall back on the series.

namespace nnlab::hdf5 {

namespace {

constexpr const char* group_name = "evaluation";

void write_counts(const H5::Group& group, const char* name, const arma::umat& counts, int rank) {
  const hsize_t dims[2] = {counts.n_rows, counts.n_cols};
  const arma::umat row_major = counts.t();
  const std::vector<std::uint64_t> values(row_major.begin(), row_major.end());
  const H5::DataSet dataset =
      group.createDataSet(name, H5::PredType::STD_U64LE, H5::DataSpace(rank, dims));
  if (!values.empty()) dataset.write(values.data(), H5::PredType::NATIVE_UINT64);
}

arma::umat read_counts(const H5::Group& group, const char* name, int rank) {
  return arma::conv_to<arma::umat>::from(read_array(group, name, rank));
}

void write_optional(const H5::Group& group, const char* name, double value) {
  if (!std::isnan(value)) write_double(group, name, value);
}

double read_optional(const H5::Group& group, const char* name) {
  return group.attrExists(name) ? read_double(group, name) : arma::datum::nan;
}

} // namespace

void write_evaluation(const H5::Group& run, const Evaluation& evaluation) {
  if (evaluation.empty()) return;
  const H5::Group all = create_ordered_group(run, group_name);
  for (const auto& [name, value] : evaluation.finals)
    write_double(all, name.c_str(), value);
  for (const SplitEvaluation& split : evaluation.splits) {
    const H5::Group group = all.createGroup(split.split);
    write_counts(group, "confusion", split.confusion, 2);
    write_counts(group, "support", arma::umat(split.support), 1);
    write_array(group, "precision", split.precision, 1);
    write_array(group, "recall", split.recall, 1);
    write_array(group, "f1", split.f1, 1);
    write_double(group, "accuracy", split.accuracy);
    write_double(group, "f1", split.f1_score);
    write_optional(group, "roc_auc", split.roc_auc);
    write_optional(group, "average_precision", split.average_precision);
    if (!split.roc.is_empty()) write_array(group, "roc", split.roc, 2);
    if (!split.pr.is_empty()) write_array(group, "pr", split.pr, 2);
  }
}

Evaluation read_evaluation(const H5::Group& run, bool arrays) {
  Evaluation evaluation;
  if (!run.nameExists(group_name)) return evaluation;
  const H5::Group all = run.openGroup(group_name);
  for (const std::string& name : series_names())
    if (all.attrExists(name)) evaluation.finals[name] = read_double(all, name.c_str());
  for (const std::string& name : link_names(all, H5_INDEX_CRT_ORDER)) {
    const H5::Group group = all.openGroup(name);
    SplitEvaluation split;
    split.split = name;
    split.accuracy = read_double(group, "accuracy");
    split.f1_score = read_double(group, "f1");
    split.roc_auc = read_optional(group, "roc_auc");
    split.average_precision = read_optional(group, "average_precision");
    if (arrays) {
      split.confusion = read_counts(group, "confusion", 2);
      split.support = arma::vectorise(read_counts(group, "support", 1));
      split.precision = read_array(group, "precision", 1);
      split.recall = read_array(group, "recall", 1);
      split.f1 = read_array(group, "f1", 1);
      if (group.nameExists("roc")) split.roc = read_array(group, "roc", 2);
      if (group.nameExists("pr")) split.pr = read_array(group, "pr", 2);
    }
    evaluation.splits.push_back(std::move(split));
  }
  return evaluation;
}

} // namespace nnlab::hdf5
