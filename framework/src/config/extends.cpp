#include "nnlab/config/extends.hpp"

#include <algorithm>
#include <optional>

#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace fs = std::filesystem;

namespace {

// A block naming another plugin drops the base block's keys of the old plugin (they
// would be unknown to the new one) but keeps the core's keys (learning_rate). In the same
// way a block of another `kind` (model.init, training.lr_schedule, an activation) drops the
// old kind's parameters: {kind: uniform, low: 0} becomes {kind: numpy_legacy}, not
// {kind: numpy_legacy, low: 0}.
void drop_old_keys(ConfigNode& base, const ConfigNode& overlay, const std::string& path) {
  for (const char* discriminator : {"plugin", "kind"}) {
    const ConfigNode* old_name = base.find(discriminator);
    const ConfigNode* new_name = overlay.find(discriminator);
    if (!old_name || !new_name || old_name->text() == new_name->text()) continue;
    const auto kind = std::string(discriminator) == "plugin" ? plugin_kind_from(path)
                                                             : std::optional<PluginKind>();
    const std::vector<std::string> keep = kind ? core_keys(*kind) : std::vector<std::string>{};
    ConfigNode kept = ConfigNode::map(base.location());
    for (const auto& entry : base.entries())
      if (std::find(keep.begin(), keep.end(), entry.key) != keep.end())
        kept.set(entry.key, entry.value, entry.key_at);
    base = std::move(kept);
    return;
  }
}

fs::path absolute_folder(const fs::path& folder) {
  return (folder.empty() ? fs::current_path() : fs::absolute(folder)).lexically_normal();
}

// Rewrites relative paths written in a base file (resolved against `from`) so that, read
// against `to`, they name the same existing file.
void rebase_paths(ConfigNode& node, const fs::path& from, const fs::path& to) {
  if (node.is_scalar()) {
    const fs::path written = node.text();
    std::error_code ec;
    if (written.empty() || written.is_absolute() || !fs::is_regular_file(from / written, ec))
      return;
    const fs::path target = (from / written).lexically_normal();
    const fs::path relative = target.lexically_relative(to);
    node = ConfigNode::scalar((relative.empty() ? target : relative).string(), node.location());
    return;
  }
  if (node.is_null()) return;
  ConfigNode rebuilt =
      node.is_map() ? ConfigNode::map(node.location()) : ConfigNode::sequence(node.location());
  for (ConfigNode item : node.items()) {
    rebase_paths(item, from, to);
    rebuilt.append(std::move(item));
  }
  for (const auto& entry : node.entries()) {
    ConfigNode value = entry.value;
    rebase_paths(value, from, to);
    rebuilt.set(entry.key, std::move(value), entry.key_at);
  }
  node = std::move(rebuilt);
}

fs::path identity(const fs::path& file) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(file, ec);
  return ec ? absolute_folder(file) : canonical;
}

struct Link {
  fs::path id;
  std::string name;
  SourceLocation extends_at;
};

ConfigNode resolve(const ConfigNode& root, const fs::path& file, std::vector<Link>& chain,
                   std::vector<fs::path>& sources) {
  const ConfigNode* extends = root.find("extends");
  if (!extends) return root;
  if (!extends->is_scalar() || extends->text().empty())
    extends->fail("extends", "the path of a base experiment file");
  chain.back().extends_at = extends->location();
  const fs::path base_file = (file.parent_path() / extends->text()).lexically_normal();
  const fs::path id = identity(base_file);
  const auto seen =
      std::find_if(chain.begin(), chain.end(), [&](const Link& link) { return link.id == id; });
  if (seen != chain.end()) {
    std::string cycle;
    for (auto link = seen; link != chain.end(); ++link)
      cycle += link->name + " -> ";
    throw ConfigError(seen->extends_at.str() + ": extends: cycle " + cycle + seen->name);
  }

  std::string text;
  try {
    text = read_yaml_text(base_file);
  } catch (const ConfigError& e) {
    throw ConfigError(extends->location().str() + ": extends: " + e.what());
  }
  sources.push_back(base_file);
  const ConfigNode base_root = parse_yaml(text, base_file.string());
  if (!base_root.is_map())
    throw ConfigError(base_file.string() + ": expected a map of experiment keys (it is the base " +
                      "of " + file.string() + "), got " + base_root.describe());
  chain.push_back(Link{id, base_file.string(), {}});
  ConfigNode base = resolve(base_root, base_file, chain, sources);
  chain.pop_back();

  const fs::path from = absolute_folder(base_file.parent_path());
  const fs::path to = absolute_folder(file.parent_path());
  if (from != to) {
    // `name` and `description` are words, never paths, even when a file is so named.
    for (const auto& entry : base.entries())
      if (entry.key != "name" && entry.key != "description") {
        ConfigNode value = entry.value;
        rebase_paths(value, from, to);
        base.set(entry.key, std::move(value), entry.key_at);
      }
  }
  ConfigNode own = root;
  own.erase("extends");
  // The merged map takes the place of the extending file's top level.
  ConfigNode merged = ConfigNode::map(root.location());
  merge_into(merged, base);
  merge_into(merged, own);
  return merged;
}

} // namespace

void merge_into(ConfigNode& base, const ConfigNode& overlay, const std::string& path) {
  drop_old_keys(base, overlay, path);
  if (path.empty()) {
    if (overlay.find("seeds")) base.erase("repeats");
    if (overlay.find("repeats")) base.erase("seeds");
  }
  for (const auto& entry : overlay.entries()) {
    ConfigNode* target = base.find(entry.key);
    if (target && target->is_map() && entry.value.is_map() && path != "sweep")
      merge_into(*target, entry.value, path.empty() ? entry.key : path + "." + entry.key);
    else
      base.set(entry.key, entry.value, entry.key_at);
  }
}

ConfigNode resolve_extends(const ConfigNode& root, const fs::path& file,
                           std::vector<fs::path>& sources) {
  std::vector<Link> chain{Link{identity(file), file.string(), {}}};
  return resolve(root, file, chain, sources);
}

} // namespace nnlab
