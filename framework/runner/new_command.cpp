#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include <boost/dll/runtime_symbol_info.hpp>

#include "commands.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/plugin/registry.hpp"
#include "plugin_skeleton.hpp"

namespace fs = std::filesystem;

namespace nnlab::runner {

namespace {

PluginKind kind_of(const std::string& text) {
  if (const auto kind = plugin_kind_from(text)) return *kind;
  const std::vector<std::string> kinds{"dataset", "loss", "optimizer"};
  const auto close = closest_name(text, kinds);
  throw ConfigError("command line: new: unknown plugin kind '" + text + "'" +
                    (close ? "; did you mean '" + *close + "'?" : ";") +
                    " known: " + join_sorted(kinds));
}

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw Error(file.string() + ": cannot write: " + std::strerror(errno));
}

} // namespace

int new_plugin(const CliOptions& cli) {
  const PluginKind kind = kind_of(cli.plugin_kind);
  const std::string& name = cli.plugin_name;
  if (!is_lower_snake_case(name))
    throw ConfigError("command line: new: NAME must be lower_snake_case (a lowercase letter, "
                      "then lowercase letters, digits and single '_' between words, e.g. "
                      "my_sgd), got '" +
                      name + "'");
  // The skeleton's plugin would sit on the search path beside one of the same name, which
  // the runner refuses ("defined twice").
  const Registry registry(Registry::search_path(cli.plugin_path));
  if (const fs::path file = registry.file_of(kind, name); !file.empty())
    throw ConfigError("command line: new: there is already " + to_string(kind) + " '" + name +
                      "' (" + file.string() + "); choose another NAME");

  const fs::path folder = cli.dir.empty() ? fs::path(name) : cli.dir / name;
  std::error_code ec;
  if (fs::symlink_status(folder, ec).type() != fs::file_type::not_found)
    throw ConfigError(folder.string() +
                      ": already exists; runner new does not overwrite (remove it, or choose "
                      "another NAME or --dir)");
  fs::create_directories(folder, ec);
  if (ec) throw Error(folder.string() + ": cannot create the folder: " + ec.message());

  // <prefix>/bin/runner: the prefix holds lib/cmake/nnlab, in an install and a build tree.
  const fs::path prefix =
      fs::weakly_canonical(boost::dll::program_location().parent_path().parent_path());
  const auto files = plugin_skeleton(kind, name);
  for (const auto& file : files)
    write_file(folder / file.name, file.text);

  // What each file is, in plugin_skeleton()'s order.
  const char* const roles[] = {"the plugin, working as it is: edit it",
                               "find_package(nnlab) + nnlab_add_plugin, and a check-plugin test",
                               "an experiment that uses it", "how to build, check and use it"};
  std::size_t width = 0;
  for (const auto& file : files)
    width = std::max(width, (folder / file.name).string().size());
  std::cout << "created " << to_string(kind) << " plugin '" << name << "' in " << folder.string()
            << ":\n";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = (folder / files[i].name).string();
    std::cout << "  " << path << std::string(width - path.size() + 2, ' ') << roles[i] << '\n';
  }
  const std::string build = (folder / "build").string();
  const std::string runner = (prefix / "bin" / "runner").string();
  std::cout << "next: build it, check it, train with it:\n"
            << "  cmake -S " << folder.string() << " -B " << build
            << " -DCMAKE_PREFIX_PATH=" << prefix.string() << " && cmake --build " << build << '\n'
            << "  " << runner << " check-plugin " << name << " --plugin-path " << build
            << "/plugins\n"
            << "  " << runner << ' ' << (folder / files[2].name).string() << " --plugin-path "
            << build << "/plugins\n";
  return 0;
}

} // namespace nnlab::runner
