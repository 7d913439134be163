#include "support/plugins.hpp"

#include "nnlab/config/run_config.hpp"
#include "nnlab/yaml/yaml_source.hpp"

namespace nnlab::test {

std::filesystem::path source_dir() {
  return NNLAB_SOURCE_DIR;
}

Registry& registry() {
  static Registry instance({NNLAB_TEST_PLUGIN_DIR});
  return instance;
}

PluginBlock block(const std::string& path, PluginKind kind, std::string_view yaml,
                  const std::filesystem::path& base_dir) {
  return read_plugin_block(parse_yaml(yaml, "<test>"), path, kind, base_dir);
}

std::shared_ptr<Optimizer> make_optimizer(std::string_view yaml) {
  return registry().create_optimizer(block("optimizer", PluginKind::optimizer, yaml));
}

std::shared_ptr<Loss> make_loss(std::string_view yaml) {
  return registry().create_loss(block("loss", PluginKind::loss, yaml));
}

std::shared_ptr<Dataset> make_dataset(std::string_view yaml,
                                      const std::filesystem::path& base_dir) {
  return registry().create_dataset(block("dataset", PluginKind::dataset, yaml, base_dir));
}

} // namespace nnlab::test
