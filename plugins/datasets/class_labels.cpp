#include "class_labels.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <type_traits>

namespace nnlab_datasets {

namespace {

/// Integers as exact doubles: beyond 2^53 a "float" label is no longer one integer.
constexpr double exact_integers = 9007199254740992.0;

/// The integer a label is: "3", "+3", or a number whose fraction is zero ("3.0", "3e0").
std::optional<long long> integer_of(std::string_view cell) {
  const std::string_view text = number_text(cell);
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  double number = 0.0;
  const auto [number_end, number_ec] =
      std::from_chars(text.data(), text.data() + text.size(), number);
  if (number_ec != std::errc() || number_end != text.data() + text.size() ||
      !std::isfinite(number) || std::trunc(number) != number || std::abs(number) > exact_integers)
    return std::nullopt;
  return static_cast<long long>(number);
}

bool is_number(std::string_view cell) {
  const std::string_view text = number_text(cell);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && end == text.data() + text.size() &&
         (ec == std::errc() || ec == std::errc::result_out_of_range);
}

/// Where a cell is: its source and its sample.
struct CellAt {
  std::size_t source = 0, sample = 0;
};

template <class Key> std::size_t index_in(const std::vector<Key>& sorted, const Key& key) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), key) -
                                  sorted.begin());
}

template <class Key>
EncodedLabels encode(const std::vector<LabelCells>& sources, Key (*key_of)(const std::string&)) {
  std::vector<Key> classes;
  for (const LabelCells& source : sources)
    for (const std::string& cell : source.cells)
      classes.push_back(key_of(cell));
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());

  EncodedLabels out;
  for (const LabelCells& source : sources) {
    arma::rowvec y(source.cells.size());
    for (std::size_t i = 0; i < source.cells.size(); ++i)
      y[i] = static_cast<double>(index_in(classes, key_of(source.cells[i])));
    out.y.push_back(std::move(y));
  }
  for (const Key& c : classes) {
    if constexpr (std::is_same_v<Key, long long>)
      out.class_names.push_back(std::to_string(c));
    else
      out.class_names.push_back(c);
  }
  return out;
}

long long integer_key(const std::string& cell) {
  return *integer_of(cell);
}

std::string name_key(const std::string& cell) {
  return cell;
}

} // namespace

std::optional<LabelType> label_type_from(std::string_view text) {
  if (text == "auto") return LabelType::automatic;
  if (text == "integer") return LabelType::integer;
  if (text == "string") return LabelType::name;
  return std::nullopt;
}

EncodedLabels encode_labels(const std::vector<LabelCells>& sources, const std::string& column,
                            LabelType type) {
  std::optional<CellAt> first_integer, first_name;
  const auto cell_of = [&](const CellAt& at) -> const std::string& {
    return sources[at.source].cells[at.sample];
  };
  // Names the earlier cell of a mix: by line in the same file, else by file and line.
  const auto where = [&](const CellAt& earlier, std::size_t source) {
    const std::string line = std::to_string(sources[earlier.source].lines[earlier.sample]);
    return earlier.source == source ? "line " + line
                                    : sources[earlier.source].file.path().string() + ":" + line;
  };
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const CsvFile& file = sources[s].file;
    for (std::size_t i = 0; i < sources[s].cells.size(); ++i) {
      const std::string& cell = sources[s].cells[i];
      const std::size_t line = sources[s].lines[i];
      if (cell.empty()) file.fail_cell(line, column, "a class label", cell);
      if (type == LabelType::name) continue;
      // Not fail_cell: the hint goes after the cell.
      const auto refuse = [&](const std::string& expected, const std::string& hint) {
        file.fail(line, "column '" + column + "': expected " + expected + ", got '" +
                            nnlab::CsvReader::shown(cell) + "'; " + hint);
      };
      const std::string mixed = "labels are all integers or all names (label_type: string "
                                "reads every label as a name)";
      if (integer_of(cell)) {
        if (!first_integer) first_integer = CellAt{s, i};
        if (first_name)
          refuse("a class name like '" + nnlab::CsvReader::shown(cell_of(*first_name)) + "' on " +
                     where(*first_name, s),
                 mixed);
        continue;
      }
      if (type == LabelType::integer) file.fail_cell(line, column, "an integer class label", cell);
      if (is_number(cell))
        refuse("an integer class label or a class name",
               "label_type: string reads numbers as names");
      if (!first_name) first_name = CellAt{s, i};
      if (first_integer)
        refuse("an integer class label like '" + cell_of(*first_integer) + "' on " +
                   where(*first_integer, s),
               mixed);
    }
  }
  if (type == LabelType::name || first_name) return encode<std::string>(sources, name_key);
  return encode<long long>(sources, integer_key);
}

} // namespace nnlab_datasets
