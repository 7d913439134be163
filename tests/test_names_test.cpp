#include <catch2/catch.hpp>

// ctest gets one test per TEST_CASE through catch_discover_tests, which passes the names
// through CMake lists: a ';' splits a name and an unmatched '[' swallows the names after
// it, so tests silently stop running under ctest. Keep such characters out of names.
TEST_CASE("TestNames: every test name survives ctest discovery", "[meta]") {
  const auto& tests = Catch::getAllTestCasesSorted(*Catch::getCurrentContext().getConfig());
  REQUIRE(tests.size() > 50);
  for (const auto& test : tests) {
    CAPTURE(test.name);
    CHECK(test.name.find_first_of("[];") == std::string::npos);
  }
}
