#include <catch2/catch.hpp>

#include <sstream>

#include "nnlab/report/sweep_summary.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

namespace {
nnlab::RunSummary run(std::size_t index, const std::string& label, double cost, double accuracy) {
  nnlab::RunSummary r;
  r.id = "run" + std::to_string(index);
  r.index = index;
  r.label = label;
  r.seed = index % 2 + 1;
  r.iterations = 10;
  r.cost_test = cost;
  r.accuracy_test = accuracy;
  return r;
}
} // namespace

TEST_CASE("SweepSummary: a row per sweep point and the best runs", "[report][summary]") {
  std::vector<nnlab::RunSummary> runs{run(0, "sgd", 0.4, 0.77), run(1, "sgd", 0.02, 1.0),
                                      run(2, "momentum", 0.001, 1.0),
                                      run(3, "momentum", 0.003, 0.99)};
  std::ostringstream out;
  nnlab::print_summary(runs, out, 0.95, 2);
  const std::string text = out.str();
  CHECK_THAT(text, Contains("sgd          2    0    0.21000    77.0% /  88.5% / 100.0%  1/2"));
  CHECK_THAT(text, Contains("momentum     2    0    0.00200    99.0% /  99.5% / 100.0%  2/2"));
  CHECK_THAT(text,
             Contains("1. run2  cost_test 0.00100") && Contains("2. run3  cost_test 0.00300"));
  CHECK_THAT(text, !Contains("3. "));

  runs[3].f1_test = 0.8;
  runs[3].auc_test = 0.9375;
  nnlab::test::TempDir dir;
  nnlab::write_summary_csv(runs, dir.path() / "s.csv");
  const std::string csv = nnlab::test::read_text(dir.path() / "s.csv");
  CHECK(csv.rfind("run_id,index,label,seed,status,iterations,best_iteration,", 0) == 0);
  CHECK(csv.find(",accuracy_test,f1_test,auc_test,wall_time_s,message\n") != std::string::npos);
  // f1_test and auc_test empty when the run has no evaluation, else every digit.
  CHECK_THAT(csv, Contains("\nrun2,2,momentum,1,done,10,0,0,0.001,0,1,,,0,\n"));
  CHECK_THAT(csv,
             Contains("\nrun3,3,momentum,2,done,10,0,0,0.0030000000000000001,0,0.98999999999999999,"
                      "0.80000000000000004,0.9375,0,\n"));
}
