#pragma once

#include "nnlab/export.hpp"

namespace nnlab {

/// Common base of everything a plugin library creates. The registry keeps the library
/// loaded for as long as any such object lives.
class NNLAB_EXPORT Plugin {
public:
  Plugin() = default;
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;
  virtual ~Plugin();
};

} // namespace nnlab
