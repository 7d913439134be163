#include <catch2/catch.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/plot/evaluation_plots.hpp"
#include "support/plot_files.hpp"
#include "support/temp_dir.hpp"

using Catch::Matchers::Contains;

TEST_CASE("ConfusionPlot: counts and row shares of each split, class names as ticks",
          "[plot][evaluation]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const auto test = nnlab::evaluate_outputs(arma::mat{{0.9, 0.8, 0.7, 0.6, 0.4, 0.2}},
                                            arma::rowvec{1, 1, 0, 0, 1, 0}, 2, "test");
  const auto valid = nnlab::evaluate_outputs(arma::mat{{0.9, 0.1}}, arma::rowvec{1, 1}, 2, "valid");
  nnlab::add_confusion_plot(renderer, "confusion", {test, valid}, {"no", "yes"}, "Confusion");
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));
  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "confusion.dat");
  REQUIRE(blocks.size() >= 2);
  // predicted true count share: true 0 went 1 x to 0 and 2 x to 1.
  CHECK(blocks[0][0] == std::vector<double>{0, 0, 1, 0.333333}); // 6 digits
  CHECK(blocks[0][1] == std::vector<double>{1, 0, 2, 0.666667});
  CHECK(blocks[1][2] == std::vector<double>{0, 1, 1, 0.5});
  const std::string script = nnlab::test::read_text(tmp.path() / "confusion.gp");
  CHECK_THAT(script, Contains("'test: counts (accuracy 50.0 %)'") &&
                         Contains("'validation: share of each true class'") &&
                         Contains("('no' 0, 'yes' 1)"));
  nnlab::test::check_renders_by_hand(images[0]);
  CHECK_THROWS_AS(nnlab::add_confusion_plot(renderer, "none", {}, {}, "t"), nnlab::PlotError);
}

TEST_CASE("RocPlot: the ROC and precision-recall curves with AUC and AP in the legend",
          "[plot][evaluation]") {
  const nnlab::test::TempDir tmp;
  nnlab::PlotRenderer renderer(tmp.path());
  const auto test =
      nnlab::evaluate_outputs(arma::mat{{0.5, 0.5, 0.9, 0.1}}, arma::rowvec{1, 0, 1, 0}, 2, "test");
  nnlab::add_roc_plot(renderer, "roc", {test}, "ROC");
  const auto images = renderer.render();
  REQUIRE(images.size() == 1);
  REQUIRE(nnlab::test::is_png(images[0]));
  const auto blocks = nnlab::test::read_data_blocks(tmp.path() / "roc.dat");
  REQUIRE(blocks.size() >= 2);
  CHECK(blocks[0] == nnlab::test::DataRows{{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}});
  CHECK(blocks[1].front() == std::vector<double>{0, 1}); // from recall 0
  CHECK(blocks[1].size() == 4);
  const std::string script = nnlab::test::read_text(tmp.path() / "roc.gp");
  CHECK_THAT(script, Contains("'test, AUC 0.875'") && Contains("'test, AP 0.833'") &&
                         Contains("plot 0.5 with lines dt 2"));
  nnlab::test::check_renders_by_hand(images[0]);

  const auto three =
      nnlab::evaluate_outputs(arma::mat{{1, 0}, {0, 1}, {0, 0}}, arma::rowvec{0, 1}, 3, "test");
  CHECK_THROWS_WITH(nnlab::add_roc_plot(renderer, "none", {three}, "t"), Contains("no ROC curve"));
}
