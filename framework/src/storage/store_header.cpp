#include "store_header.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "io/hdf5_io.hpp"
#include "nnlab/core/error.hpp"
#include "store_layout.hpp"

namespace nnlab::hdf5 {

namespace {

constexpr std::array<std::string_view, 4> reserved_attributes = {"created", "experiment_yaml",
                                                                 "format_version", "nnlab_version"};

} // namespace

bool is_reserved_attribute(const std::string& name) {
  return std::find(reserved_attributes.begin(), reserved_attributes.end(), name) !=
         reserved_attributes.end();
}

StoreHeader read_header(const H5::H5File& h5) {
  StoreHeader header{read_string(h5, "experiment_yaml"),
                     read_string(h5, "nnlab_version"),
                     read_string(h5, "created"),
                     {}};
  for (const std::string& name : attribute_names(h5))
    if (!is_reserved_attribute(name) && is_string_attribute(h5, name.c_str()))
      header.attributes.emplace_back(name, read_string(h5, name.c_str()));
  return header;
}

void write_header(const H5::H5File& h5, const StoreHeader& header) {
  for (const std::string& name : attribute_names(h5))
    if (!is_reserved_attribute(name) && is_string_attribute(h5, name.c_str())) h5.removeAttr(name);
  write_string(h5, "experiment_yaml", header.experiment_yaml);
  write_string(h5, "nnlab_version", header.nnlab_version);
  write_string(h5, "created", header.created);
  write_int(h5, "format_version", format_version);
  for (const auto& [name, value] : header.attributes)
    write_string(h5, name.c_str(), value);
}

void refuse_older_format(const std::filesystem::path& file, std::int64_t version,
                         const std::string& written_by) {
  if (version >= format_version) return;
  throw StorageError(file.string() + ": holds runs of store format " + std::to_string(version) +
                     (written_by.empty() ? "" : " (nnlab " + written_by + ")") +
                     ", made with the unpaired random streams of nnlab before format " +
                     std::to_string(format_version) +
                     "; new runs are never added to it (plot, compare and diff still read it)");
}

} // namespace nnlab::hdf5
