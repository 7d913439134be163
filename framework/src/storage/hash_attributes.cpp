#include "hash_attributes.hpp"

#include "io/hdf5_io.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::hdf5 {

namespace {

HashList parse(const std::string& text, const char* name) {
  const auto refuse = [&](const std::string& why) -> HashList {
    throw BadLayout(std::string("attribute '") + name + "' is not a map of names to SHA-256 (" +
                    why + ")");
  };
  ConfigNode map;
  try {
    map = parse_yaml(text, name);
  } catch (const Error& e) {
    return refuse(e.what());
  }
  if (!map.is_map()) return refuse("got " + map.describe());
  HashList list;
  for (const auto& entry : map.entries()) {
    if (!entry.value.is_scalar()) return refuse(entry.key + ": got " + entry.value.describe());
    list.emplace_back(entry.key, entry.value.text());
  }
  return list;
}

} // namespace

void write_hash_list(const H5::H5Object& object, const char* name, const HashList& list) {
  if (list.empty()) return;
  ConfigNode map = ConfigNode::map();
  for (const auto& [key, sha256] : list)
    map.set(key, ConfigNode::scalar(sha256));
  write_string(object, name, to_yaml(map));
}

HashList read_hash_list(const H5::H5Object& object, const char* name,
                        std::map<std::string, HashList>* parsed) {
  if (!object.attrExists(name)) return {};
  const std::string text = read_string(object, name);
  if (!parsed) return parse(text, name);
  const auto it = parsed->find(text);
  if (it != parsed->end()) return it->second;
  return parsed->emplace(text, parse(text, name)).first->second;
}

} // namespace nnlab::hdf5
