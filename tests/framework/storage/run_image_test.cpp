#include <catch2/catch.hpp>

#include "nnlab/storage/run_image.hpp"
#include "store_checks.hpp"

TEST_CASE("RunImage: a run survives the trip through bytes bit for bit", "[storage]") {
  for (const auto status :
       {nnlab::RunStatus::done, nnlab::RunStatus::diverged, nnlab::RunStatus::failed}) {
    const nnlab::RunRecord run = nnlab::test::make_run("a4ee508b6590329e", status, 50);
    const std::vector<char> bytes = nnlab::run_to_bytes(run);
    CHECK(bytes.size() > 1000);
    const nnlab::RunRecord back =
        nnlab::run_from_bytes(std::string_view(bytes.data(), bytes.size()), "run from rank 1");
    nnlab::test::check_same(back, run);
  }
}

TEST_CASE("RunImage: bytes that are not a run image are refused, naming where they came from",
          "[storage]") {
  const std::string garbage = "not an HDF5 file at all";
  const std::string message =
      nnlab::test::storage_error([&] { (void)nnlab::run_from_bytes(garbage, "run from rank 2"); });
  CHECK_THAT(message, Catch::Matchers::StartsWith("run from rank 2: decode: "));
  const std::vector<char> bytes = nnlab::run_to_bytes(nnlab::test::make_run("r1"));
  const std::string truncated(bytes.data(), bytes.size() / 2);
  CHECK_THAT(nnlab::test::storage_error([&] { (void)nnlab::run_from_bytes(truncated, "run 3"); }),
             Catch::Matchers::StartsWith("run 3: decode: "));
}
