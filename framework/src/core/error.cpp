#include "nnlab/core/error.hpp"

namespace nnlab {

// Out-of-line destructors anchor each class's vtable and type_info in libnnlab, so a
// plugin and the runner agree on them (catching by type across libraries).
Error::~Error() = default;
ConfigError::~ConfigError() = default;
DataError::~DataError() = default;
PluginError::~PluginError() = default;
StorageError::~StorageError() = default;
PlotError::~PlotError() = default;

} // namespace nnlab
