#include <catch2/catch.hpp>

#include "nnlab/model/mlp.hpp"
#include "nnlab/model/workspace.hpp"

using nnlab::Activation;

TEST_CASE("Workspace: nodes for m samples are views of the first m columns", "[model][workspace]") {
  const nnlab::Mlp mlp(
      {2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Workspace workspace(mlp, 10);
  nnlab::Nodes wide = workspace.nodes(10);
  nnlab::Nodes narrow = workspace.nodes(4);
  CHECK(narrow.m == 4);
  REQUIRE(narrow.z.size() == 4);
  for (arma::uword l = 1; l <= 3; ++l) {
    CAPTURE(l);
    CHECK(narrow.z[l].n_rows == mlp.layer(l).n_out());
    CHECK(narrow.z[l].n_cols == 4);
    CHECK(wide.delta[l].n_cols == 10);
    // The same memory: a pass over 4 samples overwrites the first 4 columns of one over 10.
    CHECK(narrow.a[l].memptr() == wide.a[l].memptr());
    CHECK(narrow.dA[l].memptr() == wide.dA[l].memptr());
  }
  narrow.a[2](1, 3) = 5.0;
  CHECK(wide.a[2](1, 3) == 5.0);
  // Views never reallocate: a wrong size throws instead of detaching from the buffer.
  CHECK_THROWS(narrow.z[1] = arma::mat(3, 5));
  CHECK_THROWS_AS(workspace.nodes(11), std::invalid_argument);
}

TEST_CASE("Workspace: a forward pass through its nodes equals one through make_nodes",
          "[model][workspace]") {
  nnlab::Mlp mlp(
      {2, {4, 3}, Activation(Activation::Kind::relu), Activation(Activation::Kind::softmax)});
  mlp.params() = arma::linspace(-1.0, 1.0, mlp.n_params());
  const arma::mat X{{0.5, -1.0, 2.0}, {1.5, 0.25, -2.0}};
  nnlab::Workspace workspace(mlp, 8);
  nnlab::Nodes shared = workspace.nodes(3);
  nnlab::Nodes own = mlp.make_nodes(3);
  CHECK(arma::approx_equal(mlp.forward(X, shared), mlp.forward(X, own), "absdiff", 0.0));
}

TEST_CASE("Workspace: sample-major views are the same memory as samples x units, in place",
          "[model][workspace]") {
  const nnlab::Mlp mlp(
      {2, {3, 2, 1}, Activation(Activation::Kind::tanh), Activation(Activation::Kind::sigmoid)});
  nnlab::Workspace workspace(mlp, 10);
  nnlab::Nodes nodes = workspace.nodes(10);
  const double* first = nodes.a[1].memptr();
  workspace.view_sample_major(6, nodes);
  CHECK(nodes.m == 6);
  for (arma::uword l = 1; l <= 3; ++l) {
    CAPTURE(l);
    CHECK(nodes.a[l].n_rows == 6);
    CHECK(nodes.a[l].n_cols == mlp.layer(l).n_out());
    CHECK(nodes.delta[l].n_rows == 6);
  }
  CHECK(nodes.a[1].memptr() == first);
  // Back to feature-major, narrower: the same vectors, views of the first columns again.
  workspace.view(4, nodes);
  CHECK(nodes.z[2].n_rows == 2);
  CHECK(nodes.z[2].n_cols == 4);
  CHECK(nodes.a[1].memptr() == first);
  CHECK_THROWS_AS(workspace.view_sample_major(11, nodes), std::invalid_argument);
}
