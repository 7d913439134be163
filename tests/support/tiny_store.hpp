#pragma once

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace nnlab::test {

/// A stored sweep of 2 optimizers (sgd, momentum) x 2 learning rates (0.05, 0.5) x 2 seeds
/// on the XOR data, trained without plots in its own temp folder:
/// <dir>/results/<name>/runs.h5 (8 runs of `iterations` iterations).
struct TinyStore {
  TempDir dir;
  std::filesystem::path store;
  explicit TinyStore(const std::string& name = "tiny", int iterations = 60);
};

} // namespace nnlab::test
