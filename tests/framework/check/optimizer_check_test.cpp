#include <catch2/catch.hpp>

#include <memory>

#include "nnlab/check/optimizer_check.hpp"
#include "nnlab/core/error.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Test doubles, built here rather than loaded, so each breaks exactly one rule.

// Momentum with `sign` -1 for gradient ascent; `forget` drops the velocity from state()
// and `keep_on_reset` leaves it in place across reset().
class TestMomentum final : public nnlab::Optimizer {
public:
  double sign = 1.0;
  bool forget = false;
  bool keep_on_reset = false;

  void reset(arma::uword n) override {
    if (!keep_on_reset || v_.n_elem != n) v_.zeros(n);
  }
  void step(arma::vec& w, const arma::vec& g, double alpha) override {
    v_ = 0.5 * v_ - sign * alpha * g;
    w += v_;
  }
  nnlab::OptimizerState state() const override {
    if (forget) return {};
    return {{"velocity", v_}};
  }
  void restore(const nnlab::OptimizerState& state) override {
    if (!forget) v_ = nnlab::state_entry(state, "velocity", v_.n_elem);
  }

private:
  arma::vec v_;
};

nnlab::OptimizerFactory factory(void (*setup)(TestMomentum&)) {
  return [setup] {
    auto optimizer = std::make_shared<TestMomentum>();
    setup(*optimizer);
    return optimizer;
  };
}

} // namespace

TEST_CASE("check_optimizer: momentum passes every check", "[check][optimizer]") {
  const auto report = nnlab::check_optimizer(factory([](TestMomentum&) {}), "optimizer 'test'");
  INFO(report.text());
  CHECK(report.passed());
  REQUIRE(report.results().size() == 6);
  CHECK(report.results()[0].name == "quadratic bowl");
  CHECK(report.results()[3].name == "logistic regression");
  CHECK_THAT(report.result("Rosenbrock").detail,
             StartsWith("alpha 0.001, 10000 steps: f 24.2 -> ") &&
                 Contains("f - f* must fall below 4.84"));
  CHECK_THAT(report.result("state()/restore()").detail,
             StartsWith("state velocity (3) taken after 10 of 20 logistic regression steps") &&
                 Contains("after the rest, bit-identical"));
  CHECK_THAT(report.text(), Contains("  quadratic bowl: f(x) = 1/2 |x|^2, 10-D"));
}

TEST_CASE("check_optimizer: gradient ascent fails every problem", "[check][optimizer]") {
  const auto report =
      nnlab::check_optimizer(factory([](TestMomentum& o) { o.sign = -1.0; }), "optimizer 'ascent'");
  INFO(report.text());
  CHECK_FALSE(report.passed());
  CHECK(report.failures() == 4);
  for (const char* name :
       {"quadratic bowl", "ill-conditioned quadratic", "Rosenbrock", "logistic regression"}) {
    CAPTURE(name);
    CHECK_FALSE(report.result(name).passed);
  }
  CHECK_THAT(report.text(), Contains("FAIL quadratic bowl: alpha 0.1, 100 steps: f 11.76 -> "));
  CHECK_THAT(report.text(), Contains("optimizer 'ascent': 4 of 6 checks FAILED"));
}

TEST_CASE("check_optimizer: a state that leaves something out fails restore",
          "[check][optimizer]") {
  const auto report =
      nnlab::check_optimizer(factory([](TestMomentum& o) { o.forget = true; }), "optimizer 'x'");
  CHECK(report.result("quadratic bowl").passed);
  CHECK_FALSE(report.result("state()/restore()").passed);
  CHECK_THAT(report.result("state()/restore()").detail,
             StartsWith("no state (stateless)") &&
                 Contains("after the rest, they differ by up to"));
  CHECK(report.result("reset(n)").passed);
}

TEST_CASE("check_optimizer: a reset that keeps the velocity fails reset", "[check][optimizer]") {
  const auto report = nnlab::check_optimizer(
      factory([](TestMomentum& o) { o.keep_on_reset = true; }), "optimizer 'x'");
  CHECK(report.result("state()/restore()").passed);
  CHECK_FALSE(report.result("reset(n)").passed);
}

TEST_CASE("check_optimizer: an optimizer that does nothing fails, one that throws too",
          "[check][optimizer]") {
  const auto idle =
      nnlab::check_optimizer(factory([](TestMomentum& o) { o.sign = 0.0; }), "optimizer 'idle'");
  CHECK(idle.failures() == 4); // f and distance stay where they were
  const nnlab::OptimizerFactory throwing = []() -> std::shared_ptr<nnlab::Optimizer> {
    throw nnlab::PluginError("optimizer 'x': cannot build");
  };
  const auto report = nnlab::check_optimizer(throwing, "optimizer 'x'");
  CHECK(report.failures() == 6);
  CHECK(report.results()[0].detail == "threw: optimizer 'x': cannot build");
}

TEST_CASE("check_optimizer: descend runs the problem's steps from its start",
          "[check][optimizer]") {
  TestMomentum optimizer;
  const auto p = nnlab::quadratic_bowl();
  CHECK(arma::approx_equal(nnlab::descend(optimizer, p, 0), p.start, "absdiff", 0.0));
  // One step from v = 0 is plain gradient descent: x - alpha x.
  CHECK(arma::approx_equal(nnlab::descend(optimizer, p, 1), 0.9 * p.start, "absdiff", 1e-15));
}
