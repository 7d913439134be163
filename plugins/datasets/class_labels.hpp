#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nnlab/plugin.hpp>

#include "csv_file.hpp"

namespace nnlab_datasets {

/// How the csv plugin reads its label column (`label_type`).
enum class LabelType {
  automatic, ///< "auto": integers when every label is one, else class names
  integer,   ///< "integer": every label an integer
  name,      ///< "string": every label is a class name, even "1" or "0.5"
};

/// "auto", "integer" or "string"; nullopt for any other text.
std::optional<LabelType> label_type_from(std::string_view text);

/// The label cells of one file, as CsvFile::read gives them, and the line of each.
struct LabelCells {
  const CsvFile& file;
  const std::vector<std::string>& cells;
  const std::vector<std::size_t>& lines;
};

/// Classes numbered 0..k-1: y for each source, in order, and the name of each class.
struct EncodedLabels {
  std::vector<arma::rowvec> y;
  std::vector<std::string> class_names;
};

/// Numbers the classes of all sources together (so a class only one file has still gets
/// the same number everywhere):
/// - integer labels: classes sorted by value, named by their decimal text ("-1", "5"); a
///   number with a fraction of zero ("1.0", "2.00", as pandas writes a float column) is
///   the integer it equals;
/// - class names: sorted by their bytes (code point order for UTF-8), as scikit-learn's
///   LabelEncoder does, and named by themselves.
/// Throws DataError "<file>:<line>: column '<column>': expected ..., got '...'" for an
/// empty label, a non-integer where `type` is integer, and, with `automatic`, a number
/// that is not an integer ("0.5") or labels that mix integers and names.
EncodedLabels encode_labels(const std::vector<LabelCells>& sources, const std::string& column,
                            LabelType type);

} // namespace nnlab_datasets
