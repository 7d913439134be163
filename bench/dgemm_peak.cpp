// The machine's double-precision matrix-product rate on one core: C = A B for square
// matrices through Armadillo and OpenBLAS (one thread), best of several repeats per size.
// W3's achieved GFLOP/s is compared with the best of these.
//   dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5]
#include <algorithm>
#include <armadillo>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "nnlab/core/blas_threads.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<arma::uword> sizes{512, 1024, 2048};
  int repeats = 5;
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--sizes" && i + 1 < args.size()) {
      sizes.clear();
      std::istringstream list(args[++i]);
      for (std::string size; std::getline(list, size, ',');)
        sizes.push_back(std::stoul(size));
    } else if (args[i] == "--repeats" && i + 1 < args.size()) {
      repeats = std::stoi(args[++i]);
    } else {
      out = args[i];
    }
  }
  if (out.empty()) {
    std::cerr << "usage: dgemm_peak OUT.json [--sizes 512,1024,2048] [--repeats 5]\n";
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
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::max(best, 2.0 * static_cast<double>(n * n * n) / s / 1e9);
    }
    by_size << (by_size.tellp() > 0 ? ", " : "") << "\"" << n << "\": " << best;
    peak = std::max(peak, best);
  }
  std::ofstream json(out);
  json << "{\"impl\": \"dgemm\", \"gflops\": " << peak << ", \"by_size\": {" << by_size.str()
       << "}}\n";
  if (!json.flush()) {
    std::cerr << "dgemm_peak: error: " << out << ": cannot write\n";
    return 1;
  }
  return 0;
}
