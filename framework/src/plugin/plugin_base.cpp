#include "nnlab/plugin/plugin_base.hpp"

#include "nnlab/plugin/loss.hpp"
#include "nnlab/plugin/plugin_info.hpp"

namespace nnlab {

// Out-of-line destructors keep each plugin interface's vtable and type_info in
// libnnlab, shared by the runner and every plugin library.
Plugin::~Plugin() = default;
Loss::~Loss() = default;

std::string to_string(PluginKind kind) {
  switch (kind) {
  case PluginKind::dataset: return "dataset";
  case PluginKind::loss: return "loss";
  case PluginKind::optimizer: return "optimizer";
  }
  return "?";
}

std::optional<PluginKind> plugin_kind_from(std::string_view text) {
  for (const auto kind : {PluginKind::dataset, PluginKind::loss, PluginKind::optimizer})
    if (text == to_string(kind)) return kind;
  return std::nullopt;
}

} // namespace nnlab
