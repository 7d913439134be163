#include "nnlab/core/blas_threads.hpp"

#include <dlfcn.h>

namespace nnlab {

bool set_blas_threads(int threads) {
  using SetThreads = void (*)(int);
  void* symbol = dlsym(RTLD_DEFAULT, "openblas_set_num_threads");
  if (!symbol) return false;
  reinterpret_cast<SetThreads>(symbol)(threads);
  return true;
}

} // namespace nnlab
