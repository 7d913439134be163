#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "nnlab/check/check_report.hpp"

TEST_CASE("CheckReport: one line per check and a count", "[check][report]") {
  nnlab::CheckReport report("optimizer 'x'");
  report.note("problems: a, b");
  report.add("first", true, "f 2 -> 1");
  report.add("second", false, "f 2 -> 3");
  CHECK_FALSE(report.passed());
  CHECK(report.failures() == 1);
  CHECK(report.text() == "optimizer 'x'\n"
                         "  problems: a, b\n"
                         "PASS first: f 2 -> 1\n"
                         "FAIL second: f 2 -> 3\n"
                         "optimizer 'x': 1 of 2 checks FAILED\n");
  CHECK(report.result("second").detail == "f 2 -> 3");
  CHECK_FALSE(report.result("second").passed);
  CHECK_THROWS_WITH(report.result("third"),
                    "no check named 'third' in the report on optimizer 'x'");
}

TEST_CASE("CheckReport: passes only when every check passed and one ran at least",
          "[check][report]") {
  nnlab::CheckReport report("loss 'y'");
  CHECK_FALSE(report.passed());
  CHECK(report.text() == "loss 'y'\nFAIL no checks ran\n");
  report.add("only", true, "");
  CHECK(report.passed());
  CHECK(report.text() == "loss 'y'\nPASS only\nloss 'y': all 1 checks passed\n");
}

TEST_CASE("CheckReport: a check that throws fails with the message", "[check][report]") {
  nnlab::CheckReport report("dataset 'z'");
  report.run("throws", [](std::string& detail) -> bool {
    detail = "half written";
    throw std::runtime_error("cannot read data.csv");
  });
  report.run("passes", [](std::string& detail) {
    detail = "fine";
    return true;
  });
  REQUIRE(report.results().size() == 2);
  CHECK_FALSE(report.results()[0].passed);
  CHECK(report.results()[0].detail == "threw: cannot read data.csv");
  CHECK(report.results()[1].passed);
  CHECK(report.failures() == 1);
}

TEST_CASE("CheckReport: figures have 4 significant digits", "[check][report]") {
  CHECK(nnlab::figure(24.2) == "24.2");
  CHECK(nnlab::figure(1.0 / 3.0) == "0.3333");
  CHECK(nnlab::figure(1.23456e-9) == "1.235e-09");
  CHECK(nnlab::figure(0.0) == "0");
  CHECK(nnlab::figure(-0.0) == "0");
  CHECK(nnlab::figure(std::nan("")) == "nan");
  CHECK(nnlab::figure(-std::nan("")) == "nan");
}
