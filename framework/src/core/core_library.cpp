#include "nnlab/core/core_library.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

namespace nnlab {

std::filesystem::path core_library_file() {
  // The location of this very function: inside libnnlab, whoever calls it.
  return std::filesystem::path(boost::dll::this_line_location().string()).lexically_normal();
}

} // namespace nnlab
