// libFuzzer target: the bytes of a weights file -> a network's weights, as `init: {file:}`
// and `runner predict` load them (nnlab/model/weights_file.hpp). Built twice: as
// weights_csv_fuzzer (the bytes are a .csv file) and weights_hdf5_fuzzer (a .h5 file), by
// NNLAB_FUZZ_WEIGHTS_EXTENSION. The network is the course's 2-3-2-1, so a well-formed
// file sets every array and a wrong one is told apart by its shapes. A clear nnlab::Error
// is the expected answer to a bad file; anything else is a finding. A file that loads must
// have set finite weights.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

#include "nnlab/core/error.hpp"
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/weights_file.hpp"

namespace fs = std::filesystem;

namespace {

/// This process's file (libFuzzer may run several processes with -jobs).
const fs::path& scratch_file() {
  static const fs::path file = [] {
    const fs::path dir =
        fs::temp_directory_path() / ("nnlab-weights-fuzzer-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir / (std::string("w") + NNLAB_FUZZ_WEIGHTS_EXTENSION);
  }();
  return file;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::ofstream(scratch_file(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  nnlab::Mlp mlp(nnlab::Architecture{2, {3, 2, 1}});
  try {
    nnlab::load_weights_file(mlp, scratch_file());
    for (const auto& [name, values] : mlp.named_weights())
      if (!values.is_finite()) {
        std::cerr << "weights_fuzzer: " << name << " loaded with a non-finite value\n";
        std::abort();
      }
  } catch (const nnlab::Error&) {
    return 0; // bad file, told clearly: what the reader must do
  } catch (const std::exception& e) {
    std::cerr << "weights_fuzzer: not an nnlab::Error: " << e.what() << '\n';
    std::abort();
  }
  return 0;
}
