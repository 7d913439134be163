#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>

#include "nnlab/yaml/config_node.hpp"

namespace nnlab::yaml_detail {

/// Builds a ConfigNode tree from yaml-cpp's parser events, so that what a document may cost
/// is known while it is read (yaml-cpp's own Node would share an alias's node, and the
/// conversion to ConfigNode then copy it as often as it is named: a few hundred bytes of
/// aliases become gigabytes):
/// - an alias copies its anchor's tree only while the document's tree stays within
///   `growth` times what was written so far plus `allowance` (a tree's size: 64 bytes per
///   node plus its text); past that, ConfigError at the alias: file:line:col, its name;
/// - nesting, aliases' included, stops at `max_depth` levels (ConfigError at the node);
/// - an alias inside the node it names (a cycle) is refused;
/// - YAML's merge key `<<: *base` (or `<<: [*a, *b]`) adds the entries of the maps named
///   that the map does not have itself, where the `<<` was written.
/// Keys must be scalars and appear once per map (as before).
class TreeBuilder final : public YAML::EventHandler {
public:
  static constexpr std::size_t growth = 4;
  static constexpr std::size_t allowance = 1 << 20;
  static constexpr int max_depth = 64;

  explicit TreeBuilder(std::string source) : source_(std::move(source)) {}

  /// The document's tree; null (at line 0) when there was none.
  ConfigNode take();

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;
  void OnSequenceEnd() override;
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;
  void OnMapEnd() override;
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override;

private:
  /// A node whose children are being read.
  struct Open {
    ConfigNode node;
    YAML::anchor_t anchor = 0;
    std::size_t size = 0; ///< its tree's size so far
    int height = 1;       ///< levels of nesting in it, itself included
    // A map between a key and its value:
    std::optional<ConfigNode::Entry> key;
    bool merge_key = false; ///< the key is a plain `<<`
    std::optional<std::size_t> merge_at;
  };
  /// A node read whole, kept under its anchor for the aliases that name it.
  struct Anchored {
    ConfigNode node;
    std::size_t size = 0;
    int height = 0;
  };

  SourceLocation at(const YAML::Mark& mark) const;
  void open(ConfigNode node, const YAML::Mark& mark, YAML::anchor_t anchor);
  void close();
  /// A whole node: its parent's next item, key or value (or the document).
  void add(ConfigNode node, std::size_t size, int height, YAML::anchor_t anchor,
           bool plain_merge_key = false);
  void merge(Open& map) const;
  std::string anchor_name(YAML::anchor_t anchor) const;
  std::string scale(std::size_t bytes) const;

  std::string source_;
  std::vector<Open> stack_;
  std::optional<ConfigNode> root_;
  std::map<YAML::anchor_t, Anchored> anchored_;
  std::map<YAML::anchor_t, std::string> names_;
  std::string next_anchor_name_;
  std::size_t written_ = 0; ///< the size of what the document writes itself
  std::size_t total_ = 0;   ///< the size of the tree, aliases expanded
};

} // namespace nnlab::yaml_detail
