// `runner check-plugin NAME`: builds the plugin as an experiment would (its defaults, plus
// --set key=value), runs the core's conformance checks for its kind and prints the report.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "nnlab/check/dataset_check.hpp"
#include "nnlab/check/loss_check.hpp"
#include "nnlab/check/optimizer_check.hpp"
#include "nnlab/config/overrides.hpp"
#include "nnlab/config/run_config.hpp"
#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"
#include "nnlab/plugin/dataset.hpp"
#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/optimizer.hpp"
#include "nnlab/plugin/registry.hpp"

namespace nnlab::runner {

namespace {

constexpr PluginKind all_kinds[] = {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer};

// {plugin: NAME} plus each --set key=value, as the plugin's block in an experiment.
// Relative paths resolve against the current folder.
PluginBlock plugin_block(PluginKind kind, const std::string& name,
                         const std::vector<std::string>& sets) {
  const std::vector<std::string>& reserved = core_keys(kind);
  for (const auto& set : sets) {
    const std::string key = set.substr(0, set.find('='));
    if (std::find(reserved.begin(), reserved.end(), key) != reserved.end())
      throw ConfigError("command line: --set " + set + ": '" + key +
                        "' is not a plugin parameter (check-plugin chooses the learning "
                        "rate per problem)");
    if (key.find('.') != std::string::npos)
      throw ConfigError("command line: --set " + set +
                        ": expected one of the plugin's own keys, key=value");
  }
  ConfigNode node = ConfigNode::map(command_line_location());
  node.set("plugin", ConfigNode::scalar(name, command_line_location()));
  apply_overrides(node, sets);
  return read_plugin_block(node, to_string(kind), kind, std::filesystem::current_path());
}

// Parameters the plugin requires are not guessed: say which to --set (csv's files).
void require_parameters(PluginKind kind, const PluginDescription& d, const PluginBlock& block) {
  std::vector<std::string> missing;
  for (const auto& p : d.params)
    if (p.presence == ParamSpec::Presence::required && !block.params.find(p.name))
      missing.push_back(p.name);
  if (!missing.empty())
    throw ConfigError("command line: " + to_string(kind) + " '" + d.name + "' needs parameters: " +
                      join_sorted(missing) + "; give them with --set KEY=VALUE (runner list " +
                      d.name + " describes them)");
}

std::string parameter_text(const PluginDescription& d, const PluginBlock& block) {
  if (d.params.empty()) return "none";
  std::string text;
  for (const auto& p : d.params) {
    std::string value = "(not set)";
    if (const ConfigNode* given = block.params.find(p.name))
      value = given->flow() + " (--set)";
    else if (p.presence == ParamSpec::Presence::defaulted)
      value = p.default_text;
    text += (text.empty() ? "" : ", ") + p.name + " " + value;
  }
  return text;
}

// The same dataset with seed + 1, when it declares an integer `seed` that these parameters
// use; else nothing, with the reason in `why`.
std::shared_ptr<Dataset> reseeded(Registry& registry, const PluginDescription& d, PluginBlock block,
                                  std::string& why) {
  const auto seed = std::find_if(d.params.begin(), d.params.end(), [](const ParamSpec& p) {
    return p.name == "seed" && p.type == ParamType::integer;
  });
  why = "no integer 'seed' parameter: the reseeding check does not apply";
  if (seed == d.params.end()) return nullptr;
  const ConfigNode* given = block.params.find("seed");
  const std::int64_t value =
      given ? given->as_integer("dataset.seed")
            : ConfigNode::scalar(seed->default_text).as_integer("dataset.seed");
  block.params.set("seed", ConfigNode::scalar(std::to_string(value + 1)));
  try {
    return registry.create_dataset(block);
  } catch (const ConfigError& e) {
    // e.g. csv with train and test files: its seed only shuffles a split of `file`.
    why = std::string("'seed' does not apply with these parameters, so the reseeding check "
                      "does not either (") +
          e.what() + ")";
    return nullptr;
  }
}

CheckReport check(Registry& registry, PluginKind kind, const PluginDescription& d,
                  const PluginBlock& block) {
  const std::string subject = to_string(kind) + " '" + d.name + "'";
  switch (kind) {
  case PluginKind::optimizer:
    // Built once up front so that a bad --set value is a usage error, not six FAILs.
    registry.create_optimizer(block);
    return check_optimizer([&] { return registry.create_optimizer(block); }, subject);
  case PluginKind::loss: return check_loss(*registry.create_loss(block), subject);
  case PluginKind::dataset: {
    const auto dataset = registry.create_dataset(block);
    std::string why;
    const auto other = reseeded(registry, d, block, why);
    CheckReport report = check_dataset(*dataset, subject, other.get());
    if (!other) report.note(why);
    return report;
  }
  }
  throw Error("check-plugin: unknown plugin kind");
}

} // namespace

int check_plugin(const CliOptions& cli) {
  Registry registry(Registry::search_path(cli.plugin_path));
  std::vector<PluginKind> kinds;
  std::vector<std::string> known;
  for (const auto kind : all_kinds) {
    for (const auto& name : registry.names(kind))
      known.push_back(name);
    if (!registry.file_of(kind, cli.plugin_name).empty()) kinds.push_back(kind);
  }
  if (kinds.empty()) {
    const auto close = closest_name(cli.plugin_name, known);
    throw ConfigError("command line: no plugin named '" + cli.plugin_name + "'" +
                      (close ? "; did you mean '" + *close + "'?" : "") +
                      " known: " + join_sorted(known));
  }
  bool passed = true;
  for (const auto kind : kinds) {
    const PluginDescription& d = registry.describe(kind, cli.plugin_name);
    const PluginBlock block = plugin_block(kind, cli.plugin_name, cli.plugin_params);
    require_parameters(kind, d, block);
    std::cout << (kind == kinds.front() ? "" : "\n") << "check-plugin: " << to_string(kind) << " "
              << d.name << " - " << d.description << "\n  file: " << d.file.string()
              << "\n  parameters: " << parameter_text(d, block) << "\n";
    const CheckReport report = check(registry, kind, d, block);
    std::cout << report.text();
    passed = passed && report.passed();
  }
  return passed ? 0 : 1;
}

} // namespace nnlab::runner
