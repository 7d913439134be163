#include "support/format1_store.hpp"

#include <cstdint>
#include <string>

#include <H5Cpp.h>

namespace nnlab::test {

void make_format1(const std::filesystem::path& store) {
  H5::H5File h5(store.string(), H5F_ACC_RDWR);
  const std::int64_t one = 1;
  h5.openAttribute("format_version").write(H5::PredType::NATIVE_INT64, &one);
  const H5::Group runs = h5.openGroup("runs");
  for (hsize_t i = 0; i < runs.getNumObjs(); ++i) {
    const H5::Group run = runs.openGroup(runs.getObjnameByIdx(i));
    for (const char* attribute : {"init_fingerprint", "restored_iteration"})
      if (run.attrExists(attribute)) run.removeAttr(attribute);
    for (const char* series : {"cost_valid", "accuracy_valid"})
      if (run.nameExists(series)) run.unlink(series);
  }
}

} // namespace nnlab::test
