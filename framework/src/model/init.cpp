#include "nnlab/model/init.hpp"

#include <cmath>
#include <functional>

#include "nnlab/core/error.hpp"
#include "nnlab/core/numpy_legacy_random.hpp"
#include "nnlab/model/weights_file.hpp"

namespace nnlab {

namespace {

using Kind = InitSpec::Kind;

struct Named {
  Kind kind;
  const char* name;
};
constexpr Named table[] = {{Kind::uniform, "uniform"},
                           {Kind::normal, "normal"},
                           {Kind::xavier_uniform, "xavier_uniform"},
                           {Kind::xavier_normal, "xavier_normal"},
                           {Kind::he_uniform, "he_uniform"},
                           {Kind::he_normal, "he_normal"},
                           {Kind::numpy_legacy, "numpy_legacy"},
                           {Kind::file, "file"}};

// A draw for one entry of a layer with fan_in inputs and fan_out units.
using Draw = std::function<double(arma::uword fan_in, arma::uword fan_out)>;

// Every W (row by row, as NumPy fills an array), then every b (zeros without `bias`).
void fill(Mlp& mlp, const Draw& weight, const Draw& bias) {
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l) {
    arma::mat& W = mlp.layer(l).W();
    for (arma::uword r = 0; r < W.n_rows; ++r)
      for (arma::uword c = 0; c < W.n_cols; ++c)
        W(r, c) = weight(W.n_cols, W.n_rows);
  }
  for (arma::uword l = 1; l <= mlp.n_layers(); ++l)
    for (double& value : mlp.layer(l).b())
      value = bias ? bias(0, 0) : 0.0;
}

// Every W and b from the spec's file; what is wrong with the file is a configuration error
// at model.init.path.
void read_file(Mlp& mlp, const InitSpec& spec) {
  try {
    load_weights_file(mlp, spec.path, spec.group);
  } catch (const DataError& e) {
    const std::string at = spec.path_at.file.empty() ? "" : spec.path_at.str() + ": ";
    throw ConfigError(at + "model.init.path: " + e.what());
  }
}

} // namespace

std::optional<InitSpec::Kind> init_kind_from(std::string_view name) {
  for (const auto& entry : table)
    if (name == entry.name) return entry.kind;
  return std::nullopt;
}

std::vector<std::string> init_kind_names() {
  std::vector<std::string> names;
  for (const auto& entry : table)
    names.emplace_back(entry.name);
  return names;
}

void initialize(Mlp& mlp, const InitSpec& spec, Rng& rng) {
  const auto sum = [](arma::uword in, arma::uword out) { return static_cast<double>(in + out); };
  switch (spec.kind) {
  case Kind::uniform: {
    const Draw draw = [&](arma::uword, arma::uword) { return rng.uniform(spec.low, spec.high); };
    fill(mlp, draw, draw);
    return;
  }
  case Kind::normal: {
    const Draw draw = [&](arma::uword, arma::uword) { return spec.mean + spec.std * rng.normal(); };
    fill(mlp, draw, draw);
    return;
  }
  case Kind::xavier_uniform:
    fill(mlp, Draw([&](arma::uword in, arma::uword out) {
           const double r = std::sqrt(6.0 / sum(in, out));
           return rng.uniform(-r, r);
         }),
         Draw());
    return;
  case Kind::xavier_normal:
    fill(mlp, Draw([&](arma::uword in, arma::uword out) {
           return std::sqrt(2.0 / sum(in, out)) * rng.normal();
         }),
         Draw());
    return;
  case Kind::he_uniform:
    fill(mlp, Draw([&](arma::uword in, arma::uword) {
           const double r = std::sqrt(6.0 / static_cast<double>(in));
           return rng.uniform(-r, r);
         }),
         Draw());
    return;
  case Kind::he_normal:
    fill(mlp, Draw([&](arma::uword in, arma::uword) {
           return std::sqrt(2.0 / static_cast<double>(in)) * rng.normal();
         }),
         Draw());
    return;
  case Kind::numpy_legacy: {
    NumpyLegacyRandom numpy(static_cast<std::uint32_t>(spec.seed));
    const Draw draw = [&](arma::uword, arma::uword) { return numpy.random(); };
    fill(mlp, draw, draw);
    return;
  }
  case Kind::file: read_file(mlp, spec); return;
  }
}

void check_init(const InitSpec& spec, const Architecture& arch) {
  if (spec.kind != Kind::file) return; // the other kinds cannot fail
  Mlp probe(arch);
  Rng unused(0);
  initialize(probe, spec, unused);
}

} // namespace nnlab
