#include "nnlab/core/blas_kernels.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <dlfcn.h>
#include <unistd.h>

namespace nnlab {

namespace {

// An OpenBLAS function by name, found at run time so that any BLAS works.
template <class Function> Function* openblas_function(const char* name) {
  return reinterpret_cast<Function*>(dlsym(RTLD_DEFAULT, name));
}

} // namespace

std::string blas_config() {
  auto* config = openblas_function<char*()>("openblas_get_config");
  return config ? config() : "";
}

std::string better_blas_kernels() {
  if (std::getenv("OPENBLAS_CORETYPE")) return "";
  auto* core = openblas_function<char*()>("openblas_get_corename");
  if (!core || std::string(core()) != "Prescott") return "";
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  // __builtin_cpu_supports also checks that the system saves the vector registers.
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512cd"))
    return __builtin_cpu_supports("avx512bf16") ? "Cooperlake" : "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
  return "";
}

void use_better_blas_kernels(char** argv) {
  const std::string kernels = better_blas_kernels();
  if (kernels.empty()) return;
  // The program's own path, so that it keeps its name (ps, top) in the new image.
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error || setenv("OPENBLAS_CORETYPE", kernels.c_str(), 1) != 0) return;
  // nnlab runs BLAS on one thread inside each run (set_blas_threads): said before OpenBLAS
  // loads, it starts no thread pool, whose idle threads spin for a while on the cores the
  // runs need.
  const bool threads_set = std::getenv("OPENBLAS_NUM_THREADS") != nullptr;
  if (!threads_set) setenv("OPENBLAS_NUM_THREADS", "1", 1);
  execv(self.c_str(), argv);
  // Not executed again: go on as we are.
  unsetenv("OPENBLAS_CORETYPE");
  if (!threads_set) unsetenv("OPENBLAS_NUM_THREADS");
}

} // namespace nnlab
