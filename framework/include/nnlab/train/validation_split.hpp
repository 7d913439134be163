#pragma once

#include <cstdint>
#include <string>

#include "nnlab/export.hpp"
#include "nnlab/plugin/dataset.hpp"

namespace nnlab {

/// The data of a run with training.validation_fraction f: round(m f) of the m training
/// samples become the validation set, stratified by class (each class gives its share,
/// at least one sample on each side) and drawn at random from Rng(seed), as holdout_split()
/// does (scikit-learn's train_test_split(stratify=y)); the rest stays the training set.
/// Both keep the samples' order; the test set and the names are kept as they are.
/// `where` prefixes errors (the key's "file:line:col: "). Throws ConfigError
/// "<where>training.validation_fraction: ..." when a class has fewer than 2 training
/// samples, or either side would get fewer samples than there are classes.
NNLAB_EXPORT DataSplit hold_out_validation(const DataSplit& data, double fraction,
                                           std::uint64_t seed, const std::string& where = {});

} // namespace nnlab
