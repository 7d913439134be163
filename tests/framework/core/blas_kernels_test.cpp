#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "nnlab/core/blas_kernels.hpp"
#include "support/runner_process.hpp"

using Catch::Matchers::Contains;

namespace {

// Sets an environment variable for the scope of a test, then puts back what was there.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* name_;
  std::optional<std::string> old_;
};

// The BLAS line of `runner --version`, run with OPENBLAS_CORETYPE as given (unset: null).
std::string runner_blas(const char* coretype) {
  const std::string env =
      coretype ? std::string("OPENBLAS_CORETYPE=") + coretype : "-u OPENBLAS_CORETYPE";
  const auto outcome =
      nnlab::test::run_shell("env " + env + " " + nnlab::test::runner_path() + " --version");
  REQUIRE(outcome.status == 0);
  const auto at = outcome.output.find("BLAS: ");
  REQUIRE(at != std::string::npos);
  return outcome.output.substr(at, outcome.output.find('\n', at) - at);
}

} // namespace

TEST_CASE("BlasKernels: a kernel choice made in OPENBLAS_CORETYPE is kept", "[core][blas]") {
  const ScopedEnv chosen("OPENBLAS_CORETYPE", "Prescott");
  CHECK(nnlab::better_blas_kernels() == "");
}

TEST_CASE("BlasKernels: the runner never runs OpenBLAS's generic kernels on a CPU with AVX2",
          "[core][blas][runner]") {
  // The build uses OpenBLAS (install-deps.sh); its configuration line names the kernels.
  CHECK_THAT(runner_blas(nullptr), Contains("OpenBLAS"));
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    // Debian 12's OpenBLAS falls back to Prescott on CPUs newer than itself: nnlab restarts
    // with the kernels the CPU has. On CPUs OpenBLAS knows, its own choice stays.
    CHECK_THAT(runner_blas(nullptr), !Contains(" Prescott "));
    CHECK_THAT(runner_blas("Haswell"), Contains(" Haswell "));
  }
  // Set by hand, even to the generic kernels, the choice is the user's.
  CHECK_THAT(runner_blas("Prescott"), Contains(" Prescott "));
}
