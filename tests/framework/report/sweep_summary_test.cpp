#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
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
  // No validation set: its columns stay empty.
  CHECK(csv.rfind("run_id,index,label,seed,status,iterations,best_iteration,cost_train,"
                  "cost_test,accuracy_train,accuracy_test,cost_valid,accuracy_valid,f1_test,"
                  "auc_test,wall_time_s,message\n",
                  0) == 0);
  // f1_test and auc_test empty when the run has no evaluation, else every digit.
  CHECK_THAT(csv, Contains("\nrun2,2,momentum,1,done,10,0,0,0.001,0,1,,,,,0,\n"));
  CHECK_THAT(csv,
             Contains("\nrun3,3,momentum,2,done,10,0,0,0.0030000000000000001,0,0.98999999999999999,"
                      ",,0.80000000000000004,0.9375,0,\n"));
}

TEST_CASE("SweepSummary: with a validation set, runs are ranked on it and test is only reported",
          "[report][summary][validation]") {
  // run1 has the best test cost, run2 the best validation cost.
  std::vector<nnlab::RunSummary> runs{run(0, "sgd", 0.4, 0.77), run(1, "sgd", 0.001, 1.0),
                                      run(2, "momentum", 0.01, 1.0),
                                      run(3, "momentum", 0.02, 0.99)};
  const double valid[] = {0.5, 0.3, 0.002, 0.004};
  for (std::size_t i = 0; i < runs.size(); ++i) {
    runs[i].cost_valid = valid[i];
    runs[i].accuracy_valid = 0.9;
  }
  std::ostringstream out;
  nnlab::print_summary(runs, out, 0.95, 2);
  const std::string text = out.str();
  CHECK_THAT(text, Contains("point     runs  bad  cost_valid  cost_test  acc_test"));
  CHECK_THAT(text, Contains("momentum     2    0     0.00300    0.01500"));
  CHECK_THAT(text, Contains("best runs by final validation cost:"));
  CHECK_THAT(text, Contains("1. run2  cost_valid 0.00200  cost_test 0.01000") &&
                       Contains("2. run3  cost_valid 0.00400  cost_test 0.02000"));
  CHECK_THAT(text, !Contains("run1  cost_valid"));

  nnlab::test::TempDir dir;
  nnlab::write_summary_csv(runs, dir.path() / "s.csv");
  CHECK_THAT(nnlab::test::read_text(dir.path() / "s.csv"),
             Contains("\nrun2,2,momentum,1,done,10,0,0,0.01,0,1,0.002,0.90000000000000002,,,0,\n"));
}

TEST_CASE("SweepSummary: runs without results are listed apart with their message",
          "[report][summary]") {
  std::vector<nnlab::RunSummary> runs{run(0, "sgd", 0.4, 0.77), run(1, "sgd", 0.02, 1.0),
                                      run(2, "huge", NAN, NAN), run(3, "momentum", 0.1, 0.9)};
  runs[2].has_results = false;
  runs[2].iterations = 0;
  runs[2].status = nnlab::RunStatus::failed;
  runs[2].message = "building the network: out of memory (std::bad_alloc)";
  std::ostringstream out;
  nnlab::print_summary(runs, out, 0.95, 5);
  const std::string text = out.str();
  CHECK_THAT(text, Contains("sgd ") && Contains("momentum "));
  CHECK_THAT(text, Contains("1 run has no results (left out of the tables and plots):\n"
                            "  run 3 (run2, huge seed=1): failed: building the network: out of "
                            "memory (std::bad_alloc)\n"));
  // In no row of the point table nor the best runs.
  CHECK(text.find("huge") == text.rfind("huge"));
  CHECK_THAT(text, Contains("3. run0") && !Contains("4. "));

  // summary.csv keeps a row for every run, the one without results with empty finals.
  nnlab::test::TempDir dir;
  nnlab::write_summary_csv(runs, dir.path() / "s.csv");
  const std::string csv = nnlab::test::read_text(dir.path() / "s.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
  CHECK_THAT(csv, Contains("\nrun2,2,huge,1,failed,0,0,,,,,,,,,0,building the network: out of "
                           "memory (std::bad_alloc)\n"));

  // Only runs without results: no table, just the list.
  std::ostringstream alone;
  nnlab::print_summary({runs[2]}, alone);
  CHECK(alone.str().rfind("\n1 run has no results", 0) == 0);
}
