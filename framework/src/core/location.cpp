#include "nnlab/core/location.hpp"

namespace nnlab {

std::string SourceLocation::str() const {
  if (file.empty()) return "<built-in>";
  if (line <= 0) return file;
  std::string text = file + ":" + std::to_string(line);
  if (column > 0) text += ":" + std::to_string(column);
  return text;
}

} // namespace nnlab
