# nnlab_add_plugin(<kind> <name> <sources...>)
#
# The one CMake line a plugin needs. Builds the MODULE library nnlab_<kind>_<name>.so
# into the plugin folder, where the runner finds it by <kind> and <name>, and installs it
# into <prefix>/lib/nnlab/plugins, where an nnlab installed in the same prefix finds it.
# <kind> is optimizer, loss or dataset.
#
# The same file serves nnlab's own tree and, installed beside nnlabConfig.cmake, projects
# that find_package(nnlab). The plugin folder is NNLAB_PLUGIN_OUTPUT_DIR when set (nnlab's
# tree: <build>/lib/nnlab/plugins), else <build>/plugins: pass that to the runner with
# --plugin-path.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(nnlab_add_plugin kind name)
  if(NOT kind MATCHES "^(optimizer|loss|dataset)$")
    message(FATAL_ERROR "nnlab_add_plugin: kind must be optimizer, loss or dataset, got '${kind}'")
  endif()
  if(NOT name MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "nnlab_add_plugin: name must be lower_snake_case, got '${name}'")
  endif()
  if(NOT ARGN)
    message(FATAL_ERROR "nnlab_add_plugin(${kind} ${name}): no source files given")
  endif()
  set(output_dir "${NNLAB_PLUGIN_OUTPUT_DIR}")
  if(NOT output_dir)
    set(output_dir "${CMAKE_BINARY_DIR}/plugins")
  endif()

  set(target nnlab_${kind}_${name})
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE nnlab::core)
  if(TARGET nnlab_warnings) # nnlab's own warning flags exist only in nnlab's tree
    target_link_libraries(${target} PRIVATE nnlab_warnings)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${output_dir}"
    # From <prefix>/lib/nnlab/plugins back to <prefix>/lib, where libnnlab is.
    INSTALL_RPATH "$ORIGIN/../..")
  install(TARGETS ${target} LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}/nnlab/plugins")
  set_property(GLOBAL APPEND PROPERTY NNLAB_PLUGIN_TARGETS ${target})
endfunction()
