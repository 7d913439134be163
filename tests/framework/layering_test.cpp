#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

// The floor plan of docs/architecture.md, enforced: every #include under framework/ goes
// down the layer order the document's table writes, or stays in its own module. The table
// is read from the document itself, so the rule and its description cannot drift apart.

namespace {

namespace fs = std::filesystem;

struct Module {
  std::set<std::string> may_include;
  bool internal_headers = false; ///< its framework/src headers serve the whole library
};

using Layers = std::map<std::string, Module>;

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  std::getline(in, cell, '|'); // before the first '|'
  while (std::getline(in, cell, '|')) {
    const auto first = cell.find_first_not_of(" `");
    const auto last = cell.find_last_not_of(" `");
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

/// The table under the heading "Layers": | module | may include | its src/ headers | ...
Layers read_layers(std::istream& doc) {
  Layers layers;
  std::string line;
  bool in_table = false;
  while (std::getline(doc, line)) {
    if (line.rfind("| module", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.empty() || line[0] != '|') break;
    const auto row = cells(line);
    if (row.size() < 3 || row[0].find_first_not_of("-: ") == std::string::npos) continue;
    Module module;
    std::stringstream names(row[1]);
    std::string name;
    while (std::getline(names, name, ',')) {
      const auto first = name.find_first_not_of(" `");
      const auto last = name.find_last_not_of(" `");
      if (first != std::string::npos && name.substr(first, last - first + 1) != "-")
        module.may_include.insert(name.substr(first, last - first + 1));
    }
    module.internal_headers = row[2].find("library") != std::string::npos;
    layers[row[0]] = module;
  }
  return layers;
}

/// The module a file of framework/ belongs to: include/nnlab/<m>/..., src/<m>/...,
/// runner/...; include/nnlab/plugin.hpp is the plugin module's umbrella.
std::string module_of(const fs::path& relative) {
  auto part = relative.begin();
  if (part == relative.end()) return {};
  const std::string top = part->string();
  if (top == "runner") return "runner";
  if (top == "src") return (++part)->string();
  if (top == "include") {
    ++part; // nnlab
    const fs::path next = *++part;
    if (next == "plugin.hpp") return "plugin";
    return next.has_extension() ? "core" : next.string();
  }
  return {};
}

struct Include {
  std::string module;  ///< the module of the included file
  bool private_header; ///< a header under framework/src (not installed)
};

/// What an #include "..." of `file` names: nnlab/<m>/x.hpp (public), <m>/x.hpp with m a
/// folder of framework/src (private), or a path relative to the file's folder.
std::optional<Include> resolve(const fs::path& framework, const fs::path& file,
                               const std::string& written) {
  if (written.rfind("nnlab/", 0) == 0) {
    const fs::path rest = fs::path(written).lexically_relative("nnlab");
    const std::string first = rest.begin()->string();
    if (first == "plugin.hpp") return Include{"plugin", false};
    if (fs::path(first).has_extension()) return Include{"core", false}; // export.hpp
    return Include{first, false};
  }
  for (const fs::path& candidate : {file.parent_path() / written, framework / "src" / written}) {
    if (!fs::exists(candidate)) continue;
    const fs::path relative =
        fs::weakly_canonical(candidate).lexically_relative(fs::weakly_canonical(framework));
    return Include{module_of(relative), relative.begin()->string() == "src"};
  }
  return std::nullopt; // a header of a dependency
}

/// Every include that breaks the table, as "file:line: what".
std::vector<std::string> violations(const fs::path& framework, const Layers& layers) {
  std::vector<std::string> found;
  const std::regex include_line(R"(^\s*#\s*include\s*"([^"]+)\")");
  for (const auto& entry : fs::recursive_directory_iterator(framework)) {
    const fs::path& file = entry.path();
    const std::string ext = file.extension().string();
    if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp" && ext != ".in")) continue;
    const fs::path relative = file.lexically_relative(framework);
    const std::string from = module_of(relative);
    const std::string where = "framework/" + relative.generic_string();
    if (!layers.count(from)) {
      found.push_back(where + ":1: module '" + from + "' is not in the table");
      continue;
    }
    std::ifstream in(file);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch match;
      if (!std::regex_search(line, match, include_line)) continue;
      const auto target = resolve(framework, file, match[1]);
      if (!target || target->module == from) continue;
      const auto& allowed = layers.at(from).may_include;
      const std::string at = where + ":" + std::to_string(number) + ": " + from;
      if (target->module != "core" && !allowed.count(target->module))
        found.push_back(at + " may not include " + target->module + " (\"" + match[1].str() +
                        "\")");
      else if (target->private_header && layers.count(target->module) &&
               !layers.at(target->module).internal_headers)
        found.push_back(at + " includes a private header of " + target->module + " (\"" +
                        match[1].str() + "\")");
    }
  }
  return found;
}

} // namespace

TEST_CASE("Layering: the table of docs/architecture.md reads as modules and what they include",
          "[layering]") {
  std::istringstream doc("# x\n\n| module | may include | its src/ headers |\n|---|---|---|\n"
                         "| core | - | library-internal |\n| yaml | core | private |\n"
                         "| plugin | core, yaml | private |\n\nafter the table | a | b |\n");
  const Layers layers = read_layers(doc);
  REQUIRE(layers.size() == 3);
  CHECK(layers.at("core").may_include.empty());
  CHECK(layers.at("core").internal_headers);
  CHECK(layers.at("plugin").may_include == std::set<std::string>{"core", "yaml"});
  CHECK_FALSE(layers.at("yaml").internal_headers);
}

TEST_CASE("Layering: an include up the layer order is named with its file and line", "[layering]") {
  const fs::path root = fs::temp_directory_path() / "nnlab-layering-test";
  fs::remove_all(root);
  fs::create_directories(root / "include/nnlab/yaml");
  fs::create_directories(root / "include/nnlab/plugin");
  fs::create_directories(root / "src/plugin");
  std::ofstream(root / "include/nnlab/yaml/tree.hpp")
      << "#pragma once\n#include \"nnlab/plugin/block.hpp\"\n";
  std::ofstream(root / "include/nnlab/plugin/block.hpp") << "#pragma once\n#include <map>\n";
  std::ofstream(root / "src/plugin/detail.hpp") << "#pragma once\n";
  std::ofstream(root / "src/plugin/block.cpp") << "#include \"detail.hpp\"\n";
  std::ofstream(root / "include/nnlab/yaml/reader.hpp") << "#include \"plugin/detail.hpp\"\n";
  fs::create_directories(root / "src/yaml");
  std::ofstream(root / "src/yaml/secret.hpp") << "#pragma once\n";
  std::ofstream(root / "include/nnlab/plugin/uses.hpp") << "#include \"yaml/secret.hpp\"\n";
  std::istringstream doc("| module | may include | its src/ headers |\n|-|-|-|\n"
                         "| core | - | private |\n| yaml | core | private |\n"
                         "| plugin | yaml | private |\n");
  const auto found = violations(root, read_layers(doc));
  fs::remove_all(root);
  REQUIRE(found.size() == 3);
  std::set<std::string> lines(found.begin(), found.end());
  CHECK(lines.count("framework/include/nnlab/yaml/tree.hpp:2: yaml may not include plugin "
                    "(\"nnlab/plugin/block.hpp\")"));
  CHECK(lines.count("framework/include/nnlab/yaml/reader.hpp:1: yaml may not include plugin "
                    "(\"plugin/detail.hpp\")"));
  CHECK(lines.count("framework/include/nnlab/plugin/uses.hpp:1: plugin includes a private "
                    "header of yaml (\"yaml/secret.hpp\")"));
}

TEST_CASE("Layering: every #include under framework/ follows docs/architecture.md", "[layering]") {
  const fs::path source = NNLAB_SOURCE_DIR;
  std::ifstream doc(source / "docs/architecture.md");
  REQUIRE(doc);
  const Layers layers = read_layers(doc);
  REQUIRE(layers.size() >= 10);
  for (const auto& problem : violations(source / "framework", layers))
    FAIL_CHECK(problem);
}
