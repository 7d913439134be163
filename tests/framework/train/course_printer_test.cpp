#include <catch2/catch.hpp>

#include <sstream>

#include "nnlab/train/course_printer.hpp"

TEST_CASE("CoursePrinter: the course's schedule and line format", "[train][printer]") {
  std::vector<arma::uword> printed;
  for (arma::uword i = 1; i <= 5000; ++i)
    if (nnlab::CoursePrinter::scheduled(i)) printed.push_back(i);
  REQUIRE(printed.size() == 10 + 9 + 4);
  CHECK(printed.front() == 10);
  CHECK(printed[9] == 100);
  CHECK(printed[10] == 200);
  CHECK(printed[18] == 1000);
  CHECK(printed.back() == 5000);

  std::ostringstream out;
  nnlab::CoursePrinter printer(out);
  printer.on_iteration({9, 0.7, 0.7, 0.5, 0.5});
  CHECK(out.str().empty());
  printer.on_iteration({10, 0.69310, 0.69298, 0.5, 0.5});
  CHECK(out.str() == "Iteration   10  Train cost: 0.69310  Test cost: 0.69298  Diff: -1.2e-04\n");
}
