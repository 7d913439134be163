// nnlab_store_fixture FILE newer|truncated|corrupted
// Spoils a real store for the bad-input table, as a newer nnlab, a kill mid-copy or a bad
// disk would: the runner must refuse each and leave it byte for byte as it was.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <H5Cpp.h>

namespace {

void newer(const std::string& file) {
  const H5::H5File h5(file, H5F_ACC_RDWR);
  h5.removeAttr("format_version");
  const std::int64_t version = 99;
  h5.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_INT64, &version);
}

// Bytes 16..47 of the superblock (sizes, flags, addresses): HDF5 refuses to open the file.
void corrupted(const std::string& file) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  io.seekp(16);
  const std::vector<char> garbage(32, '\xff');
  io.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
}

} // namespace

int main(int argc, char* argv[]) {
  if (argc != 3) {
    std::cerr << "usage: nnlab_store_fixture FILE newer|truncated|corrupted\n";
    return 2;
  }
  const std::string file = argv[1], what = argv[2];
  if (what == "newer")
    newer(file);
  else if (what == "truncated")
    std::filesystem::resize_file(file, 800); // as a kill in the middle of a copy leaves it
  else if (what == "corrupted")
    corrupted(file);
  else {
    std::cerr << "nnlab_store_fixture: unknown damage '" << what << "'\n";
    return 2;
  }
  return 0;
}
