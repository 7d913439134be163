#include "nnlab/plugin/plugin_config.hpp"

#include <algorithm>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"

namespace nnlab {

namespace {

void check_type(const ConfigNode& value, ParamType type, const std::string& path) {
  switch (type) {
  case ParamType::number: value.as_number(path); return;
  case ParamType::integer: value.as_integer(path); return;
  case ParamType::boolean: value.as_bool(path); return;
  case ParamType::string:
  case ParamType::path:
    if (value.as_string(path).empty()) value.fail(path, describe(type));
    return;
  case ParamType::number_list:
  case ParamType::string_list:
    if (!value.is_sequence()) value.fail(path, describe(type));
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      if (type == ParamType::number_list)
        value.items()[i].as_number(item_path);
      else
        value.items()[i].as_string(item_path);
    }
    return;
  }
}

// A value of the declared type against the declared range or choices.
void check_allowed(const ConfigNode& value, const ParamSpec& spec, const std::string& path) {
  if (spec.choices.empty()) {
    const bool allowed = spec.type == ParamType::integer
                             ? in_range(spec, static_cast<double>(value.as_integer(path)))
                             : in_range(spec, value.as_number(path));
    if (!allowed) value.fail(path, expected_text(spec));
    return;
  }
  const std::string text = value.as_string(path);
  if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) return;
  std::string message = value.location().str() + ": " + path + ": expected " + expected_text(spec) +
                        ", got " + value.describe();
  if (const auto guess = closest_name(text, spec.choices))
    message += "; did you mean '" + *guess + "'?";
  throw ConfigError(message);
}

// Every value the block gives (each item, for a list) within the declared range or choices.
void check_constraints(const ConfigNode& value, const ParamSpec& spec, const std::string& path) {
  if (!spec.constrained()) return;
  if (!value.is_sequence()) return check_allowed(value, spec, path);
  for (std::size_t i = 0; i < value.items().size(); ++i)
    check_allowed(value.items()[i], spec, path + "[" + std::to_string(i) + "]");
}

} // namespace

PluginConfig::PluginConfig(ConfigNode block, ParamList params, Context context)
    : block_(std::move(block)), params_(std::move(params)), context_(std::move(context)) {
  if (block_.is_null()) block_ = ConfigNode::map(block_.location());
}

std::string PluginConfig::key_path(std::string_view key) const {
  return context_.path + "." + std::string(key);
}

const ParamSpec& PluginConfig::spec(std::string_view key) const {
  const auto it = std::find_if(params_.begin(), params_.end(),
                               [&](const ParamSpec& p) { return p.name == key; });
  if (it == params_.end())
    throw PluginError(context_.owner + ": reads parameter '" + std::string(key) +
                      "' that its params() does not declare");
  return *it;
}

ConfigNode PluginConfig::value_or_default(const ParamSpec& p) const {
  if (const ConfigNode* value = block_.find(p.name)) return *value;
  if (p.presence == ParamSpec::Presence::defaulted)
    return ConfigNode::scalar(p.default_text, block_.location());
  throw ConfigError(block_.location().str() + ": " + context_.path + ": missing key '" + p.name +
                    "' (" + describe(p.type) + ": " + p.doc + ")");
}

bool PluginConfig::has(std::string_view key) const {
  return block_.find(key) != nullptr || spec(key).presence == ParamSpec::Presence::defaulted;
}

bool PluginConfig::given(std::string_view key) const {
  spec(key); // an undeclared key is the plugin's bug, as in has()
  return block_.find(key) != nullptr;
}

void PluginConfig::fail(std::string_view key, std::string_view expected) const {
  const ParamSpec& p = spec(key);
  value_or_default(p).fail(key_path(key), expected);
}

void PluginConfig::validate() const {
  if (!block_.is_map()) block_.fail(context_.path, "a map of parameters");
  std::vector<std::string> names = context_.core_keys;
  for (const auto& p : params_)
    names.push_back(p.name);
  for (const auto& entry : block_.entries()) {
    const auto it = std::find_if(params_.begin(), params_.end(),
                                 [&](const ParamSpec& p) { return p.name == entry.key; });
    if (it == params_.end()) {
      std::string message = entry.key_at.str() + ": " + key_path(entry.key) + ": unknown key";
      if (!context_.owner.empty()) message += " for " + context_.owner;
      if (const auto guess = closest_name(entry.key, names))
        message += "; did you mean '" + *guess + "'?";
      else
        message += ";";
      throw ConfigError(message + " known: " + join_sorted(names));
    }
    check_type(entry.value, it->type, key_path(entry.key));
    check_constraints(entry.value, *it, key_path(entry.key));
  }
  for (const auto& p : params_)
    if (p.presence == ParamSpec::Presence::required) value_or_default(p);
}

template <> double PluginConfig::get<double>(std::string_view key) const {
  return value_or_default(spec(key)).as_number(key_path(key));
}

template <> std::int64_t PluginConfig::get<std::int64_t>(std::string_view key) const {
  return value_or_default(spec(key)).as_integer(key_path(key));
}

template <> bool PluginConfig::get<bool>(std::string_view key) const {
  return value_or_default(spec(key)).as_bool(key_path(key));
}

template <> std::string PluginConfig::get<std::string>(std::string_view key) const {
  return value_or_default(spec(key)).as_string(key_path(key));
}

template <>
std::filesystem::path PluginConfig::get<std::filesystem::path>(std::string_view key) const {
  const std::filesystem::path written = value_or_default(spec(key)).as_string(key_path(key));
  if (written.is_absolute() || context_.base_dir.empty()) return written;
  return (context_.base_dir / written).lexically_normal();
}

std::vector<PluginConfig::File> PluginConfig::files() const {
  std::vector<File> files;
  for (const ParamSpec& p : params_) {
    if (p.type != ParamType::path || !has(p.name)) continue;
    const ConfigNode value = value_or_default(p);
    files.push_back({p.name, value.as_string(key_path(p.name)), get<std::filesystem::path>(p.name),
                     value.location()});
  }
  return files;
}

template <> std::vector<double> PluginConfig::get<std::vector<double>>(std::string_view key) const {
  const ConfigNode value = value_or_default(spec(key));
  check_type(value, ParamType::number_list, key_path(key));
  std::vector<double> out;
  for (std::size_t i = 0; i < value.items().size(); ++i)
    out.push_back(value.items()[i].as_number(key_path(key)));
  return out;
}

template <>
std::vector<std::string> PluginConfig::get<std::vector<std::string>>(std::string_view key) const {
  const ConfigNode value = value_or_default(spec(key));
  check_type(value, ParamType::string_list, key_path(key));
  std::vector<std::string> out;
  for (const auto& item : value.items())
    out.push_back(item.text());
  return out;
}

} // namespace nnlab
