#include <catch2/catch.hpp>

#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

using Catch::Matchers::Contains;

namespace {

nnlab::RunConfig parse(const std::string& model, const std::string& training = "{iterations: 10}",
                       const std::string& optimizer = "{plugin: sgd, learning_rate: 0.05}") {
  const std::string text = "dataset: {plugin: csv, train: a.csv}\nmodel: " + model +
                           "\nloss: {plugin: binary_cross_entropy}\noptimizer: " + optimizer +
                           "\ntraining: " + training + "\nseed: 1\n";
  return nnlab::parse_run_config(nnlab::parse_yaml(text, "r.yaml"), "/base");
}

} // namespace

TEST_CASE("RunConfig: reads a course run", "[config][run]") {
  const auto run = parse("{layers: [3, 2, 1], hidden_activation: tanh, "
                         "init: {kind: uniform, low: 0.0, high: 1.0}}");
  CHECK(run.model.layers == std::vector<arma::uword>{3, 2, 1});
  CHECK(run.model.hidden.kind() == nnlab::Activation::Kind::tanh);
  CHECK(run.model.output.kind() == nnlab::Activation::Kind::sigmoid);
  CHECK(run.training.iterations == 10);
  CHECK(run.training.learning_rate == 0.05);
  CHECK(run.optimizer.name == "sgd");
  CHECK(run.optimizer.params.entries().empty()); // learning_rate is the core's
  CHECK(run.dataset.params.find("train") != nullptr);
  CHECK(run.dataset.base_dir == "/base");
}

TEST_CASE("RunConfig: several outputs default to softmax", "[config][run]") {
  CHECK(parse("{layers: [4, 3]}").model.output.kind() == nnlab::Activation::Kind::softmax);
}

TEST_CASE("RunConfig: out-of-range and misspelt values are errors with their place",
          "[config][run]") {
  using Row = std::tuple<std::string, std::string, std::string, std::string>;
  const auto [model, training, optimizer,
              expected] = GENERATE(table<std::string, std::string, std::string, std::string>({
      Row{"{layers: []}", "{iterations: 10}", "{plugin: sgd, learning_rate: 1}",
          "model.layers: expected a non-empty list of layer sizes"},
      Row{"{layers: [3, 0, 1]}", "{iterations: 10}", "{plugin: sgd, learning_rate: 1}",
          "r.yaml:2:21: model.layers[1]: expected a layer size of at least 1, got '0'"},
      Row{"{layers: [3, 1], hidden_activation: softmax}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "(softmax is for the output layer only)"},
      Row{"{layers: [3, 1], output_activation: softmax}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "expected sigmoid for a single output"},
      Row{"{layers: [3, 1], hidden_activation: relux}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "expected one of identity, leaky_relu, relu, sigmoid, tanh, got 'relux'"},
      Row{"{layers: [3, 1], hidden_activation: {kind: relu, slope: 0.1}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.hidden_activation.slope: expected no slope: only leaky_relu has one"},
      Row{"{layers: [3, 1], hidden_activation: {kind: leaky_relu, slope: 1.5}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.hidden_activation.slope: expected a number in [0, 1), got '1.5'"},
      Row{"{layers: [3, 1], activations: [relu]}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.activations: expected a list of 2 activations, one per layer of model.layers"},
      Row{"{layers: [3, 1], activations: [relu, sigmoid], hidden_activation: tanh}",
          "{iterations: 10}", "{plugin: sgd, learning_rate: 1}",
          "model.hidden_activation: expected no hidden_activation beside model.activations"},
      Row{"{layers: [3, 2], activations: [softmax, softmax]}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.activations[0]: expected one of identity, leaky_relu, relu, sigmoid, tanh "
          "(softmax is for the output layer only)"},
      Row{"{layers: [3, 1], activations: [relu, softmax]}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.activations[1]: expected sigmoid for a single output"},
      Row{"{layers: [3, 1], init: {kind: glorot}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.init.kind: expected one of file, he_normal, he_uniform, normal, numpy_legacy, "
          "uniform, xavier_normal, xavier_uniform, got 'glorot'"},
      Row{"{layers: [3, 1], init: {kind: file}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "model.init: missing key 'path'"},
      Row{"{layers: [3, 1], init: {kind: file, path: w.txt}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "r.yaml:2:50: model.init.path: expected an HDF5 (.h5, .hdf5) or CSV (.csv) weights "
          "file, got 'w.txt'"},
      Row{"{layers: [3, 1], init: {kind: file, path: w.csv, group: /a}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.init.group: expected no group: only an HDF5 file has groups"},
      Row{"{layers: [3, 1], init: {kind: file, path: w.h5, low: 0}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.init.low: unknown key; known: group, kind, path"},
      Row{"{layers: [3, 1], init: {kind: normal, std: 0}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "model.init.std: expected a number > 0, got '0'"},
      Row{"{layers: [3, 1], init: {kind: xavier_uniform, low: -1}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "model.init.low: unknown key; known: kind"},
      Row{"{layers: [3, 1], init: {kind: normal, low: -1}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "model.init.low: unknown key; known: kind, mean, std"},
      Row{"{layers: [3, 1], init: {low: 1, high: 0}}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}", "model.init: expected low < high"},
      Row{"{layers: [3, 1], precision: float16}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "r.yaml:2:36: model.precision: expected one of float32, float64, got 'float16'"},
      Row{"{layers: [3, 1], precison: float32}", "{iterations: 10}",
          "{plugin: sgd, learning_rate: 1}",
          "model.precison: unknown key; did you mean 'precision'?"},
      Row{"{layers: [3, 1]}", "{iterations: 0}", "{plugin: sgd, learning_rate: 1}",
          "training.iterations: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{iterations: 10}", "{plugin: sgd, learning_rate: -0.1}",
          "optimizer.learning_rate: expected a number > 0, got '-0.1'"},
      Row{"{layers: [3, 1]}", "{iterations: 10}", "{plugin: sgd}",
          "optimizer: missing key 'learning_rate'"},
      Row{"{layers: [3, 1]}", "{iterations: 10}", "{plugin: ../evil, learning_rate: 1}",
          "optimizer.plugin: expected a plugin name (a-z, 0-9 and _ only)"},
      Row{"{layers: [3, 1]}", "{iterations: 10, epoch: 3}", "{plugin: sgd, learning_rate: 1}",
          "r.yaml:5:28: training.epoch: unknown key; did you mean 'epochs'? known: batch_size, "
          "checkpoint_every, clip_norm, early_stopping, epochs, iterations, lr_schedule, "
          "shuffle, weight_decay"},
      Row{"{layers: [3, 1]}", "{iterations: 10, epochs: 3}", "{plugin: sgd, learning_rate: 1}",
          "r.yaml:5:36: training.epochs: expected no epochs beside training.iterations (one or "
          "the other), got '3'"},
      Row{"{layers: [3, 1]}", "{batch_size: 3}", "{plugin: sgd, learning_rate: 1}",
          "training: expected training.iterations (number of updates) or training.epochs"},
      Row{"{layers: [3, 1]}", "{epochs: 0}", "{plugin: sgd, learning_rate: 1}",
          "training.epochs: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{epochs: 2, batch_size: 0}", "{plugin: sgd, learning_rate: 1}",
          "training.batch_size: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{epochs: 2, shuffle: maybe}", "{plugin: sgd, learning_rate: 1}",
          "training.shuffle: expected true or false"},
      Row{"{layers: [3, 1]}", "{iterations: 10, weight_decay: -0.1}",
          "{plugin: sgd, learning_rate: 1}",
          "training.weight_decay: expected a number >= 0, got '-0.1'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, clip_norm: 0}", "{plugin: sgd, learning_rate: 1}",
          "training.clip_norm: expected a number > 0, got '0'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: cosine}",
          "{plugin: sgd, learning_rate: 1}",
          "r.yaml:5:41: training.lr_schedule: expected one of adaptive, constant, exponential, "
          "invscaling, step, got 'cosine'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {drop: 0.5}}",
          "{plugin: sgd, learning_rate: 1}", "training.lr_schedule: missing key 'kind'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {kind: step, drop: 2}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.lr_schedule.drop: expected a number in (0, 1], got '2'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {kind: step, every: 0}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.lr_schedule.every: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {kind: exponential, drop: 0.5}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.lr_schedule.drop: unknown key; known: gamma, kind"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {kind: invscaling, power_t: -1}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.lr_schedule.power_t: expected a number >= 0, got '-1'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, lr_schedule: {kind: adaptive, monitor: loss}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.lr_schedule.monitor: expected one of accuracy_test, accuracy_train, "
          "cost_test, cost_train, got 'loss'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, checkpoint_every: 0}",
          "{plugin: sgd, learning_rate: 1}",
          "r.yaml:5:46: training.checkpoint_every: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, checkpoint_every: 2.5}",
          "{plugin: sgd, learning_rate: 1}", "training.checkpoint_every: expected an integer"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: 5}",
          "{plugin: sgd, learning_rate: 1}",
          "training.early_stopping: expected a map such as {patience: 20, min_delta: 0.001}"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: {min_delta: 0.1}}",
          "{plugin: sgd, learning_rate: 1}", "training.early_stopping: missing key 'patience'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: {patience: 0}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.early_stopping.patience: expected an integer of at least 1, got '0'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: {patience: 5, min_delta: -1}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.early_stopping.min_delta: expected a number >= 0, got '-1'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: {patience: 5, monitor: cost}}",
          "{plugin: sgd, learning_rate: 1}",
          "training.early_stopping.monitor: expected one of accuracy_test, accuracy_train, "
          "cost_test, cost_train, got 'cost'"},
      Row{"{layers: [3, 1]}", "{iterations: 10, early_stopping: {patience: 5, patiense: 6}}",
          "{plugin: sgd, learning_rate: 1}",
          "r.yaml:5:58: training.early_stopping.patiense: unknown key; did you mean "
          "'patience'? known: min_delta, monitor, patience"},
  }));
  CAPTURE(model, training, optimizer);
  REQUIRE_THROWS_AS(parse(model, training, optimizer), nnlab::ConfigError);
  REQUIRE_THROWS_WITH(parse(model, training, optimizer), Contains(expected));
}

TEST_CASE("RunConfig: reads checkpoints and early stopping, with their defaults", "[config][run]") {
  const auto plain = parse("{layers: [3, 1]}");
  CHECK(plain.training.checkpoint_every == 0);
  CHECK_FALSE(plain.training.early_stopping.has_value());

  const auto run = parse("{layers: [3, 1]}",
                         "{iterations: 10, checkpoint_every: 4, early_stopping: {patience: 7}}");
  CHECK(run.training.checkpoint_every == 4);
  REQUIRE(run.training.early_stopping.has_value());
  CHECK(run.training.early_stopping->patience == 7);
  CHECK(run.training.early_stopping->min_delta == 0.0);
  CHECK(run.training.early_stopping->monitor == nnlab::Monitor("cost_test"));

  const auto upward = parse(
      "{layers: [3, 1]}",
      "{iterations: 10, early_stopping: {patience: 2, min_delta: 0.01, monitor: accuracy_train}}");
  CHECK(upward.training.early_stopping->min_delta == 0.01);
  CHECK(upward.training.early_stopping->monitor == nnlab::Monitor("accuracy_train"));
}

TEST_CASE("RunConfig: reads mini-batches, epochs, schedules, weight decay and clipping",
          "[config][run]") {
  using Kind = nnlab::LrScheduleSettings::Kind;
  const auto plain = parse("{layers: [3, 1]}");
  CHECK(plain.training.batch_size == 0);
  CHECK(plain.training.shuffle);
  CHECK_FALSE(plain.training.epochs.has_value());
  CHECK(plain.training.lr_schedule.kind == Kind::constant);
  CHECK(plain.training.weight_decay == 0.0);
  CHECK(plain.training.clip_norm == 0.0);

  const auto run =
      parse("{layers: [3, 1]}", "{epochs: 20, batch_size: 32, shuffle: false, weight_decay: 0.001, "
                                "clip_norm: 5, lr_schedule: {kind: step, drop: 0.1, every: 300}}");
  REQUIRE(run.training.epochs.has_value());
  CHECK(*run.training.epochs == 20);
  CHECK(run.training.batch_size == 32);
  CHECK_FALSE(run.training.shuffle);
  CHECK(run.training.weight_decay == 0.001);
  CHECK(run.training.clip_norm == 5.0);
  CHECK(run.training.lr_schedule.kind == Kind::step);
  CHECK(run.training.lr_schedule.drop == 0.1);
  CHECK(run.training.lr_schedule.every == 300);

  CHECK(parse("{layers: [3, 1]}", "{iterations: 5, lr_schedule: invscaling}")
            .training.lr_schedule.power_t == 0.5);
  const auto adaptive = parse(
      "{layers: [3, 1]}", "{iterations: 5, lr_schedule: {kind: adaptive, patience: 4, tol: 0.0, "
                          "monitor: cost_test}}");
  CHECK(adaptive.training.lr_schedule.kind == Kind::adaptive);
  CHECK(adaptive.training.lr_schedule.patience == 4);
  CHECK(adaptive.training.lr_schedule.tol == 0.0);
  CHECK(adaptive.training.lr_schedule.monitor == nnlab::Monitor("cost_test"));
  CHECK(parse("{layers: [3, 1]}", "{iterations: 5, lr_schedule: {kind: exponential, gamma: 0.9}}")
            .training.lr_schedule.gamma == 0.9);
}

TEST_CASE("RunConfig: activations per layer or by shorthand, with leaky_relu's slope",
          "[config][run]") {
  using Kind = nnlab::Activation::Kind;
  const auto listed =
      parse("{layers: [4, 3, 1], activations: [relu, {kind: leaky_relu, slope: 0.2}, sigmoid]}");
  REQUIRE(listed.model.per_layer.size() == 3);
  const auto arch = listed.model.architecture(2);
  CHECK(arch.activation(1).kind() == Kind::relu);
  CHECK(arch.activation(2).kind() == Kind::leaky_relu);
  CHECK(arch.activation(2).slope() == 0.2);
  CHECK(arch.activation(3).kind() == Kind::sigmoid);
  const auto shorthand = parse(
      "{layers: [4, 3, 2], hidden_activation: {kind: leaky_relu}, output_activation: identity}");
  CHECK(shorthand.model.architecture(2).activation(2).slope() == nnlab::Activation::default_slope);
  CHECK(shorthand.model.architecture(2).activation(3).kind() == Kind::identity);
}

TEST_CASE("RunConfig: init kinds and numpy_legacy's seed from the run", "[config][run]") {
  using Kind = nnlab::InitSpec::Kind;
  const auto normal = parse("{layers: [3, 1], init: {kind: normal, mean: 0.1, std: 0.5}}");
  CHECK(normal.model.init.kind == Kind::normal);
  CHECK(normal.model.init.mean == 0.1);
  CHECK(normal.model.init.std == 0.5);
  CHECK(parse("{layers: [3, 1], init: {kind: he_normal}}").model.init.kind == Kind::he_normal);
  const auto numpy = parse("{layers: [3, 1], init: {kind: numpy_legacy}}");
  CHECK(numpy.model.init.kind == Kind::numpy_legacy);
  CHECK(numpy.model.init.seed == 1); // the run's seed: parse() writes seed: 1
}

TEST_CASE("RunConfig: init file resolves its path against the experiment's folder",
          "[config][run]") {
  using Kind = nnlab::InitSpec::Kind;
  const auto csv = parse("{layers: [3, 1], init: {kind: file, path: ../w/start.csv}}");
  CHECK(csv.model.init.kind == Kind::file);
  CHECK(csv.model.init.path == "/w/start.csv"); // parse() reads from /base
  CHECK(csv.model.init.path_at.str() == "r.yaml:2:50");
  const auto h5 = parse("{layers: [3, 1], init: {kind: file, path: /abs/runs.h5, "
                        "group: /runs/ab12/weights}}");
  CHECK(h5.model.init.path == "/abs/runs.h5");
  CHECK(h5.model.init.group == "/runs/ab12/weights");
  CHECK(parse("{layers: [3, 1], init: {kind: file, path: w.hdf5}}").model.init.group == "/");
}
