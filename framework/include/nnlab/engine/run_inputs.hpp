#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "nnlab/config/run_config.hpp"
#include "nnlab/export.hpp"
#include "nnlab/plugin/registry.hpp"
#include "nnlab/storage/run_record.hpp"
#include "nnlab/yaml/config_node.hpp"

namespace nnlab {

/// A file a run names that cannot be hashed now.
struct UnreadableInput {
  std::string name;  ///< as in RunInputs::files
  std::string why;   ///< "is missing", "is a folder, not a file", "cannot be read (...)"
  std::string error; ///< the one-line error: "x.yaml:2:31: dataset.train: <file> is missing"
};

/// What a run reads and runs, each with its SHA-256 now: what RunRecord::inputs and
/// RunRecord::libraries of the run would be if it trained now.
struct RunInputs {
  /// Each file by the path the experiment wrote (relative to its folder, or absolute):
  /// every `path` parameter of the run's dataset, loss and optimizer blocks
  /// (ParamType::path: declared by the plugin, never guessed) and model.init's weights
  /// file. A file that cannot be hashed has an empty hash and is in `unreadable`.
  HashList files;
  /// "core" (libnnlab), then "dataset/<name>", "loss/<name>", "optimizer/<name>".
  HashList libraries;
  std::vector<UnreadableInput> unreadable;
};

/// Gives runs their RunInputs, hashing each file (data, weights, library) once however
/// many runs use it: once per sweep. Runs with the same inputs share one RunInputs. Not
/// thread-safe (RunPreparer calls it under its lock).
class NNLAB_EXPORT InputHasher {
public:
  explicit InputHasher(Registry& registry) : registry_(registry) {}

  /// The inputs of the run with this resolved config (RunSpec::resolve). Plugin errors as
  /// the Registry throws them (an unknown plugin, a bad parameter); a file that cannot be
  /// hashed is in `unreadable`, never an exception.
  std::shared_ptr<const RunInputs> inputs_of(const ConfigNode& config, const RunConfig& parsed);

private:
  struct Hashed {
    std::string sha256; ///< empty when it cannot be read
    std::string why;    ///< why not
  };
  std::shared_ptr<const RunInputs> find_inputs(const ConfigNode& config, const RunConfig& parsed);
  const Hashed& hash(const std::filesystem::path& file);
  void add_file(RunInputs& inputs, const std::string& written, const std::filesystem::path& file,
                const std::string& where);

  Registry& registry_;
  std::map<std::filesystem::path, Hashed> files_;
  std::map<std::string, std::shared_ptr<const RunInputs>> shared_;    ///< by content
  std::map<std::string, std::shared_ptr<const RunInputs>> by_blocks_; ///< by config blocks
};

/// Throws DataError with the first unreadable file's error (for a run about to train: it
/// must not be stored as if it read what is not there).
NNLAB_EXPORT void require_readable(const RunInputs& inputs);

} // namespace nnlab
