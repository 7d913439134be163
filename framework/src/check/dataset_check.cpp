#include "nnlab/check/dataset_check.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include "nnlab/core/error.hpp"

namespace nnlab {

namespace {

template <class Matrix> bool identical(const Matrix& a, const Matrix& b) {
  return arma::size(a) == arma::size(b) &&
         std::memcmp(a.memptr(), b.memptr(), a.n_elem * sizeof(double)) == 0;
}

bool identical(const DataSplit& a, const DataSplit& b) {
  return identical(a.train.X, b.train.X) && identical(a.train.y, b.train.y) &&
         identical(a.test.X, b.test.X) && identical(a.test.y, b.test.y) &&
         a.feature_names == b.feature_names && a.class_names == b.class_names;
}

std::string shape(const arma::mat& X) {
  return std::to_string(X.n_rows) + " x " + std::to_string(X.n_cols);
}

bool check_names(const DataSplit& split, std::string& detail) {
  const std::set<std::string> distinct(split.class_names.begin(), split.class_names.end());
  detail = std::to_string(split.feature_names.size()) + " feature name(s) for " +
           std::to_string(split.train.X.n_rows) + " feature(s), " +
           std::to_string(distinct.size()) +
           " distinct class name(s) for k = " + std::to_string(split.class_names.size());
  return split.feature_names.size() == split.train.X.n_rows &&
         distinct.size() == split.class_names.size();
}

bool check_classes_in_train(const DataSplit& split, std::string& detail) {
  bool passed = true;
  std::string counts;
  for (std::size_t k = 0; k < split.class_names.size(); ++k) {
    const auto n = arma::accu(split.train.y == static_cast<double>(k));
    passed = passed && n > 0;
    counts += (k ? ", " : "") + split.class_names[k] + ": " + std::to_string(n);
  }
  detail = "train samples per class: " + counts;
  return passed;
}

// The checks that need only the data.
void check_data(CheckReport& report, const DataSplit& split) {
  report.run("consistent split (check_split)", [&](std::string& detail) {
    try {
      check_split(split, "the split");
    } catch (const DataError& e) {
      detail = e.what();
      return false;
    }
    detail = "same features in train and test, finite features, labels integers in 0.." +
             std::to_string(split.class_names.size() - 1) + ", no empty set";
    return true;
  });
  report.run("feature and class names",
             [&](std::string& detail) { return check_names(split, detail); });
  report.run("every class in train",
             [&](std::string& detail) { return check_classes_in_train(split, detail); });
}

} // namespace

CheckReport check_data_split(const DataSplit& split, std::string subject) {
  CheckReport report(std::move(subject));
  check_data(report, split);
  return report;
}

CheckReport check_dataset(const Dataset& dataset, std::string subject, const Dataset* reseeded) {
  CheckReport report(std::move(subject));
  std::optional<DataSplit> split;
  report.run("load()", [&](std::string& detail) {
    split = dataset.load();
    detail = "train " + shape(split->train.X) + ", test " + shape(split->test.X) +
             " (features x samples), " + std::to_string(split->class_names.size()) + " classes";
    return true;
  });
  if (!split) {
    report.note("the other checks need the data and were not run");
    return report;
  }
  check_data(report, *split);
  report.run("deterministic", [&](std::string& detail) {
    const bool same = identical(dataset.load(), *split);
    detail =
        same ? "a second load() gives bit-identical data" : "a second load() gives different data";
    return same;
  });
  if (reseeded)
    report.run("another seed, other data", [&](std::string& detail) {
      const bool same = identical(reseeded->load(), *split);
      detail = same ? "the dataset built with another seed gives the same data"
                    : "the dataset built with another seed gives different data";
      return !same;
    });
  return report;
}

} // namespace nnlab
