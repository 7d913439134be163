#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "nnlab/config/sweep.hpp"
#include "nnlab/engine/thread_trainer.hpp"
#include "nnlab/yaml/yaml_source.hpp"
#include "support/plugins.hpp"

namespace {

const std::string tiny = R"(name: t
seed: 3
dataset: {plugin: xor, n_samples: 40}
model: {layers: [3, 1]}
loss: {plugin: binary_cross_entropy}
optimizer: {plugin: sgd, learning_rate: 0.1}
training: {iterations: 5}
repeats: 40
)";

std::vector<nnlab::RunSpec> expand(const std::string& text) {
  return nnlab::expand_sweep(
      nnlab::parse_experiment(nnlab::parse_yaml(text, "t.yaml"), "t.yaml", text));
}

} // namespace

TEST_CASE("ThreadTrainer: trains every run once, each built when a thread takes it",
          "[engine][trainer]") {
  const auto specs = expand(tiny);
  nnlab::RunPreparer preparer(nnlab::test::registry());
  nnlab::TrainRequest request{&specs, {}, &preparer, 3, false, {}, nullptr};
  for (const auto& spec : specs)
    request.runs.push_back(&spec);
  const auto trainer = nnlab::train_on_threads(std::move(request));
  std::set<std::string> ids;
  nnlab::FinishedRun finished;
  while (trainer->next(finished))
    ids.insert(finished.record.id);
  CHECK(ids.size() == 40);
  CHECK_FALSE(trainer->stopped_early());
}

TEST_CASE("ThreadTrainer: threads do not run ahead of the thread that takes the runs",
          "[engine][trainer]") {
  const auto specs = expand(tiny);
  nnlab::RunPreparer preparer(nnlab::test::registry());
  std::atomic<bool> stop = false;
  nnlab::TrainRequest request{&specs, {}, &preparer, 2, false, {}, &stop};
  for (const auto& spec : specs)
    request.runs.push_back(&spec);
  const auto trainer = nnlab::train_on_threads(std::move(request));
  // Nobody takes a run for a while (as when storing is slow): 40 tiny runs would all be
  // done by now, but each thread waits once `jobs` records are waiting.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  std::size_t taken = 0;
  nnlab::FinishedRun finished;
  while (trainer->next(finished))
    ++taken;
  CHECK(taken <= 4); // at most `jobs` waiting and one more per thread
  CHECK(trainer->stopped_early());
}
