#include "error_report.hpp"

#include <iostream>

#include "nnlab/core/error.hpp"
#include "nnlab/core/memory_size.hpp"

namespace nnlab::runner {

int report_error(const std::exception& error, const std::string& who) {
  // std::bad_alloc's own words say nothing to a user: say what ran out.
  std::cerr << who << ": error: " << failure_text(error) << '\n';
  const bool usage = dynamic_cast<const ConfigError*>(&error) ||
                     dynamic_cast<const DataError*>(&error) ||
                     dynamic_cast<const PluginError*>(&error);
  return usage ? 2 : 1;
}

} // namespace nnlab::runner
