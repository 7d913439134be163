# cmake -DBUILD_DIR=<nnlab build> -DPREFIX=<folder> -DLIBDIR=<lib dir> -P install_prefix.cmake
# (LIBDIR: CMAKE_INSTALL_LIBDIR, lib or lib/x86_64-linux-gnu)
# Installs the build into a fresh PREFIX and checks what a plugin project and a user need
# is there, that internal and private dependencies stay out of the CMake package, and that
# the installed runner finds the installed plugins on its own.
cmake_minimum_required(VERSION 3.25) # policies: list() keeps empty CSV fields
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status}):\n${out}${err}")
endif()

foreach(file
    bin/runner ${LIBDIR}/libnnlab.so include/nnlab/plugin.hpp include/nnlab/plugin/optimizer.hpp
    include/nnlab/export.hpp include/nnlab/core/version.hpp include/nnlab/core/git_commit.hpp
    ${LIBDIR}/nnlab/plugins/nnlab_optimizer_sgd.so
    ${LIBDIR}/nnlab/plugins/nnlab_loss_binary_cross_entropy.so
    ${LIBDIR}/nnlab/plugins/nnlab_dataset_xor.so
    ${LIBDIR}/cmake/nnlab/nnlabConfig.cmake ${LIBDIR}/cmake/nnlab/nnlabConfigVersion.cmake
    ${LIBDIR}/cmake/nnlab/nnlabTargets.cmake ${LIBDIR}/cmake/nnlab/NnlabPlugin.cmake
    share/man/man1/runner.1.gz share/bash-completion/completions/runner
    share/zsh/vendor-completions/_runner share/nnlab/experiments/xor.yaml
    share/nnlab/data/xor_train.csv lib/python3/dist-packages/nnlab_store/__init__.py)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${PREFIX}/${file}")
  endif()
endforeach()
# The SONAME chain: libnnlab.so -> libnnlab.so.0 -> libnnlab.so.0.x.y
foreach(link ${LIBDIR}/libnnlab.so ${LIBDIR}/libnnlab.so.0)
  if(NOT IS_SYMLINK "${PREFIX}/${link}")
    message(FATAL_ERROR "${PREFIX}/${link} is not a symlink")
  endif()
endforeach()
# The headers a plugin author reaches through plugin.hpp (the YAML tree its parameters come
# in) are installed; the library's private ones (the model's kernels, the io/ layer) are not.
if(NOT EXISTS "${PREFIX}/include/nnlab/yaml/config_node.hpp")
  message(FATAL_ERROR "not installed: ${PREFIX}/include/nnlab/yaml/config_node.hpp")
endif()
file(GLOB_RECURSE private_headers "${PREFIX}/include/*thin_products.hpp"
  "${PREFIX}/include/*sample_major_products.hpp" "${PREFIX}/include/*activation_kernels.hpp"
  "${PREFIX}/include/*hdf5_io.hpp" "${PREFIX}/include/*durable_file.hpp")
if(private_headers)
  message(FATAL_ERROR "private headers installed: ${private_headers}")
endif()
file(GLOB test_files "${PREFIX}/${LIBDIR}/nnlab/plugins/*fixture*" "${PREFIX}/bin/nnlab_tests")
if(test_files)
  message(FATAL_ERROR "test files installed: ${test_files}")
endif()

# nnlab::core's link interface names only what nnlabConfig.cmake finds (Armadillo, Boost's
# headers): not nnlab_warnings, nor yaml-cpp, HDF5 or OpenSSL, which libnnlab links
# privately. (CMake still lists its private shared libraries under
# IMPORTED_LINK_DEPENDENT_LIBRARIES, a linker hint that needs no target in the consumer.)
file(GLOB target_files "${PREFIX}/${LIBDIR}/cmake/nnlab/nnlabTargets*.cmake")
foreach(file IN LISTS target_files)
  file(READ "${file}" text)
  foreach(leak nnlab_warnings "${BUILD_DIR}")
    string(FIND "${text}" "${leak}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} mentions '${leak}'")
    endif()
  endforeach()
endforeach()
file(READ "${PREFIX}/${LIBDIR}/cmake/nnlab/nnlabTargets.cmake" text)
string(REGEX MATCH "INTERFACE_LINK_LIBRARIES \"[^\"]*\"" interface "${text}")
if(NOT interface STREQUAL "INTERFACE_LINK_LIBRARIES \"nnlab::armadillo;Boost::headers;dl\"")
  message(FATAL_ERROR "nnlab::core's link interface is ${interface}")
endif()

# The installed runner's default plugin folder is the installed one, not the build's.
execute_process(COMMAND "${PREFIX}/bin/runner" list
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "installed runner list failed (${status}):\n${out}${err}")
endif()
if(NOT out MATCHES "plugin search path:\n  ${PREFIX}/${LIBDIR}/nnlab/plugins  \\(built in\\)\n"
   OR NOT out MATCHES "sgd - [^\n]*\n      ${PREFIX}/${LIBDIR}/nnlab/plugins/nnlab_optimizer_sgd.so")
  message(FATAL_ERROR "installed runner does not list the installed plugins:\n${out}")
endif()
message(STATUS "installed into ${PREFIX}; its runner lists its plugins")
