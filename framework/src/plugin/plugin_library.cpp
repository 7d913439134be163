#include "nnlab/plugin/plugin_library.hpp"

#include <boost/dll/shared_library.hpp>
#include <dlfcn.h>

#include "nnlab/core/error.hpp"
#include "nnlab/plugin/plugin_base.hpp"
#include "nnlab/plugin/plugin_config.hpp"

namespace nnlab {

struct PluginLibrary::Impl {
  boost::dll::shared_library library;
  PluginDescription description;
  PluginFactory factory = nullptr;
};

std::string plugin_file_stem(PluginKind kind, const std::string& name) {
  return "nnlab_" + to_string(kind) + "_" + name;
}

PluginLibrary::PluginLibrary(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PluginLibrary::~PluginLibrary() = default;

std::shared_ptr<PluginLibrary> PluginLibrary::open(const std::filesystem::path& file) {
  const std::string where = "plugin " + file.string();
  auto impl = std::make_unique<Impl>();
  std::error_code ec;
  impl->library.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // Boost.DLL's own error text is a meaningless errno; dlerror() has the reason.
    const char* reason = dlerror();
    throw PluginError(where + ": cannot load: " + (reason ? reason : ec.message()));
  }
  for (const char* symbol : {"nnlab_plugin_api_version", "nnlab_plugin_info"})
    if (!impl->library.has(symbol))
      throw PluginError(where + ": not an nnlab plugin: no symbol '" + symbol +
                        "' (register the class with NNLAB_REGISTER_OPTIMIZER, "
                        "NNLAB_REGISTER_LOSS or NNLAB_REGISTER_DATASET)");

  const int version = impl->library.get_alias<int()>("nnlab_plugin_api_version")();
  if (version != plugin_api_version)
    throw PluginError(where + ": API version " + std::to_string(version) + ", runner expects " +
                      std::to_string(plugin_api_version) +
                      " (rebuild the plugin against this nnlab)");

  const PluginInfo& info = impl->library.get_alias<const PluginInfo&()>("nnlab_plugin_info")();
  PluginDescription& d = impl->description;
  d.kind = info.kind;
  d.name = info.name ? info.name : "";
  d.description = info.description ? info.description : "";
  d.file = file;
  impl->factory = info.create;
  if (!info.params || !info.create)
    throw PluginError(where + ": descriptor has no params() or factory");
  try {
    d.params = info.params();
  } catch (const std::exception& e) {
    throw PluginError(where + ": params() threw: " + e.what());
  }
  try {
    check_declarations(d.params);
  } catch (const PluginError& e) {
    throw PluginError(where + ": params(): " + e.what());
  }
  const std::string stem = plugin_file_stem(d.kind, d.name);
  if (file.stem().string() != stem)
    throw PluginError(where + ": declares " + to_string(d.kind) + " '" + d.name +
                      "', so its file must be named " + stem + file.extension().string());
  return std::shared_ptr<PluginLibrary>(new PluginLibrary(std::move(impl)));
}

const PluginDescription& PluginLibrary::description() const {
  return impl_->description;
}

std::shared_ptr<Plugin> PluginLibrary::create(const PluginConfig& config) const {
  const PluginDescription& d = impl_->description;
  std::unique_ptr<Plugin> object;
  try {
    object = impl_->factory(config);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginError(to_string(d.kind) + " '" + d.name + "' (" + d.file.string() +
                      "): construction failed: " + e.what());
  }
  if (!object)
    throw PluginError(to_string(d.kind) + " '" + d.name + "' (" + d.file.string() +
                      "): factory returned nothing");
  // The deleter holds the library, so it is unloaded only after the object is gone
  // (its destructor's code lives in the library).
  std::shared_ptr<const PluginLibrary> self = shared_from_this();
  return std::shared_ptr<Plugin>(object.release(), [self](Plugin* p) { delete p; });
}

} // namespace nnlab
