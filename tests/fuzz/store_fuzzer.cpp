// libFuzzer target: the bytes of a runs.h5 -> the store as `runner plot`, `compare` and
// `diff` read it: the header, every run with its config, series and weights
// (load_experiment_store with RunParts::weights), then each run again by id as diff reads
// one. The seed corpus is a real small store (corpus/store/). A clear nnlab::Error is the
// expected answer to a damaged store; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

#include "nnlab/core/error.hpp"
#include "nnlab/report/stored_runs.hpp"
#include "nnlab/storage/run_store.hpp"

namespace fs = std::filesystem;

namespace {

// Runs read again one by one; a few reach every path.
constexpr std::size_t max_runs_reread = 4;

/// This process's store (libFuzzer may run several processes with -jobs).
const fs::path& scratch_store() {
  static const fs::path file = [] {
    const fs::path dir =
        fs::temp_directory_path() / ("nnlab-store-fuzzer-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir / "runs.h5";
  }();
  return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::ofstream(scratch_store(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const nnlab::StoredExperiment experiment =
        nnlab::load_experiment_store(scratch_store(), nnlab::RunParts::weights);
    const nnlab::RunStore store = nnlab::RunStore::open_read_only(scratch_store());
    for (std::size_t i = 0; i < experiment.runs.size() && i < max_runs_reread; ++i)
      nnlab::read_stored_run(store, experiment.runs[i].record.id, nnlab::RunParts::series);
  } catch (const nnlab::Error&) {
    return 0; // damaged store, told clearly: what the readers must do
  } catch (const std::exception& e) {
    std::cerr << "store_fuzzer: not an nnlab::Error: " << e.what() << '\n';
    std::abort();
  }
  return 0;
}
