#pragma once

// Runs and checks shared by the storage tests.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "nnlab/core/error.hpp"
#include "nnlab/storage/run_store.hpp"

namespace nnlab::test {

extern const StoreHeader store_header;

/// A run with values chosen to break a store that converts, rounds or reorders: NaN, inf,
/// -0, a denormal, and weights named W1, b1, W2 (name order would put b1 last).
RunRecord make_run(const std::string& id, RunStatus status = RunStatus::diverged,
                   arma::uword n = 4);
/// Run number i of a sweep ("run-<i>"): make_run with values that differ from run to run.
RunRecord numbered_run(int i, arma::uword n);

/// Checks, field by field and bit for bit, that `back` is `run`.
/// The attributes every reading of a run gives back (RunStore::read_run_overview too).
void check_same_attributes(const RunRecord& back, const RunRecord& run);
void check_same(const RunRecord& back, const RunRecord& run);

/// Opens the store, writes the runs and publishes them, so that runs.h5 itself holds them.
void write_and_publish(const std::filesystem::path& file, const std::vector<RunRecord>& runs);

/// The message of the StorageError that `action` throws.
template <class Action> std::string storage_error(Action&& action) {
  try {
    action();
  } catch (const StorageError& e) {
    return e.what();
  }
  return "(no StorageError)";
}

} // namespace nnlab::test
