#include "nnlab/engine/library_checks.hpp"

#include <algorithm>

#include "nnlab/core/error.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

LibraryChecks LibraryChecks::parse(const std::string& text, const std::string& where) {
  LibraryChecks checks;
  if (text.empty()) return checks;
  const auto refuse = [&](const std::string& why) {
    throw StorageError(where + ": library_checks: expected a list of checks, " + why);
  };
  ConfigNode list;
  try {
    list = parse_yaml(text, where + ":library_checks");
  } catch (const Error& e) {
    refuse(std::string("got text that is not YAML (") + e.what() + ")");
  }
  if (list.is_null()) return checks;
  if (!list.is_sequence()) refuse("got " + list.describe());
  for (const ConfigNode& item : list.items()) {
    const auto field = [&](const char* key) {
      const ConfigNode* value = item.is_map() ? item.find(key) : nullptr;
      if (!value || !value->is_scalar()) refuse(std::string("got a check without ") + key);
      return value->text();
    };
    LibraryCheck check{field("library"),
                       field("now"),
                       field("was"),
                       field("run"),
                       field("reproduced") == "true",
                       "",
                       field("checked")};
    if (const ConfigNode* difference = item.find("difference"))
      check.difference = difference->text();
    checks.add(std::move(check));
  }
  return checks;
}

std::string LibraryChecks::to_yaml() const {
  ConfigNode list = ConfigNode::sequence();
  for (const LibraryCheck& check : checks_) {
    ConfigNode map = ConfigNode::map();
    map.set("library", ConfigNode::scalar(check.library));
    map.set("now", ConfigNode::scalar(check.now));
    map.set("was", ConfigNode::scalar(check.was));
    map.set("run", ConfigNode::scalar(check.run));
    map.set("reproduced", ConfigNode::scalar(check.reproduced ? "true" : "false"));
    if (!check.reproduced) map.set("difference", ConfigNode::scalar(check.difference));
    map.set("checked", ConfigNode::scalar(check.checked));
    list.append(std::move(map));
  }
  return nnlab::to_yaml(list);
}

std::vector<std::string> LibraryChecks::alike(const std::string& library,
                                              const std::string& hash) const {
  // The builds linked to `hash` by checks that reproduced, directly or through others.
  std::vector<std::string> found{hash};
  for (bool grew = true; grew;) {
    grew = false;
    for (const LibraryCheck& check : checks_) {
      if (check.library != library || !check.reproduced) continue;
      const bool has_now = contains(found, check.now), has_was = contains(found, check.was);
      if (has_now != has_was) {
        found.push_back(has_now ? check.was : check.now);
        grew = true;
      }
    }
  }
  return found;
}

const LibraryCheck* LibraryChecks::deciding(const std::string& library, const std::string& now,
                                            const std::string& was) const {
  if (now == was) return nullptr;
  const std::vector<std::string> a = alike(library, now);
  const bool same = contains(a, was);
  const std::vector<std::string> b = same ? a : alike(library, was);
  for (const LibraryCheck& check : checks_) {
    if (check.library != library || check.reproduced != same) continue;
    if ((contains(a, check.now) && contains(b, check.was)) ||
        (contains(b, check.now) && contains(a, check.was)))
      return &check;
  }
  return nullptr;
}

LibraryChecks::Verdict LibraryChecks::verdict(const std::string& library, const std::string& now,
                                              const std::string& was) const {
  if (now == was) return Verdict::same;
  const LibraryCheck* check = deciding(library, now, was);
  if (!check) return Verdict::unchecked;
  return check->reproduced ? Verdict::same : Verdict::differs;
}

} // namespace nnlab
