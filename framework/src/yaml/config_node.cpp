#include "nnlab/yaml/config_node.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

#include "nnlab/core/error.hpp"
#include "nnlab/core/name_list.hpp"

namespace nnlab {

namespace {

std::optional<double> parse_number(const std::string& text) {
  std::string_view view = text;
  if (!view.empty() && view.front() == '+') view.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (ec != std::errc() || end != view.data() + view.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(const std::string& text) {
  static const char* const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
  static const char* const no[] = {"false", "False", "FALSE", "no", "No",
                                   "NO",    "off",   "Off",   "OFF"};
  for (const char* word : yes)
    if (text == word) return true;
  for (const char* word : no)
    if (text == word) return false;
  return std::nullopt;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

ConfigNode ConfigNode::null(SourceLocation at) {
  ConfigNode node;
  node.at_ = std::move(at);
  return node;
}

ConfigNode ConfigNode::scalar(std::string text, SourceLocation at) {
  ConfigNode node;
  node.kind_ = Kind::scalar;
  node.text_ = std::move(text);
  node.at_ = std::move(at);
  return node;
}

ConfigNode ConfigNode::sequence(SourceLocation at) {
  ConfigNode node;
  node.kind_ = Kind::sequence;
  node.at_ = std::move(at);
  return node;
}

ConfigNode ConfigNode::map(SourceLocation at) {
  ConfigNode node;
  node.kind_ = Kind::map;
  node.at_ = std::move(at);
  return node;
}

const ConfigNode::Entry* ConfigNode::find_entry(std::string_view key) const {
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& entry) { return entry.key == key; });
  return it == entries_.end() ? nullptr : &*it;
}

const ConfigNode* ConfigNode::find(std::string_view key) const {
  const Entry* entry = find_entry(key);
  return entry ? &entry->value : nullptr;
}

ConfigNode* ConfigNode::find(std::string_view key) {
  return const_cast<ConfigNode*>(std::as_const(*this).find(key));
}

const ConfigNode& ConfigNode::require(std::string_view key, std::string_view path,
                                      std::string_view what) const {
  if (kind_ != Kind::map) fail(path, "a map");
  if (const ConfigNode* value = find(key)) return *value;
  std::string message =
      at_.str() + ": " + std::string(path) + ": missing key '" + std::string(key) + "'";
  if (!what.empty()) message += " (" + std::string(what) + ")";
  throw ConfigError(message);
}

void ConfigNode::check_keys(std::string_view path, const std::vector<std::string>& allowed) const {
  if (kind_ != Kind::map) fail(path, "a map");
  for (const auto& entry : entries_) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) continue;
    std::string message = entry.key_at.str() + ": " +
                          (path.empty() ? entry.key : std::string(path) + "." + entry.key) +
                          ": unknown key";
    if (const auto guess = closest_name(entry.key, allowed))
      message += "; did you mean '" + *guess + "'?";
    else
      message += ";";
    throw ConfigError(message + " known: " + join_sorted(allowed));
  }
}

void ConfigNode::set(std::string key, ConfigNode value, SourceLocation key_at) {
  if (kind_ == Kind::null) kind_ = Kind::map;
  for (auto& entry : entries_) {
    if (entry.key == key) {
      entry.value = std::move(value);
      entry.key_at = std::move(key_at);
      return;
    }
  }
  entries_.push_back(Entry{std::move(key), std::move(key_at), std::move(value)});
}

bool ConfigNode::erase(std::string_view key) {
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& entry) { return entry.key == key; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

void ConfigNode::append(ConfigNode item) {
  if (kind_ == Kind::null) kind_ = Kind::sequence;
  items_.push_back(std::move(item));
}

double ConfigNode::as_number(std::string_view path) const {
  if (kind_ == Kind::scalar)
    if (const auto value = parse_number(text_)) return *value;
  fail(path, "a number");
}

std::int64_t ConfigNode::as_integer(std::string_view path) const {
  if (kind_ == Kind::scalar) {
    std::string_view view = text_;
    if (!view.empty() && view.front() == '+') view.remove_prefix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    if (ec == std::errc() && end == view.data() + view.size()) return value;
    // 1e3 or 10.0 are integers written as numbers: accept them when exact.
    if (const auto number = parse_number(text_);
        number && *number == std::floor(*number) && std::abs(*number) < 0x1p53)
      return static_cast<std::int64_t>(*number);
  }
  fail(path, "an integer");
}

bool ConfigNode::as_bool(std::string_view path) const {
  if (kind_ == Kind::scalar)
    if (const auto value = parse_bool(text_)) return *value;
  fail(path, "true or false");
}

std::string ConfigNode::as_string(std::string_view path) const {
  if (kind_ != Kind::scalar) fail(path, "a string");
  return text_;
}

void ConfigNode::fail(std::string_view path, std::string_view expected) const {
  throw ConfigError(at_.str() + ": " + std::string(path) + ": expected " + std::string(expected) +
                    ", got " + describe());
}

std::string ConfigNode::describe() const {
  // A whole file read as one plain scalar (a CSV given as the experiment) must not flood
  // the one-line error: keep its start.
  constexpr std::size_t shown = 80;
  switch (kind_) {
  case Kind::null: return "nothing";
  case Kind::scalar:
    return "'" + (text_.size() > shown ? text_.substr(0, shown) + "..." : text_) + "'";
  case Kind::sequence: return items_.empty() ? "an empty list" : "a list";
  case Kind::map: return entries_.empty() ? "an empty map" : "a map";
  }
  return "?";
}

std::string ConfigNode::canonical() const {
  switch (kind_) {
  case Kind::null: return "null";
  case Kind::scalar: {
    if (const auto number = parse_number(text_)) {
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, *number);
      return std::string(buffer, result.ptr);
    }
    if (const auto flag = parse_bool(text_)) return *flag ? "true" : "false";
    return quoted(text_);
  }
  case Kind::sequence: {
    std::string out = "[";
    for (std::size_t i = 0; i < items_.size(); ++i)
      out += (i ? "," : "") + items_[i].canonical();
    return out + "]";
  }
  case Kind::map: {
    std::vector<const Entry*> sorted;
    for (const auto& entry : entries_)
      sorted.push_back(&entry);
    std::sort(sorted.begin(), sorted.end(),
              [](const Entry* a, const Entry* b) { return a->key < b->key; });
    std::string out = "{";
    for (std::size_t i = 0; i < sorted.size(); ++i)
      out += (i ? "," : "") + quoted(sorted[i]->key) + ":" + sorted[i]->value.canonical();
    return out + "}";
  }
  }
  return "?";
}

std::string ConfigNode::flow() const {
  switch (kind_) {
  case Kind::null: return "null";
  case Kind::scalar: return text_;
  case Kind::sequence: {
    std::string out = "[";
    for (std::size_t i = 0; i < items_.size(); ++i)
      out += (i ? ", " : "") + items_[i].flow();
    return out + "]";
  }
  case Kind::map: {
    std::string out = "{";
    for (std::size_t i = 0; i < entries_.size(); ++i)
      out += (i ? ", " : "") + entries_[i].key + ": " + entries_[i].value.flow();
    return out + "}";
  }
  }
  return "?";
}

} // namespace nnlab
