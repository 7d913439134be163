#include "tree_builder.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>
#include <utility>

#include <yaml-cpp/mark.h>

#include "nnlab/core/error.hpp"

namespace nnlab::yaml_detail {

namespace {

// What a node is taken to cost in the tree: its share of ConfigNode and its place, and its
// text. Close enough to the memory a tree takes to bound it, and the same on every machine.
constexpr std::size_t node_size = 64;

std::size_t size_of(const std::string& text) {
  return node_size + text.size();
}

} // namespace

SourceLocation TreeBuilder::at(const YAML::Mark& mark) const {
  // yaml-cpp marks are 0-based; a null mark (-1) means "unknown".
  if (mark.line < 0) return {source_, 0, 0};
  return {source_, mark.line + 1, mark.column + 1};
}

std::string TreeBuilder::anchor_name(YAML::anchor_t anchor) const {
  const auto it = names_.find(anchor);
  return it == names_.end() ? std::string("?") : it->second;
}

std::string TreeBuilder::scale(std::size_t bytes) const {
  char text[32];
  if (bytes >= (1u << 20))
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1u << 20));
  else
    std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / (1u << 10));
  return text;
}

ConfigNode TreeBuilder::take() {
  if (!root_) return ConfigNode::null({source_, 0, 0});
  return std::move(*root_);
}

void TreeBuilder::OnAnchor(const YAML::Mark&, const std::string& name) {
  next_anchor_name_ = name;
}

void TreeBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (anchor) names_[anchor] = next_anchor_name_;
  written_ += node_size;
  total_ += node_size;
  add(ConfigNode::null(at(mark)), node_size, 0, anchor);
}

void TreeBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                           const std::string& value) {
  if (anchor) names_[anchor] = next_anchor_name_;
  const std::size_t size = size_of(value);
  written_ += size;
  total_ += size;
  // A plain `<<` key is YAML's merge key; quoted ("<<") it is a key like any other.
  add(ConfigNode::scalar(value, at(mark)), size, 0, anchor, tag == "?" && value == "<<");
}

void TreeBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const SourceLocation where = at(mark);
  const std::string name = "alias *" + anchor_name(anchor);
  const auto it = anchored_.find(anchor);
  if (it == anchored_.end())
    throw ConfigError(where.str() + ": " + name +
                      ": expected an alias of a node written before, got one inside the node "
                      "it names (a cycle)");
  const Anchored& target = it->second;
  const int depth = static_cast<int>(stack_.size()) + target.height;
  if (depth > max_depth)
    throw ConfigError(where.str() + ": " + name + ": nesting deeper than " +
                      std::to_string(max_depth) + " levels with the node it names (" +
                      std::to_string(target.height) + " levels); an experiment needs a few");
  const std::size_t limit = growth * written_ + allowance;
  if (total_ + target.size > limit)
    throw ConfigError(where.str() + ": " + name + ": aliases expand the document past " +
                      std::to_string(growth) + " times its own size plus " + scale(allowance) +
                      " (to more than " + scale(total_ + target.size) + " from " + scale(written_) +
                      " written); an alias may repeat a block, not multiply " + "a document");
  total_ += target.size;
  add(target.node, target.size, target.height, 0);
}

void TreeBuilder::open(ConfigNode node, const YAML::Mark& mark, YAML::anchor_t anchor) {
  if (anchor) names_[anchor] = next_anchor_name_;
  if (static_cast<int>(stack_.size()) >= max_depth)
    throw ConfigError(at(mark).str() + ": nesting deeper than " + std::to_string(max_depth) +
                      " levels of lists and maps; an experiment needs a few");
  written_ += node_size;
  total_ += node_size;
  Open frame;
  frame.node = std::move(node);
  frame.anchor = anchor;
  frame.size = node_size;
  stack_.push_back(std::move(frame));
}

void TreeBuilder::OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                                  YAML::EmitterStyle::value) {
  open(ConfigNode::sequence(at(mark)), mark, anchor);
}

void TreeBuilder::OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                             YAML::EmitterStyle::value) {
  open(ConfigNode::map(at(mark)), mark, anchor);
}

void TreeBuilder::OnSequenceEnd() {
  close();
}

void TreeBuilder::OnMapEnd() {
  if (stack_.back().merge_at) merge(stack_.back());
  close();
}

void TreeBuilder::close() {
  Open frame = std::move(stack_.back());
  stack_.pop_back();
  add(std::move(frame.node), frame.size, frame.height, frame.anchor);
}

void TreeBuilder::add(ConfigNode node, std::size_t size, int height, YAML::anchor_t anchor,
                      bool plain_merge_key) {
  if (anchor) anchored_[anchor] = Anchored{node, size, height};
  if (stack_.empty()) {
    root_ = std::move(node);
    return;
  }
  Open& parent = stack_.back();
  parent.size += size;
  parent.height = std::max(parent.height, height + 1);
  if (parent.node.is_sequence()) {
    parent.node.append(std::move(node));
    return;
  }
  if (!parent.key) {
    if (!node.is_scalar())
      throw ConfigError(node.location().str() + ": expected a plain key (a name), got " +
                        node.describe());
    parent.key = ConfigNode::Entry{node.text(), node.location(), {}};
    parent.merge_key = plain_merge_key;
    return;
  }
  ConfigNode::Entry entry = std::move(*parent.key);
  parent.key.reset();
  if (const auto* first = parent.node.find_entry(entry.key))
    throw ConfigError(entry.key_at.str() + ": " + entry.key +
                      ": duplicate key (first given at line " + std::to_string(first->key_at.line) +
                      ")");
  if (parent.merge_key) parent.merge_at = parent.node.entries().size();
  parent.node.set(std::move(entry.key), std::move(node), std::move(entry.key_at));
}

// YAML 1.1's merge key: the map's own entries win over merged ones, and a map named earlier
// in `<<: [*a, *b]` over one named later.
void TreeBuilder::merge(Open& map) const {
  const ConfigNode::Entry& merge_entry = map.node.entries()[*map.merge_at];
  const ConfigNode& value = merge_entry.value;
  std::vector<const ConfigNode*> sources;
  if (value.is_map())
    sources.push_back(&value);
  else if (value.is_sequence())
    for (const auto& item : value.items())
      sources.push_back(&item);
  for (const ConfigNode* source : sources)
    if (!source->is_map())
      source->fail("<<", "a map or a list of maps to merge (YAML merge key, e.g. <<: *base)");
  if (sources.empty())
    value.fail("<<", "a map or a list of maps to merge (YAML merge key, e.g. <<: *base)");

  std::unordered_set<std::string> keys; // the map's own, then each merged one
  for (const auto& entry : map.node.entries())
    keys.insert(entry.key);
  ConfigNode merged = ConfigNode::map(map.node.location());
  for (std::size_t i = 0; i < map.node.entries().size(); ++i) {
    const ConfigNode::Entry& entry = map.node.entries()[i];
    if (i != *map.merge_at) {
      merged.set(entry.key, entry.value, entry.key_at);
      continue;
    }
    for (const ConfigNode* source : sources)
      for (const auto& inherited : source->entries())
        if (keys.insert(inherited.key).second)
          merged.set(inherited.key, inherited.value, inherited.key_at);
  }
  map.node = std::move(merged);
}

} // namespace nnlab::yaml_detail
