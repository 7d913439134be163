#include "plugin_skeleton.hpp"

#include <cctype>
#include <utility>

namespace nnlab::runner {

namespace {

// plugins/template/ is what these write for `runner new optimizer my_sgd`, byte for byte (a
// test compares every file), so nothing here may depend on the machine: the README names
// the install prefix PREFIX, and `runner new` prints the commands with it filled in.
constexpr std::string_view cmake_lists = R"skeleton(cmake_minimum_required(VERSION 3.25)
project(@NAME@ CXX)

find_package(nnlab REQUIRED)
nnlab_add_plugin(@KIND@ @NAME@ @NAME@.cpp)

# `ctest --test-dir build` runs nnlab's conformance checks on the built plugin.
enable_testing()
add_test(NAME check_plugin COMMAND nnlab::runner check-plugin @NAME@
         --plugin-path $<TARGET_FILE_DIR:nnlab_@KIND@_@NAME@>)
)skeleton";

constexpr std::string_view readme = R"skeleton(# @NAME@: @A_KIND@ plugin for nnlab

Made by `runner new @KIND@ @NAME@`. `@NAME@.cpp` is the plugin, working as it is and
commented so you can make it yours; `@NAME@.yaml` is an experiment that uses it.

Below, PREFIX is the folder nnlab is installed in (it holds `bin/runner` and
`lib/cmake/nnlab`; `runner new` printed these commands with it filled in) and `runner` is
PREFIX/bin/runner. Build the plugin against that nnlab:

    cmake -S . -B build -DCMAKE_PREFIX_PATH=PREFIX
    cmake --build build

Check it (`ctest --test-dir build` runs the same):

    runner check-plugin @NAME@ --plugin-path build/plugins

Use it: an experiment names it in its `@KIND@` block, `@KIND@: {plugin: @NAME@, ...}`.

    runner @NAME@.yaml --plugin-path build/plugins

`runner list @NAME@ --plugin-path build/plugins` shows its parameters and the values each
allows. `cmake --install build --prefix PREFIX` puts it beside nnlab's own plugins, where
the runner finds it without --plugin-path.
)skeleton";

std::string fill(std::string_view text,
                 const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out(text);
  for (const auto& [key, value] : values)
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
      out.replace(at, key.size(), value);
  return out;
}

} // namespace

bool is_lower_snake_case(std::string_view name) {
  if (name.empty() || !std::islower(static_cast<unsigned char>(name.front()))) return false;
  char previous = name.front();
  for (const char c : name.substr(1)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '_' ? previous == '_' : !(std::islower(u) || std::isdigit(u))) return false;
    previous = c;
  }
  return previous != '_';
}

std::string pascal_case(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (const char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

std::vector<SkeletonFile> plugin_skeleton(PluginKind kind, const std::string& name) {
  const std::string kind_text = to_string(kind);
  const std::vector<std::pair<std::string, std::string>> values{
      {"@NAME@", name},
      {"@CLASS@", pascal_case(name)},
      {"@KIND@", kind_text},
      {"@A_KIND@", (kind == PluginKind::optimizer ? "an " : "a ") + kind_text}};
  return {{name + ".cpp", fill(skeleton_source(kind), values)},
          {"CMakeLists.txt", fill(cmake_lists, values)},
          {name + ".yaml", fill(skeleton_experiment(kind), values)},
          {"README.md", fill(readme, values)}};
}

} // namespace nnlab::runner
