#include <iostream>

#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab::runner {

int list_plugins(const CliOptions& cli) {
  Registry registry(Registry::search_path(cli.plugin_path));
  std::cout << "plugin search path:\n";
  for (const auto& folder : registry.folders())
    std::cout << "  " << folder.string() << '\n';
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
