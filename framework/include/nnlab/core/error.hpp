#pragma once

#include <stdexcept>
#include <string>

#include "nnlab/export.hpp"

namespace nnlab {

/// Base of every nnlab exception. The message is one line that carries its own
/// context (file:line:col, key path, plugin file, ...); the runner prints it as is.
class NNLAB_EXPORT Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  ~Error() override;
};

/// Bad experiment file, override or command line: nothing has run (exit code 2).
class NNLAB_EXPORT ConfigError : public Error {
public:
  using Error::Error;
  ~ConfigError() override;
};

/// Bad data: unreadable CSV, wrong shapes, bad labels (exit code 2).
class NNLAB_EXPORT DataError : public Error {
public:
  using Error::Error;
  ~DataError() override;
};

/// A plugin that cannot be found, loaded or built (exit code 2).
class NNLAB_EXPORT PluginError : public Error {
public:
  using Error::Error;
  ~PluginError() override;
};

/// The results store cannot be read or written (exit code 1).
class NNLAB_EXPORT StorageError : public Error {
public:
  using Error::Error;
  ~StorageError() override;
};

/// A plot could not be rendered (exit code 1).
class NNLAB_EXPORT PlotError : public Error {
public:
  using Error::Error;
  ~PlotError() override;
};

} // namespace nnlab
