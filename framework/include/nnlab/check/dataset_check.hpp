#pragma once

#include <string>

#include "nnlab/check/check_report.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/dataset.hpp"

namespace nnlab {

/// Conformance of a dataset (what `runner check-plugin` runs on one):
/// - load() succeeds (the report states the shapes and classes);
/// - check_split() accepts the split: same features in train and test, finite features,
///   integer labels in 0..k-1, no empty set;
/// - one feature name per feature, k distinct class names;
/// - every class has samples in the train set;
/// - a second load() gives bit-identical data (deterministic);
/// - with `reseeded` (the same dataset built with another seed): its data differ.
/// When load() fails, the other checks are not run.
NNLAB_EXPORT CheckReport check_dataset(const Dataset& dataset, std::string subject,
                                       const Dataset* reseeded = nullptr);

/// The checks of check_dataset that need only the data, on a split already loaded:
/// check_split() accepts it, one feature name per feature and k distinct class names, every
/// class in the train set.
NNLAB_EXPORT CheckReport check_data_split(const DataSplit& split, std::string subject);

} // namespace nnlab
