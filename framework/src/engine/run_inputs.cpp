#include "nnlab/engine/run_inputs.hpp"

#include <system_error>

#include "nnlab/core/core_library.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/sha256.hpp"
#include "nnlab/plugin/plugin_config.hpp"

namespace nnlab {
namespace fs = std::filesystem;

namespace {

// How a run names a file: as written, relative to the experiment's folder (normalised:
// "./a/../b.csv" is "b.csv"), or absolute.
std::string input_name(const std::string& written) {
  return fs::path(written).lexically_normal().generic_string();
}

std::string text_of(const HashList& list) {
  std::string text;
  for (const auto& [name, sha256] : list)
    text += name + '\n' + sha256 + '\n';
  return text;
}

} // namespace

const InputHasher::Hashed& InputHasher::hash(const fs::path& file) {
  if (const auto it = files_.find(file); it != files_.end()) return it->second;
  Hashed hashed;
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found)
    hashed.why = "is missing";
  else if (fs::is_directory(status))
    hashed.why = "is a folder, not a file";
  else
    try {
      hashed.sha256 = sha256_file(file);
    } catch (const Error& e) {
      // sha256_file says "<file>: cannot read: why"; the file is named by the caller.
      const std::string text = e.what();
      const std::size_t at = text.rfind(": cannot read: ");
      hashed.why =
          "cannot be read (" + (at == std::string::npos ? text : text.substr(at + 15)) + ")";
    }
  return files_.emplace(file, hashed).first->second;
}

void InputHasher::add_file(RunInputs& inputs, const std::string& written, const fs::path& file,
                           const std::string& where) {
  const std::string name = input_name(written);
  for (const auto& [known, sha256] : inputs.files)
    if (known == name) return; // two keys naming one file: recorded once
  const Hashed& hashed = hash(file);
  inputs.files.emplace_back(name, hashed.sha256);
  if (hashed.sha256.empty())
    inputs.unreadable.push_back(
        {name, hashed.why, where + ": " + file.string() + " " + hashed.why});
}

std::shared_ptr<const RunInputs> InputHasher::inputs_of(const ConfigNode& config,
                                                        const RunConfig& parsed) {
  // Runs of a sweep mostly differ in what reads no file (learning rates, seeds): the
  // blocks that may name files, and the folder they resolve in, decide.
  std::string blocks_text = parsed.dataset.base_dir.string();
  for (const char* key : {"dataset", "loss", "optimizer"})
    if (const ConfigNode* block = config.find(key)) blocks_text += '\n' + block->canonical();
  if (const ConfigNode* model = config.find("model"))
    if (const ConfigNode* init = model->find("init")) blocks_text += '\n' + init->canonical();
  if (const auto it = by_blocks_.find(blocks_text); it != by_blocks_.end()) return it->second;
  return by_blocks_.emplace(blocks_text, find_inputs(config, parsed)).first->second;
}

std::shared_ptr<const RunInputs> InputHasher::find_inputs(const ConfigNode& config,
                                                          const RunConfig& parsed) {
  RunInputs inputs;
  const std::pair<PluginKind, const PluginBlock*> blocks[] = {
      {PluginKind::dataset, &parsed.dataset},
      {PluginKind::loss, &parsed.loss},
      {PluginKind::optimizer, &parsed.optimizer}};
  for (const auto& [kind, block] : blocks)
    for (const PluginConfig::File& file : registry_.config(kind, *block).files())
      add_file(inputs, file.written, file.path,
               file.at.str() + ": " + block->path + "." + file.key);
  const InitSpec& init = parsed.model.init;
  if (init.kind == InitSpec::Kind::file) {
    const ConfigNode* model = config.find("model");
    const ConfigNode* block = model ? model->find("init") : nullptr;
    const ConfigNode* path = block ? block->find("path") : nullptr;
    add_file(inputs, path ? path->text() : init.path.string(), init.path,
             init.path_at.str() + ": model.init.path");
  }

  inputs.libraries.emplace_back("core", hash(core_library_file()).sha256);
  for (const auto& [kind, block] : blocks)
    inputs.libraries.emplace_back(to_string(kind) + "/" + block->name,
                                  hash(registry_.file_of(kind, block->name)).sha256);

  const std::string key = text_of(inputs.files) + text_of(inputs.libraries);
  if (const auto it = shared_.find(key); it != shared_.end()) return it->second;
  return shared_.emplace(key, std::make_shared<const RunInputs>(std::move(inputs))).first->second;
}

void require_readable(const RunInputs& inputs) {
  if (!inputs.unreadable.empty()) throw DataError(inputs.unreadable.front().error);
}

} // namespace nnlab
