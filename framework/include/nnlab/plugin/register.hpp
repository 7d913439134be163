#pragma once

#include <memory>

#include <boost/dll/alias.hpp>

#include "nnlab/plugin/plugin_config.hpp"
#include "nnlab/plugin/plugin_info.hpp"

/// Registers the plugin class of this library; the last line of a plugin's source.
///   NNLAB_REGISTER_OPTIMIZER(Momentum, "momentum", "heavy ball: v = mu v - alpha g; w += v")
/// The class needs `explicit Class(const nnlab::PluginConfig&)` and
/// `static nnlab::ParamList params()`. The name must match the library's file name
/// (nnlab_optimizer_momentum.so), which nnlab_add_plugin() gives it.
#define NNLAB_REGISTER_OPTIMIZER(Class, name, description)                                         \
  NNLAB_DETAIL_REGISTER(::nnlab::PluginKind::optimizer, Class, name, description)
#define NNLAB_REGISTER_LOSS(Class, name, description)                                              \
  NNLAB_DETAIL_REGISTER(::nnlab::PluginKind::loss, Class, name, description)
#define NNLAB_REGISTER_DATASET(Class, name, description)                                           \
  NNLAB_DETAIL_REGISTER(::nnlab::PluginKind::dataset, Class, name, description)

#define NNLAB_DETAIL_REGISTER(kind, Class, name, description)                                      \
  namespace {                                                                                      \
  int nnlab_detail_api_version() {                                                                 \
    return ::nnlab::plugin_api_version;                                                            \
  }                                                                                                \
  std::unique_ptr<::nnlab::Plugin> nnlab_detail_create(const ::nnlab::PluginConfig& config) {      \
    return std::make_unique<Class>(config);                                                        \
  }                                                                                                \
  const ::nnlab::PluginInfo& nnlab_detail_plugin_info() {                                          \
    static const ::nnlab::PluginInfo info{kind, name, description, &Class::params,                 \
                                          &nnlab_detail_create};                                   \
    return info;                                                                                   \
  }                                                                                                \
  }                                                                                                \
  BOOST_DLL_ALIAS(nnlab_detail_api_version, nnlab_plugin_api_version)                              \
  BOOST_DLL_ALIAS(nnlab_detail_plugin_info, nnlab_plugin_info)
