#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nnlab/core/location.hpp"
#include "nnlab/export.hpp"

namespace nnlab {

/// A YAML value as nnlab keeps it: a scalar (its text), a sequence or a map (entries
/// in the order written), each with the place it was written, so every error can say
/// file:line:col. Independent of the YAML library; plugins see only this.
class NNLAB_EXPORT ConfigNode {
public:
  enum class Kind { null, scalar, sequence, map };
  struct Entry;

  ConfigNode() = default;
  static ConfigNode null(SourceLocation at = {});
  static ConfigNode scalar(std::string text, SourceLocation at = {});
  static ConfigNode sequence(SourceLocation at = {});
  static ConfigNode map(SourceLocation at = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  bool is_sequence() const { return kind_ == Kind::sequence; }
  bool is_map() const { return kind_ == Kind::map; }
  const SourceLocation& location() const { return at_; }

  /// Scalar text as written (empty for other kinds).
  const std::string& text() const { return text_; }
  const std::vector<ConfigNode>& items() const { return items_; }
  const std::vector<Entry>& entries() const { return entries_; }

  /// The value under `key` of a map, or nullptr.
  const ConfigNode* find(std::string_view key) const;
  ConfigNode* find(std::string_view key);
  const Entry* find_entry(std::string_view key) const;
  /// The value under `key`; throws ConfigError "file:line:col: path: missing key 'key'"
  /// at this map (`what` says what the key holds, for the message).
  const ConfigNode& require(std::string_view key, std::string_view path,
                            std::string_view what = {}) const;
  /// Throws ConfigError at the first key not in `allowed`:
  /// "file:line:col: path.key: unknown key; did you mean 'x'? known: a, b".
  void check_keys(std::string_view path, const std::vector<std::string>& allowed) const;
  /// Replaces the value of `key` in place, or appends the entry.
  void set(std::string key, ConfigNode value, SourceLocation key_at = {});
  bool erase(std::string_view key);
  void append(ConfigNode item);

  /// Typed reads. `path` names the value in errors ("optimizer.momentum"); every failure
  /// throws ConfigError "file:line:col: path: expected ..., got ...".
  double as_number(std::string_view path) const;
  std::int64_t as_integer(std::string_view path) const;
  bool as_bool(std::string_view path) const;
  std::string as_string(std::string_view path) const;

  /// Throws ConfigError at this node: "file:line:col: path: expected <expected>, got <this>".
  [[noreturn]] void fail(std::string_view path, std::string_view expected) const;
  /// How the value reads in an error: 'text', "a list", "a map", "nothing".
  std::string describe() const;

  /// One-line text with map keys sorted and numbers in a canonical form, so that key
  /// order and number formatting (0.1 vs 1e-1) do not change it. Identities hash this.
  std::string canonical() const;
  /// Short flow-style text in written order, for tables and legends ("{plugin: sgd}").
  std::string flow() const;

private:
  Kind kind_ = Kind::null;
  std::string text_;
  std::vector<ConfigNode> items_;
  std::vector<Entry> entries_;
  SourceLocation at_;
};

struct ConfigNode::Entry {
  std::string key;
  SourceLocation key_at;
  ConfigNode value;
};

} // namespace nnlab
