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

/// A stored sweep with one key: sgd (learning rate 0.5), momentum and nesterov (0.9, 0.05)
/// on the XOR data, each with seeds 1..`seeds`, trained without plots in its own temp
/// folder: <dir>/results/<name>/runs.h5 (3 x seeds runs of `iterations` iterations).
struct StudyStore {
  TempDir dir;
  std::filesystem::path store;
  explicit StudyStore(const std::string& name = "study", int seeds = 6, int iterations = 300);
};

} // namespace nnlab::test
