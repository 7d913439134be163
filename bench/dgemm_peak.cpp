// The machine's matrix-product rate on one core: C = A B for square matrices through
// Armadillo and OpenBLAS (one thread), best of several repeats per size, in double (DGEMM)
// or, with --precision float32, in single precision (SGEMM). W3's achieved GFLOP/s is
// compared with the best of these.
// With --net, also the time of one iteration's matrix products alone for that net (its
// layers' widths, inputs first) over TRAIN and TEST samples: the GEMMs of the wide layers
// exactly as nnlab calls them (z += W a_prev on both sets; dW = delta a_prev^T and
// dA_prev = W^T delta on the train set), best of the repeats. A W3 that did nothing else
// could reach its flops over that time at best. Timed twice: each product over all the
// samples at once, and panel by panel at the width nnlab's PanelPass takes for this net in
// that precision.
//   dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5] [--precision float32]
//                       [--net 2,256,256,256,1 --train 10000 --test 2500]
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
#include "nnlab/model/mlp.hpp"
#include "nnlab/model/panel_pass.hpp"

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
/// on buffers of the net's shapes, best of `repeats`, in seconds. With a `panel` width, as
/// nnlab's PanelPass takes them: the samples `panel` columns at a time, each panel through
/// every layer forward and back on buffers one panel wide that the next panel reuses.
/// Without (0), each product over all the samples at once.
template <class T>
double net_gemm_seconds(const std::vector<arma::uword>& widths, arma::uword m_train,
                        arma::uword m_test, arma::uword panel, int repeats) {
  using Mat = arma::Mat<T>;
  constexpr arma::uword thin = 8;
  const arma::uword width = panel > 0 ? panel : std::max(m_train, m_test);
  struct Layer {
    Mat W, a_prev, z, delta, dW, dA_prev;
  };
  std::vector<Layer> layers;
  for (std::size_t l = 1; l < widths.size(); ++l) {
    const arma::uword n_in = widths[l - 1], n_out = widths[l];
    if (n_in <= thin || n_out <= thin) continue;
    layers.push_back({Mat(n_out, n_in, arma::fill::randu), Mat(n_in, width, arma::fill::randu),
                      Mat(n_out, width, arma::fill::zeros), Mat(n_out, width, arma::fill::randu),
                      Mat(n_out, n_in, arma::fill::zeros), Mat(n_in, width)});
  }
  // The first n columns of M, a view on its memory as the Workspace's panels are.
  const auto cols = [](Mat& M, arma::uword n) { return Mat(M.memptr(), M.n_rows, n, false, true); };
  // The passes over m samples, a panel of n at a time.
  const auto passes = [&](arma::uword m, bool train) {
    for (arma::uword first = 0; first < m; first += width) {
      const arma::uword n = std::min(width, m - first);
      for (Layer& L : layers) {
        Mat z = cols(L.z, n);
        z += L.W * cols(L.a_prev, n);
      }
      if (!train) continue;
      for (auto L = layers.rbegin(); L != layers.rend(); ++L) {
        Mat dA_prev = cols(L->dA_prev, n);
        const Mat a_prev = cols(L->a_prev, n), delta = cols(L->delta, n);
        L->dW += delta * a_prev.t();
        dA_prev = L->W.t() * delta;
      }
    }
  };
  double best = 1e300;
  for (int r = 0; r <= repeats; ++r) { // the first is a warm-up
    const auto start = std::chrono::steady_clock::now();
    passes(m_test, false);
    passes(m_train, true);
    if (r > 0) best = std::min(best, seconds_since(start));
  }
  return best;
}

/// nnlab's panel width for a tanh net of these widths in this precision
/// (PanelPass::panel_width).
arma::uword nnlab_panel(const std::vector<arma::uword>& widths, nnlab::Precision precision) {
  nnlab::Architecture arch;
  arch.n_inputs = widths.front();
  arch.layers.assign(widths.begin() + 1, widths.end());
  arch.precision = precision;
  return nnlab::PanelPass::panel_width(nnlab::Mlp(arch));
}

/// The best rate of C = A B over the square sizes, in GFLOP/s, and each size's.
template <class T>
double square_peak(const std::vector<arma::uword>& sizes, int repeats, std::ostream& by_size) {
  double peak = 0.0;
  for (const arma::uword n : sizes) {
    const arma::Mat<T> A(n, n, arma::fill::randu), B(n, n, arma::fill::randu);
    arma::Mat<T> C = A * B; // warm-up: page faults, OpenBLAS buffers
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
  return peak;
}

template <class T>
void net_times(std::ostream& json, const std::vector<arma::uword>& net, arma::uword m_train,
               arma::uword m_test, nnlab::Precision precision, int repeats) {
  const arma::uword panel = nnlab_panel(net, precision);
  json << ", \"net_gemm_s\": " << net_gemm_seconds<T>(net, m_train, m_test, 0, repeats)
       << ", \"net_panel\": " << panel
       << ", \"net_panel_gemm_s\": " << net_gemm_seconds<T>(net, m_train, m_test, panel, repeats);
}

} // namespace

int main(int argc, char** argv) {
  nnlab::use_better_blas_kernels(argv); // as the runner does
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<arma::uword> sizes{512, 1024, 2048};
  int repeats = 5;
  std::vector<arma::uword> net;
  arma::uword m_train = 0, m_test = 0;
  nnlab::Precision precision = nnlab::Precision::float64;
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
    } else if (args[i] == "--precision" && i + 1 < args.size()) {
      const auto chosen = nnlab::precision_from(args[++i]);
      if (!chosen) {
        std::cerr << "dgemm_peak: --precision: expected float32 or float64, got '" << args[i]
                  << "'\n";
        return 2;
      }
      precision = *chosen;
    } else {
      out = args[i];
    }
  }
  if (out.empty()) {
    std::cerr << "usage: dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5] "
                 "[--precision float32] [--net 2,256,256,256,1 --train 10000 --test 2500]\n";
    return 2;
  }
  nnlab::set_blas_threads(1);
  arma::arma_rng::set_seed(1);
  const bool single = precision == nnlab::Precision::float32;
  std::ostringstream by_size;
  const double peak = single ? square_peak<float>(sizes, repeats, by_size)
                             : square_peak<double>(sizes, repeats, by_size);
  std::ofstream json(out);
  json << "{\"impl\": \"" << (single ? "sgemm" : "dgemm") << "\", \"precision\": \""
       << nnlab::to_string(precision) << "\", \"gflops\": " << peak << ", \"by_size\": {"
       << by_size.str() << "}";
  if (!net.empty()) {
    if (single)
      net_times<float>(json, net, m_train, m_test, precision, repeats);
    else
      net_times<double>(json, net, m_train, m_test, precision, repeats);
  }
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
