#include "nnlab/plugin/registry.hpp"

#include <algorithm>
#include <cstdlib>

#include <boost/dll/runtime_symbol_info.hpp>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/plugin_base.hpp"
#include "nnlab/plugin/plugin_config.hpp"

namespace fs = std::filesystem;

namespace nnlab {

namespace {

// nnlab_<kind>_<name>.so -> (kind, name); anything else is not ours.
std::optional<std::pair<PluginKind, std::string>> parse_file_name(const fs::path& file) {
  if (file.extension() != ".so") return std::nullopt;
  const std::string stem = file.stem().string();
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer}) {
    const std::string prefix = "nnlab_" + to_string(kind) + "_";
    if (stem.size() > prefix.size() && stem.compare(0, prefix.size(), prefix) == 0)
      return std::make_pair(kind, stem.substr(prefix.size()));
  }
  return std::nullopt;
}

std::string folder_list(const std::vector<fs::path>& folders) {
  std::string text;
  for (const auto& folder : folders)
    text += (text.empty() ? "" : ":") + folder.string();
  return text.empty() ? "(no folders)" : text;
}

// "x.yaml:5:21: optimizer.plugin: " (or "command line: ...") where the plugin was named;
// nothing when no place is known (runner list).
std::string located(const SourceLocation& at, std::string_view path, PluginKind kind) {
  if (at.file.empty()) return {};
  return at.str() + ": " + (path.empty() ? to_string(kind) : std::string(path)) + ".plugin: ";
}

} // namespace

Registry::Registry(std::vector<fs::path> folders) : folders_(std::move(folders)) {
  for (const auto& folder : folders_) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec))
      if (entry.is_regular_file(ec)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const auto parsed = parse_file_name(file);
      if (!parsed) continue;
      const auto [it, inserted] = files_.emplace(*parsed, file);
      if (!inserted && !fs::equivalent(it->second, file, ec))
        throw PluginError("plugin '" + parsed->second + "' (" + to_string(parsed->first) +
                          ") defined twice: " + it->second.string() + " and " + file.string());
    }
  }
}

Registry::~Registry() = default;

fs::path Registry::default_folder() {
  // Beside libnnlab, in the build tree and after install alike: <lib>/nnlab/plugins.
  const fs::path library(boost::dll::this_line_location().string());
  return (library.parent_path() / "nnlab" / "plugins").lexically_normal();
}

std::vector<fs::path> Registry::search_path(const std::vector<fs::path>& extra) {
  std::vector<fs::path> folders = extra;
  if (const char* env = std::getenv("NNLAB_PLUGIN_PATH")) {
    std::string list = env;
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t end = std::min(list.find(':', start), list.size());
      if (end > start) folders.emplace_back(list.substr(start, end - start));
      start = end + 1;
    }
  }
  folders.push_back(default_folder());
  std::vector<fs::path> unique;
  for (const auto& folder : folders) {
    const fs::path normal = fs::weakly_canonical(folder);
    if (std::find(unique.begin(), unique.end(), normal) == unique.end()) unique.push_back(normal);
  }
  return unique;
}

std::vector<std::string> Registry::names(PluginKind kind) const {
  std::vector<std::string> out;
  for (const auto& [key, file] : files_)
    if (key.first == kind) out.push_back(key.second);
  return out;
}

fs::path Registry::file_of(PluginKind kind, std::string_view name) const {
  const auto it = files_.find({kind, std::string(name)});
  return it == files_.end() ? fs::path() : it->second;
}

const std::shared_ptr<PluginLibrary>& Registry::library(PluginKind kind, std::string_view name,
                                                        const SourceLocation& at,
                                                        std::string_view path) {
  const std::pair<PluginKind, std::string> key{kind, std::string(name)};
  if (const auto it = loaded_.find(key); it != loaded_.end()) return it->second;
  const auto file = files_.find(key);
  if (file == files_.end()) {
    const std::vector<std::string> known = names(kind);
    std::string message = at.str() + ": " + (path.empty() ? to_string(kind) : std::string(path)) +
                          ".plugin: unknown " + to_string(kind) + " '" + std::string(name) + "'";
    if (const auto guess = closest_name(name, known))
      message += "; did you mean '" + *guess + "'?";
    else
      message += ";";
    throw ConfigError(message + " known: " + join_sorted(known) + " (searched " +
                      folder_list(folders_) + ")");
  }
  try {
    return loaded_.emplace(key, PluginLibrary::open(file->second)).first->second;
  } catch (const PluginError& e) {
    throw PluginError(located(at, path, kind) + e.what());
  }
}

const PluginDescription& Registry::describe(PluginKind kind, std::string_view name,
                                            const SourceLocation& at, std::string_view path) {
  return library(kind, name, at, path)->description();
}

PluginConfig Registry::config(PluginKind kind, const PluginBlock& block) {
  const auto& lib = library(kind, block.name, block.name_at, block.path);
  PluginConfig config(
      block.params, lib->description().params,
      {block.path, to_string(kind) + " '" + block.name + "'", block.base_dir, block.core_keys});
  config.validate();
  return config;
}

std::shared_ptr<Plugin> Registry::create(PluginKind kind, const PluginBlock& block) {
  const PluginConfig config = this->config(kind, block);
  const auto& lib = library(kind, block.name, block.name_at, block.path);
  try {
    return lib->create(config);
  } catch (const PluginError& e) {
    throw PluginError(located(block.name_at, block.path, kind) + e.what());
  }
}

namespace {
template <class T>
std::shared_ptr<T> as_kind(std::shared_ptr<Plugin> object, PluginKind kind,
                           const std::string& name) {
  auto typed = std::dynamic_pointer_cast<T>(std::move(object));
  if (!typed)
    throw PluginError(to_string(kind) + " '" + name +
                      "': its factory made an object that is not a " + to_string(kind));
  return typed;
}
} // namespace

std::shared_ptr<Optimizer> Registry::create_optimizer(const PluginBlock& block) {
  return as_kind<Optimizer>(create(PluginKind::optimizer, block), PluginKind::optimizer,
                            block.name);
}

std::shared_ptr<Loss> Registry::create_loss(const PluginBlock& block) {
  return as_kind<Loss>(create(PluginKind::loss, block), PluginKind::loss, block.name);
}

std::shared_ptr<Dataset> Registry::create_dataset(const PluginBlock& block) {
  return as_kind<Dataset>(create(PluginKind::dataset, block), PluginKind::dataset, block.name);
}

} // namespace nnlab
