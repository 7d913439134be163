#include <catch2/catch.hpp>

#include <sstream>

#include "nnlab/engine/progress.hpp"

using Catch::Matchers::Contains;

namespace {
nnlab::RunRecord finished_run(std::size_t index, double cost, nnlab::RunStatus status) {
  nnlab::RunRecord r;
  r.id = "00000000000000a" + std::to_string(index);
  r.index = index;
  r.seed = 1;
  r.label = "sgd learning_rate=0.1";
  r.status = status;
  r.series.cost_test = {0.7, cost};
  r.series.accuracy_test = {0.5, 0.9};
  r.wall_time_s = 0.25;
  return r;
}
} // namespace

TEST_CASE("Progress: plain lines when not on a terminal", "[engine][progress]") {
  std::ostringstream out;
  nnlab::ProgressReporter progress(out, 10, 2, false, false);
  progress.finished(finished_run(0, 0.3, nnlab::RunStatus::done));
  progress.close();
  CHECK(out.str() ==
        "[ 1/10] 00000000000000a0  done      cost_test 0.30000  acc_test  90.0%    0.25 s  sgd "
        "learning_rate=0.1 seed=1\n");
}

TEST_CASE("Progress: a run resumed from its checkpoint says so under its line",
          "[engine][progress]") {
  std::ostringstream out;
  nnlab::ProgressReporter progress(out, 1, 1, false, false);
  auto run = finished_run(0, 0.3, nnlab::RunStatus::done);
  run.resumed_from = 4000;
  progress.finished(run);
  CHECK_THAT(out.str(),
             Contains("seed=1\n        resumed from its checkpoint at iteration 4000\n"));
}

TEST_CASE("Progress: on a terminal a status line is redrawn below the run lines",
          "[engine][progress]") {
  std::ostringstream out;
  nnlab::ProgressReporter progress(out, 4, 3, true, false);
  progress.finished(finished_run(0, 0.3, nnlab::RunStatus::done));
  progress.finished(finished_run(1, 0.1, nnlab::RunStatus::done));
  progress.finished(finished_run(2, 0.0, nnlab::RunStatus::failed));
  const std::string text = out.str();
  CHECK_THAT(text, Contains("0/3 trained | 0:00 elapsed"));
  CHECK_THAT(text, Contains("\r\033[K[2/4]"));
  CHECK_THAT(text, Contains("2/3 trained | 0:00 elapsed, ETA 0:00 | best cost_test 0.10000 "
                            "(sgd learning_rate=0.1 seed=1)"));
  // After the last run the status line is not drawn again.
  CHECK(text.substr(text.size() - 1) == "\n");
  CHECK(progress.status_line().rfind("3/3 trained, 1 failed", 0) == 0);
}

TEST_CASE("Progress: quiet prints nothing", "[engine][progress]") {
  std::ostringstream out;
  nnlab::ProgressReporter progress(out, 2, 2, true, true);
  progress.finished(finished_run(0, 0.3, nnlab::RunStatus::done));
  progress.close();
  CHECK(out.str().empty());
}
