// The floor for W1: the course's 2-3-2-1 net (tanh, tanh, sigmoid; binary cross-entropy;
// full-batch gradient descent) written by hand for exactly that shape. Each iteration does
// what nnlab's does (test forward pass with cost and accuracy, train forward pass with cost
// and accuracy, backward pass, update) but in one sweep over each set: every sample's
// activations live in registers and the 21 sums (cost, accuracy, 20 gradient entries) are
// SIMD reductions (`omp simd reduction`, built with -fopenmp-simd: no OpenMP runtime). tanh
// is nnlab's own inline expm1 (framework/src/model/expm1_negative.hpp), exp and log are
// glibc's vector variants (core/libmvec.hpp), one log per sample: the sweep has no call
// that is not vectorised. Built with -O3 -march=native -fno-math-errno -fno-trapping-math,
// not -ffast-math (it would fold the rounding trick inside expm1_negative away).
//   fused_xor TRAIN.csv TEST.csv WEIGHTS.csv OUT.json [--iterations 5000] [--alpha 0.05]
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_result.hpp"
#include "core/libmvec.hpp"
#include "iteration_clock.hpp"
#include "model/expm1_negative.hpp"
#include "nnlab/core/blas_kernels.hpp"
#include "nnlab/model/weights_file.hpp"

namespace {

/// Samples as columns of three arrays (x1, x2, y).
struct Samples {
  std::vector<double> x1, x2, y;
};

Samples read_samples(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file + ": cannot read");
  Samples s;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    double x1 = 0, x2 = 0, y = 0;
    if (!(fields >> x1 >> x2 >> y)) throw std::runtime_error(file + ": bad line '" + line + "'");
    s.x1.push_back(x1);
    s.x2.push_back(x2);
    s.y.push_back(y);
  }
  return s;
}

/// The parameters (or their gradient) of the 2-3-2-1 net, W row-major as the course writes.
struct Net {
  double W1[3][2], b1[3], W2[2][3], b2[2], W3[2], b3;
};

Net read_net(const std::string& file) {
  nnlab::Mlp mlp(nnlab::Architecture{2, {3, 2, 1}});
  nnlab::load_weights_file(mlp, file);
  Net n{};
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 2; ++j)
      n.W1[k][j] = mlp.layer(1).W()(k, j);
    n.b1[k] = mlp.layer(1).b()(k);
  }
  for (int i = 0; i < 2; ++i) {
    for (int k = 0; k < 3; ++k)
      n.W2[i][k] = mlp.layer(2).W()(i, k);
    n.b2[i] = mlp.layer(2).b()(i);
    n.W3[i] = mlp.layer(3).W()(0, i);
  }
  n.b3 = mlp.layer(3).b()(0);
  return n;
}

constexpr double eps = 1e-12; // nnlab's binary_cross_entropy clips outputs to [eps, 1 - eps]

/// tanh as nnlab's kernels compute it: -expm1(-2|z|) / (expm1(-2|z|) + 2) with z's sign.
[[gnu::always_inline]] inline double fused_tanh(double z) {
  const double t = -2.0 * std::fabs(z);
  const double u = nnlab::kernels::expm1_negative(t < -40.0 ? -40.0 : t);
  return std::copysign(-u / (u + 2.0), z);
}

/// One sweep over the samples: the cost (mean) and, when `grad` is given, the gradient
/// (already divided by m). The samples go in blocks that stay in L1: a forward loop keeps
/// each sample's 6 activations, a loop takes the log of the probability given to the true
/// class, and a gradient loop sums the 20 entries. Each loop is one SIMD loop; the two
/// with calls (exp, log) carry no gradient sums across them, which would be spilled at
/// every call (calls clobber every vector register).
template <bool with_gradient>
double sweep(const Net& n, const Samples& s, Net* grad, double& accuracy) {
  constexpr std::size_t block = 256;
  const std::size_t m = s.y.size();
  double cost = 0, correct = 0;
  double gW1_00 = 0, gW1_01 = 0, gW1_10 = 0, gW1_11 = 0, gW1_20 = 0, gW1_21 = 0;
  double gb1_0 = 0, gb1_1 = 0, gb1_2 = 0;
  double gW2_00 = 0, gW2_01 = 0, gW2_02 = 0, gW2_10 = 0, gW2_11 = 0, gW2_12 = 0;
  double gb2_0 = 0, gb2_1 = 0, gW3_0 = 0, gW3_1 = 0, gb3 = 0;
  alignas(64) double a10[block], a11[block], a12[block], a20[block], a21[block], a3[block],
      p[block];
  const Net w = n; // a local copy: the compiler then knows no store aliases the weights
  for (std::size_t j0 = 0; j0 < m; j0 += block) {
    const std::size_t nb = std::min(block, m - j0);
    const double* x1 = s.x1.data() + j0;
    const double* x2 = s.x2.data() + j0;
    const double* y = s.y.data() + j0;
#pragma omp simd reduction(+ : correct)
    for (std::size_t j = 0; j < nb; ++j) {
      a10[j] = fused_tanh(w.W1[0][0] * x1[j] + w.W1[0][1] * x2[j] + w.b1[0]);
      a11[j] = fused_tanh(w.W1[1][0] * x1[j] + w.W1[1][1] * x2[j] + w.b1[1]);
      a12[j] = fused_tanh(w.W1[2][0] * x1[j] + w.W1[2][1] * x2[j] + w.b1[2]);
      a20[j] =
          fused_tanh(w.W2[0][0] * a10[j] + w.W2[0][1] * a11[j] + w.W2[0][2] * a12[j] + w.b2[0]);
      a21[j] =
          fused_tanh(w.W2[1][0] * a10[j] + w.W2[1][1] * a11[j] + w.W2[1][2] * a12[j] + w.b2[1]);
      a3[j] = 1.0 / (1.0 + exp(-(w.W3[0] * a20[j] + w.W3[1] * a21[j] + w.b3)));
      const double clipped = std::min(std::max(a3[j], eps), 1.0 - eps);
      // Labels are 0 or 1: the probability given to the true class, one log per sample.
      p[j] = y[j] * clipped + (1.0 - y[j]) * (1.0 - clipped);
      correct += (a3[j] >= 0.5 ? 1.0 : 0.0) == y[j] ? 1.0 : 0.0;
    }
#pragma omp simd reduction(+ : cost)
    for (std::size_t j = 0; j < nb; ++j)
      cost += log(p[j]);
    if constexpr (with_gradient) {
#pragma omp simd reduction(+ : gW1_00, gW1_01, gW1_10, gW1_11, gW1_20, gW1_21, gb1_0, gb1_1,     \
                               gb1_2, gW2_00, gW2_01, gW2_02, gW2_10, gW2_11, gW2_12, gb2_0,     \
                               gb2_1, gW3_0, gW3_1, gb3)
      for (std::size_t j = 0; j < nb; ++j) {
        const double d3 = a3[j] - y[j]; // sigmoid + cross-entropy
        const double d20 = w.W3[0] * d3 * (1.0 - a20[j] * a20[j]);
        const double d21 = w.W3[1] * d3 * (1.0 - a21[j] * a21[j]);
        const double d10 = (w.W2[0][0] * d20 + w.W2[1][0] * d21) * (1.0 - a10[j] * a10[j]);
        const double d11 = (w.W2[0][1] * d20 + w.W2[1][1] * d21) * (1.0 - a11[j] * a11[j]);
        const double d12 = (w.W2[0][2] * d20 + w.W2[1][2] * d21) * (1.0 - a12[j] * a12[j]);
        gW3_0 += d3 * a20[j], gW3_1 += d3 * a21[j], gb3 += d3;
        gW2_00 += d20 * a10[j], gW2_01 += d20 * a11[j], gW2_02 += d20 * a12[j], gb2_0 += d20;
        gW2_10 += d21 * a10[j], gW2_11 += d21 * a11[j], gW2_12 += d21 * a12[j], gb2_1 += d21;
        gW1_00 += d10 * x1[j], gW1_01 += d10 * x2[j], gb1_0 += d10;
        gW1_10 += d11 * x1[j], gW1_11 += d11 * x2[j], gb1_1 += d11;
        gW1_20 += d12 * x1[j], gW1_21 += d12 * x2[j], gb1_2 += d12;
      }
    }
  }
  const double inv_m = 1.0 / static_cast<double>(m);
  if constexpr (with_gradient)
    *grad = Net{{{gW1_00 * inv_m, gW1_01 * inv_m},
                 {gW1_10 * inv_m, gW1_11 * inv_m},
                 {gW1_20 * inv_m, gW1_21 * inv_m}},
                {gb1_0 * inv_m, gb1_1 * inv_m, gb1_2 * inv_m},
                {{gW2_00 * inv_m, gW2_01 * inv_m, gW2_02 * inv_m},
                 {gW2_10 * inv_m, gW2_11 * inv_m, gW2_12 * inv_m}},
                {gb2_0 * inv_m, gb2_1 * inv_m},
                {gW3_0 * inv_m, gW3_1 * inv_m},
                gb3 * inv_m};
  accuracy = correct * inv_m;
  return -cost * inv_m;
}

void step(Net& n, const Net& g, double alpha) {
  for (int k = 0; k < 3; ++k) {
    for (int j = 0; j < 2; ++j)
      n.W1[k][j] -= alpha * g.W1[k][j];
    n.b1[k] -= alpha * g.b1[k];
  }
  for (int i = 0; i < 2; ++i) {
    for (int k = 0; k < 3; ++k)
      n.W2[i][k] -= alpha * g.W2[i][k];
    n.b2[i] -= alpha * g.b2[i];
    n.W3[i] -= alpha * g.W3[i];
  }
  n.b3 -= alpha * g.b3;
}

} // namespace

int main(int argc, char** argv) {
  nnlab::use_better_blas_kernels(argv); // as the runner does
  std::vector<std::string> args(argv + 1, argv + argc);
  std::size_t iterations = 5000;
  double alpha = 0.05;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--iterations" && i + 1 < args.size())
      iterations = std::stoul(args[++i]);
    else if (args[i] == "--alpha" && i + 1 < args.size())
      alpha = std::stod(args[++i]);
    else
      files.push_back(args[i]);
  }
  if (files.size() != 4) {
    std::cerr << "usage: fused_xor TRAIN.csv TEST.csv WEIGHTS.csv OUT.json [--iterations N] "
                 "[--alpha A]\n";
    return 2;
  }
  try {
    const Samples train = read_samples(files[0]), test = read_samples(files[1]);
    Net net = read_net(files[2]), grad{};
    nnlab_bench::BenchResult result;
    result.impl = "fused_xor";
    nnlab_bench::IterationClock clock(iterations);
    double accuracy_train = 0, accuracy_test = 0;
    for (std::size_t t = 0; t < iterations; ++t) {
      clock.tick();
      result.cost_test = sweep<false>(net, test, nullptr, accuracy_test);
      result.cost_train = sweep<true>(net, train, &grad, accuracy_train);
      step(net, grad, alpha);
    }
    clock.tick();
    result.iteration_s = clock.times();
    result.total_train_s = 0;
    for (const double s : result.iteration_s)
      result.total_train_s += s;
    nnlab_bench::write_json(result, files[3]);
  } catch (const std::exception& e) {
    std::cerr << "fused_xor: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
