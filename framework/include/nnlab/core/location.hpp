#pragma once

#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// Where a value was written: file and 1-based line and column. An empty file means
/// "not from a file" (e.g. built in code); line 0 means "the whole file".
struct NNLAB_EXPORT SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:col", "file" or "<built-in>".
  std::string str() const;
};

} // namespace nnlab
