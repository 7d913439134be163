#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "nnlab/train/lr_schedule.hpp"
#include "nnlab/train/series_recorder.hpp"

using Catch::Matchers::WithinRel;
using Kind = nnlab::LrScheduleSettings::Kind;

namespace {

nnlab::IterationStats at(arma::uword t, double cost_train = 1.0) {
  nnlab::IterationStats stats;
  stats.iteration = t;
  stats.cost_train = cost_train;
  return stats;
}

} // namespace

TEST_CASE("LrSchedule: constant, step, exponential and invscaling follow their formulas",
          "[train][schedule]") {
  nnlab::LrScheduleSettings settings;
  nnlab::LrSchedule constant(settings, 0.2);
  CHECK(constant.rate(at(1)) == 0.2);
  CHECK(constant.rate(at(5000)) == 0.2);

  settings.kind = Kind::step;
  settings.drop = 0.5;
  settings.every = 100;
  nnlab::LrSchedule step(settings, 0.2);
  CHECK(step.rate(at(1)) == 0.2);
  CHECK(step.rate(at(100)) == 0.2);
  CHECK(step.rate(at(101)) == 0.1);
  CHECK(step.rate(at(201)) == 0.05);

  settings.kind = Kind::exponential;
  settings.gamma = 0.99;
  nnlab::LrSchedule exponential(settings, 0.2);
  CHECK(exponential.rate(at(1)) == 0.2);
  CHECK_THAT(exponential.rate(at(11)), WithinRel(0.2 * std::pow(0.99, 10), 1e-15));

  settings.kind = Kind::invscaling;
  settings.power_t = 0.5;
  nnlab::LrSchedule invscaling(settings, 0.2);
  CHECK(invscaling.rate(at(1)) == 0.2);
  CHECK_THAT(invscaling.rate(at(4)), WithinRel(0.1, 1e-15));
  CHECK_THAT(invscaling.rate(at(100)), WithinRel(0.02, 1e-15));
}

TEST_CASE("LrSchedule: adaptive divides by 5 after patience iterations without improvement",
          "[train][schedule]") {
  nnlab::LrScheduleSettings settings;
  settings.kind = Kind::adaptive;
  settings.patience = 3;
  settings.tol = 0.01;
  nnlab::LrSchedule schedule(settings, 1.0);
  // Improving by more than tol: the rate stays.
  CHECK(schedule.rate(at(1, 1.0)) == 1.0);
  CHECK(schedule.rate(at(2, 0.9)) == 1.0);
  CHECK(schedule.rate(at(3, 0.8)) == 1.0);
  // Three iterations that improve by less than tol (or worsen): divided by 5 at the third.
  CHECK(schedule.rate(at(4, 0.795)) == 1.0);
  CHECK(schedule.rate(at(5, 0.9)) == 1.0);
  CHECK(schedule.rate(at(6, 0.8)) == 0.2);
  CHECK(schedule.reductions() == 1);
  // The count starts over; a real improvement resets it.
  CHECK(schedule.rate(at(7, 0.8)) == 0.2);
  CHECK(schedule.rate(at(8, 0.5)) == 0.2);
  CHECK(schedule.rate(at(9, 0.5)) == 0.2);
  CHECK(schedule.rate(at(10, 0.5)) == 0.2);
  CHECK_THAT(schedule.rate(at(11, 0.5)), WithinRel(0.04, 1e-15));
  CHECK(schedule.reductions() == 2);

  // An accuracy improves upward.
  settings.monitor = nnlab::Monitor("accuracy_test");
  settings.patience = 1;
  nnlab::LrSchedule by_accuracy(settings, 1.0);
  auto stats = at(1);
  stats.accuracy_test = 0.5;
  CHECK(by_accuracy.rate(stats) == 1.0);
  stats.iteration = 2;
  stats.accuracy_test = 0.6;
  CHECK(by_accuracy.rate(stats) == 1.0);
  stats.iteration = 3;
  stats.accuracy_test = 0.55;
  CHECK(by_accuracy.rate(stats) == 0.2);
}

TEST_CASE("LrSchedule: replaying a series continues the adaptive rule where it was",
          "[train][schedule]") {
  nnlab::LrScheduleSettings settings;
  settings.kind = Kind::adaptive;
  settings.patience = 2;
  const std::vector<double> costs{1.0, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7};
  nnlab::LrSchedule live(settings, 1.0);
  std::vector<double> rates;
  for (arma::uword t = 1; t <= costs.size(); ++t)
    rates.push_back(live.rate(at(t, costs[t - 1])));

  const arma::uword done = 6;
  nnlab::RunSeries series;
  series.cost_train = arma::vec(costs).head(done);
  series.cost_test = series.accuracy_train = series.accuracy_test = arma::zeros(done);
  nnlab::LrSchedule resumed(settings, 1.0);
  resumed.replay(series);
  for (arma::uword t = done + 1; t <= costs.size(); ++t)
    CHECK(resumed.rate(at(t, costs[t - 1])) == rates[t - 1]);
  CHECK(resumed.reductions() == live.reductions());
  CHECK(live.reductions() == 2);
}

TEST_CASE("LrSchedule: settings out of range are refused", "[train][schedule]") {
  nnlab::LrScheduleSettings settings;
  CHECK_THROWS_AS(nnlab::LrSchedule(settings, 0.0), std::invalid_argument);
  settings.drop = 1.5;
  CHECK_THROWS_AS(nnlab::LrSchedule(settings, 0.1), std::invalid_argument);
  settings.drop = 0.5;
  settings.every = 0;
  CHECK_THROWS_AS(nnlab::LrSchedule(settings, 0.1), std::invalid_argument);
  CHECK(nnlab::lr_schedule_from("invscaling") == Kind::invscaling);
  CHECK_FALSE(nnlab::lr_schedule_from("cosine").has_value());
  CHECK(nnlab::to_string(Kind::adaptive) == "adaptive");
}
