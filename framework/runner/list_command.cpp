#include <algorithm>
#include <array>
#include <iostream>

#include "commands.hpp"
#include "json_output.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab::runner {

namespace {

std::string presence_text(const ParamSpec& p) {
  switch (p.presence) {
  case ParamSpec::Presence::required: return "(required)";
  case ParamSpec::Presence::optional: return "(optional)";
  case ParamSpec::Presence::defaulted: return p.default_text;
  }
  return {};
}

// `runner list NAME`: every plugin of that name (any kind), with its parameters as a table:
// name, type, default, the values allowed (declared range or choices) and meaning.
int show_plugin(Registry& registry, const std::string& name) {
  std::vector<std::string> known;
  int shown = 0;
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer}) {
    for (const auto& candidate : registry.names(kind))
      known.push_back(candidate);
    if (registry.file_of(kind, name).empty()) continue;
    const PluginDescription& d = registry.describe(kind, name);
    std::cout << (shown++ ? "\n" : "") << to_string(kind) << " " << name << " - " << d.description
              << "\n  " << d.file.string() << "\n\n";
    if (d.params.empty()) {
      std::cout << "  no parameters\n";
      continue;
    }
    // Columns: parameter, type, default, allowed (range or choices), meaning.
    std::vector<std::array<std::string, 5>> rows{
        {"parameter", "type", "default", "allowed", "meaning"}};
    for (const auto& p : d.params)
      rows.push_back({p.name, describe(p.type), presence_text(p), allowed_text(p), p.doc});
    std::array<std::size_t, 4> width{};
    for (const auto& row : rows)
      for (std::size_t c = 0; c < width.size(); ++c)
        width[c] = std::max(width[c], row[c].size());
    for (const auto& row : rows) {
      std::cout << "  ";
      for (std::size_t c = 0; c < width.size(); ++c)
        std::cout << row[c] << std::string(width[c] - row[c].size() + 2, ' ');
      std::cout << row[4] << '\n';
    }
  }
  if (shown == 0) {
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    const auto close = closest_name(name, known);
    throw ConfigError("command line: no plugin named '" + name + "'" +
                      (close ? "; did you mean '" + *close + "'?" : "") +
                      " known: " + join_sorted(known));
  }
  return 0;
}

// Which of the three ways put a folder on the search path (the only three: an experiment
// file never adds one).
std::string origin_of(const std::filesystem::path& folder, const CliOptions& cli) {
  for (const auto& given : cli.plugin_path)
    if (std::filesystem::weakly_canonical(given) == folder) return "--plugin-path";
  if (folder == std::filesystem::weakly_canonical(Registry::default_folder())) return "built in";
  return "NNLAB_PLUGIN_PATH";
}

// `runner list [NAME] --json`: the search path and the plugins (only NAME's when given),
// each with its parameters; a broken one with its error. 1 when one is broken.
int list_json(Registry& registry, const CliOptions& cli) {
  Json folders = Json::array();
  for (const auto& folder : registry.folders())
    folders.push_back({{"folder", folder.string()}, {"origin", origin_of(folder, cli)}});
  Json plugins = Json::array();
  int broken = 0;
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer})
    for (const auto& name : registry.names(kind)) {
      if (!cli.plugin_name.empty() && name != cli.plugin_name) continue;
      try {
        plugins.push_back(plugin_json(registry.describe(kind, name)));
      } catch (const Error& e) {
        ++broken;
        plugins.push_back({{"kind", to_string(kind)},
                           {"name", name},
                           {"file", registry.file_of(kind, name).string()},
                           {"error", e.what()}});
      }
    }
  if (!cli.plugin_name.empty() && plugins.empty()) return show_plugin(registry, cli.plugin_name);
  print_json(std::cout, "list", {{"search_path", folders}, {"plugins", plugins}});
  return broken > 0 ? 1 : 0;
}

} // namespace

int list_plugins(const CliOptions& cli) {
  Registry registry(Registry::search_path(cli.plugin_path));
  if (cli.json) return list_json(registry, cli);
  if (!cli.plugin_name.empty()) return show_plugin(registry, cli.plugin_name);
  std::cout << "plugin search path:\n";
  for (const auto& folder : registry.folders())
    std::cout << "  " << folder.string() << "  (" << origin_of(folder, cli) << ")\n";
  int broken = 0;
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer}) {
    std::cout << '\n' << (kind == PluginKind::loss ? "losses" : to_string(kind) + "s") << ":\n";
    for (const auto& name : registry.names(kind)) {
      try {
        const PluginDescription& d = registry.describe(kind, name);
        std::cout << "  " << name << " - " << d.description << "\n      " << d.file.string()
                  << '\n';
      } catch (const Error& e) {
        ++broken;
        std::cout << "  " << name << " - BROKEN: " << e.what() << '\n';
      }
    }
  }
  return broken > 0 ? 1 : 0;
}

} // namespace nnlab::runner
