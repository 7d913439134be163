#include "nnlab/engine/provenance.hpp"

#include <H5public.h>
#include <boost/version.hpp>
#include <unistd.h>

#include "nnlab/core/blas_kernels.hpp"
#include "nnlab/core/core_library.hpp"
#include "nnlab/core/git_commit.hpp"
#include "nnlab/core/sha256.hpp"

namespace nnlab {

namespace {

// The configuration line names the kernels in use (use_better_blas_kernels may have
// chosen them).
std::string openblas_version() {
  const std::string config = blas_config();
  return config.empty() ? "not OpenBLAS" : config;
}

std::string hdf5_version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "unknown";
}

std::string plugin_files(const PluginsUsed& used, const Registry& registry) {
  std::string text;
  for (const auto& [kind, name] : used) {
    const auto file = registry.file_of(kind, name);
    text += to_string(kind) + "/" + name + ": {file: " + file.string() +
            ", sha256: " + sha256_file(file) + "}\n";
  }
  return text;
}

} // namespace

Attributes collect_provenance(const Experiment& experiment, const PluginsUsed& plugins,
                              const Registry& registry, const std::string& command_line) {
  const auto file = std::filesystem::absolute(experiment.file).lexically_normal();
  return {
      {"command_line", command_line},
      {"experiment_file", file.string()},
      {"experiment_dir", file.parent_path().string()},
      {"experiment_seed", std::to_string(experiment.seed)},
      {"git_commit", NNLAB_GIT_COMMIT},
#ifdef __clang__
      {"compiler", std::string("clang ") + __clang_version__},
#else
      {"compiler", std::string("g++ ") + __VERSION__},
#endif
      {"armadillo_version", arma::arma_version::as_string()},
      {"openblas_version", openblas_version()},
      {"hdf5_version", hdf5_version()},
      {"boost_version", BOOST_LIB_VERSION},
      {"host", host_name()},
      {"plugins", plugin_files(plugins, registry)},
      {"core_library", "{file: " + core_library_file().string() +
                           ", sha256: " + sha256_file(core_library_file()) + "}"},
  };
}

} // namespace nnlab
