// The machine's double-precision matrix-product rate on one core: C = A B for square
// matrices through Armadillo and OpenBLAS (one thread), best of several repeats per size.
// W3's achieved GFLOP/s is compared with the best of these.
// With --net, also the time of one iteration's matrix products alone for that net (its
// layers' widths, inputs first) over TRAIN and TEST samples: the GEMMs of the wide layers
// exactly as nnlab calls them (z += W a_prev on both sets; dW = delta a_prev^T and
// dA_prev = W^T delta on the train set), best of the repeats. A W3 that did nothing else
// could reach its flops over that time at best.
//   dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5] [--net 2,256,256,256,1
//                       --train 10000 --test 2500]
#include <algorithm>
#include <armadillo>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "nnlab/core/blas_kernels.hpp"
#include "nnlab/core/blas_threads.hpp"

namespace {

std::vector<arma::uword> parse_list(const std::string& text) {
  std::vector<arma::uword> values;
  std::istringstream list(text);
  for (std::string value; std::getline(list, value, ',');)
    values.push_back(std::stoul(value));
  return values;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// One iteration's GEMMs (layers with more than 8 inputs and outputs, nnlab's thin limit)
/// on buffers of the net's shapes, best of `repeats`, in seconds.
double net_gemm_seconds(const std::vector<arma::uword>& widths, arma::uword m_train,
                        arma::uword m_test, int repeats) {
  constexpr arma::uword thin = 8;
  struct Layer {
    arma::mat W, a_prev_train, a_prev_test, z_train, z_test, delta, dW, dA_prev;
  };
  std::vector<Layer> layers;
  for (std::size_t l = 1; l < widths.size(); ++l) {
    const arma::uword n_in = widths[l - 1], n_out = widths[l];
    if (n_in <= thin || n_out <= thin) continue;
    layers.push_back(
        {arma::mat(n_out, n_in, arma::fill::randu), arma::mat(n_in, m_train, arma::fill::randu),
         arma::mat(n_in, m_test, arma::fill::randu), arma::mat(n_out, m_train, arma::fill::zeros),
         arma::mat(n_out, m_test, arma::fill::zeros), arma::mat(n_out, m_train, arma::fill::randu),
         arma::mat(n_out, n_in), arma::mat(n_in, m_train)});
  }
  double best = 1e300;
  for (int r = 0; r <= repeats; ++r) { // the first is a warm-up
    const auto start = std::chrono::steady_clock::now();
    for (Layer& L : layers) {
      L.z_test += L.W * L.a_prev_test;
      L.z_train += L.W * L.a_prev_train;
      L.dW = L.delta * L.a_prev_train.t();
      L.dA_prev = L.W.t() * L.delta;
    }
    if (r > 0) best = std::min(best, seconds_since(start));
  }
  return best;
}

} // namespace

int main(int argc, char** argv) {
  nnlab::use_better_blas_kernels(argv); // as the runner does
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<arma::uword> sizes{512, 1024, 2048};
  int repeats = 5;
  std::vector<arma::uword> net;
  arma::uword m_train = 0, m_test = 0;
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--sizes" && i + 1 < args.size()) {
      sizes = parse_list(args[++i]);
    } else if (args[i] == "--net" && i + 1 < args.size()) {
      net = parse_list(args[++i]);
    } else if (args[i] == "--train" && i + 1 < args.size()) {
      m_train = std::stoul(args[++i]);
    } else if (args[i] == "--test" && i + 1 < args.size()) {
      m_test = std::stoul(args[++i]);
    } else if (args[i] == "--repeats" && i + 1 < args.size()) {
      repeats = std::stoi(args[++i]);
    } else {
      out = args[i];
    }
  }
  if (out.empty()) {
    std::cerr << "usage: dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5] "
                 "[--net 2,256,256,256,1 --train 10000 --test 2500]\n";
    return 2;
  }
  nnlab::set_blas_threads(1);
  arma::arma_rng::set_seed(1);
  double peak = 0.0;
  std::ostringstream by_size;
  for (const arma::uword n : sizes) {
    const arma::mat A(n, n, arma::fill::randu), B(n, n, arma::fill::randu);
    arma::mat C = A * B; // warm-up: page faults, OpenBLAS buffers
    double best = 0.0;
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      C = A * B;
      const double s = seconds_since(start);
      best = std::max(best, 2.0 * static_cast<double>(n * n * n) / s / 1e9);
    }
    by_size << (by_size.tellp() > 0 ? ", " : "") << "\"" << n << "\": " << best;
    peak = std::max(peak, best);
  }
  std::ofstream json(out);
  json << "{\"impl\": \"dgemm\", \"gflops\": " << peak << ", \"by_size\": {" << by_size.str()
       << "}";
  if (!net.empty()) json << ", \"net_gemm_s\": " << net_gemm_seconds(net, m_train, m_test, repeats);
  // The kernels chosen for this CPU, which the benchmark gives the peers too.
  const char* kernels = std::getenv("OPENBLAS_CORETYPE");
  json << ", \"openblas_coretype\": \"" << (kernels ? kernels : "") << "\"";
  json << "}\n";
  if (!json.flush()) {
    std::cerr << "dgemm_peak: error: " << out << ": cannot write\n";
    return 1;
  }
  return 0;
}
