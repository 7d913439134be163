# find_package(nnlab): the targets nnlab::core (the library plugins link) and
# nnlab::runner, the variable NNLAB_RUNNER (the runner's path) and nnlab_add_plugin().
#
#   find_package(nnlab REQUIRED)
#   nnlab_add_plugin(optimizer my_sgd my_sgd.cpp)   # -> <build>/plugins/nnlab_optimizer_my_sgd.so
#
# Only what nnlab::core's public interface needs is looked for: Armadillo and Boost's
# headers. The libraries libnnlab uses privately (yaml-cpp, HDF5, ...) are its own business.
include(CMakeFindDependencyMacro)
find_dependency(Armadillo)
include("${CMAKE_CURRENT_LIST_DIR}/NnlabArmadillo.cmake")
find_dependency(Boost 1.74)

include("${CMAKE_CURRENT_LIST_DIR}/nnlabTargets.cmake")
get_target_property(NNLAB_RUNNER nnlab::runner LOCATION)
include("${CMAKE_CURRENT_LIST_DIR}/NnlabPlugin.cmake")
