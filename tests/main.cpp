// The test runner: Catch2's session, with Armadillo's generator seeded from Catch's
// --rng-seed so a failing randomised case can be replayed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <armadillo>

int main(int argc, char* argv[]) {
  Catch::Session session;
  if (const int status = session.applyCommandLine(argc, argv); status != 0) return status;
  arma::arma_rng::set_seed(session.config().rngSeed());
  return session.run();
}
