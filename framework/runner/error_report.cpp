#include "error_report.hpp"

#include <iostream>

#include "nnlab/core/error.hpp"

namespace nnlab::runner {

int report_error(const std::exception& error, const std::string& who) {
  std::cerr << who << ": error: " << error.what() << '\n';
  const bool usage = dynamic_cast<const ConfigError*>(&error) ||
                     dynamic_cast<const DataError*>(&error) ||
                     dynamic_cast<const PluginError*>(&error);
  return usage ? 2 : 1;
}

} // namespace nnlab::runner
