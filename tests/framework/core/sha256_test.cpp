#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/core/sha256.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

TEST_CASE("Sha256: the FIPS 180-2 test vectors, for text and files", "[core][sha256]") {
  CHECK(nnlab::sha256_text("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(nnlab::sha256_text("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  nnlab::test::TempDir dir;
  // Longer than one read buffer, so the chunked path is checked too.
  const std::string text(200000, 'a');
  CHECK(nnlab::sha256_file(dir.write("a.bin", text)) == nnlab::sha256_text(text));
  REQUIRE_THROWS_WITH(nnlab::sha256_file(dir.path() / "none"),
                      Contains("none: cannot read: No such file"));
}
