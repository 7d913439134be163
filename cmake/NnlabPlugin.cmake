# nnlab_add_plugin(<kind> <name> <sources...>)
#
# The one CMake line a plugin needs. Builds the MODULE library nnlab_<kind>_<name>.so
# into the plugin folder, where the runner finds it by <kind> and <name>.
# <kind> is optimizer, loss or dataset.
function(nnlab_add_plugin kind name)
  if(NOT kind MATCHES "^(optimizer|loss|dataset)$")
    message(FATAL_ERROR "nnlab_add_plugin: kind must be optimizer, loss or dataset, got '${kind}'")
  endif()
  if(NOT name MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "nnlab_add_plugin: name must be lower_snake_case, got '${name}'")
  endif()
  set(target nnlab_${kind}_${name})
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE nnlab::core)
  if(TARGET nnlab_warnings)
    target_link_libraries(${target} PRIVATE nnlab_warnings)
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${NNLAB_PLUGIN_OUTPUT_DIR}")
  set_property(GLOBAL APPEND PROPERTY NNLAB_PLUGIN_TARGETS ${target})
endfunction()
