#include <utility>

#include <H5Cpp.h>

#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "weights_formats.hpp"

namespace nnlab::weights {

namespace {

Array read_array(const H5::Group& group, const std::string& name, const std::string& place) {
  hdf5::NumberArray read;
  try {
    read = hdf5::read_numbers(group, name, place, "a 2-D array (a bias may be 1-D)");
  } catch (const hdf5::BadLayout& e) {
    throw DataError(e.what());
  }
  if (!read.values.is_finite()) throw DataError(place + " holds a value that is not finite");
  return Array{name, place, std::move(read.values), true, read.rows, read.cols};
}

// True when every folder of the path "/a/b/c/" exists as a group (checked one level at a
// time: HDF5 fails, rather than answers no, on a path through a missing group).
bool group_exists(const H5::H5File& h5, const std::string& folder) {
  for (std::size_t end = folder.find('/', 1); end != std::string::npos;
       end = folder.find('/', end + 1)) {
    const std::string prefix = folder.substr(0, end);
    if (!h5.nameExists(prefix) || h5.childObjType(prefix) != H5O_TYPE_GROUP) return false;
  }
  return true;
}

} // namespace

Arrays read_hdf5(const std::filesystem::path& file, const std::string& group) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) throw DataError(file.string() + ": no such file");
  // "/runs/x/weights" -> "/runs/x/weights/": names append to it.
  std::string folder = group.empty() || group.front() != '/' ? "/" + group : group;
  if (folder.back() != '/') folder += '/';
  hdf5::QuietErrors quiet;
  H5::H5File h5;
  try {
    h5.openFile(file.string(), H5F_ACC_RDONLY);
  } catch (const H5::Exception& e) {
    const std::string why = hdf5::last_reason().empty() ? e.getDetailMsg() : hdf5::last_reason();
    throw DataError(file.string() + ": cannot open as HDF5: " + why);
  }
  try {
    if (!group_exists(h5, folder)) throw DataError(file.string() + ": no group " + group);
    const H5::Group source = h5.openGroup(folder);
    Arrays out;
    out.missing = file.string() + ": no dataset " + folder;
    for (const std::string& name : hdf5::link_names(source, H5_INDEX_NAME)) {
      char kind = 0;
      unsigned long layer = 0;
      if (!parse_name(name, kind, layer) || source.childObjType(name) != H5O_TYPE_DATASET) continue;
      out.arrays.push_back(read_array(source, name, file.string() + ": " + folder + name));
    }
    return out;
  } catch (const H5::Exception& e) {
    const std::string why = hdf5::last_reason().empty() ? e.getDetailMsg() : hdf5::last_reason();
    throw DataError(file.string() + ": " + folder + ": " + why);
  }
}

void write_hdf5(const std::filesystem::path& file,
                const std::vector<std::pair<std::string, arma::mat>>& named) {
  hdf5::guarded(file, "cannot write weights", [&] {
    H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    for (const auto& [name, values] : named)
      hdf5::write_array(h5, name.c_str(), values, 2);
  });
}

} // namespace nnlab::weights
