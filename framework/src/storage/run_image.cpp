#include "nnlab/storage/run_image.hpp"

#include <H5Cpp.h>

#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "store_layout.hpp"

namespace nnlab {

namespace {

/// File access through HDF5's core driver: the file lives in memory, never on disk.
H5::FileAccPropList in_memory() {
  H5::FileAccPropList access;
  hdf5::check(H5Pset_fapl_core(access.getId(), 64 * 1024, false), "H5Pset_fapl_core");
  return access;
}

} // namespace

std::vector<char> run_to_bytes(const RunRecord& record) {
  return hdf5::guarded("run " + record.id, "encode", [&] {
    return hdf5::file_image(
        [&](H5::H5File& file) { hdf5::write_run_group(file.createGroup("runs"), record); });
  });
}

RunRecord run_from_bytes(std::string_view bytes, const std::string& what) {
  return hdf5::guarded(what, "decode", [&] {
    H5::FileAccPropList access = in_memory();
    // HDF5 copies the image (no callbacks given), so `bytes` may go away after open.
    hdf5::check(H5Pset_file_image(access.getId(), const_cast<char*>(bytes.data()), bytes.size()),
                "H5Pset_file_image");
    const H5::H5File file(hdf5::image_name(), H5F_ACC_RDONLY, H5::FileCreatPropList::DEFAULT,
                          access);
    const H5::Group runs = file.openGroup("runs");
    const auto ids = hdf5::link_names(runs, H5_INDEX_NAME);
    if (ids.size() != 1)
      throw hdf5::BadLayout("expected one run, found " + std::to_string(ids.size()));
    return hdf5::read_run_group(runs, ids.front());
  });
}

} // namespace nnlab
