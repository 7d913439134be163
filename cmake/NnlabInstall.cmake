# What `cmake --install <build> --prefix P` puts in P, and the CMake package that lets a
# project of its own do find_package(nnlab) then nnlab_add_plugin(...):
#
#   P/bin/runner                       (RPATH $ORIGIN/../lib)
#   P/lib/libnnlab.so*                 (nnlab::core)
#   P/lib/nnlab/plugins/*.so           (each nnlab_add_plugin installs its own; the
#                                       registry looks beside libnnlab, as in the build tree)
#   P/include/nnlab/**                 (public headers, with the generated export.hpp,
#                                       core/version.hpp and core/git_commit.hpp)
#   P/lib/cmake/nnlab/                 (nnlabConfig.cmake, its version file, the exported
#                                       targets nnlab::core and nnlab::runner, and the
#                                       helper files the config includes)
#   P/share/man/man1/runner.1.gz       (`runner man`: the command table --help prints)
#   P/share/bash-completion/completions/runner, P/share/zsh/vendor-completions/_runner
#   P/share/nnlab/{experiments,data}   (the shipped experiments, runnable from there)
#   P/lib/python3/dist-packages/nnlab_store  (python3 -m nnlab_store STORE; pandas tables)
#
# "lib" above is CMAKE_INSTALL_LIBDIR: lib/x86_64-linux-gnu for the prefix /usr on Debian
# (GNUInstallDirs), which the ci and package presets use, so the Debian package's layout
# is the one CI tests. The registry finds the plugins beside libnnlab whichever it is.
#
# The build tree gets the same package in <build>/lib/cmake/nnlab, so a plugin project can
# also be built against a build that was never installed (-DCMAKE_PREFIX_PATH=<build>).
include(CMakePackageConfigHelpers)

set(NNLAB_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/nnlab")

set_target_properties(nnlab_core PROPERTIES EXPORT_NAME core)
install(TARGETS nnlab_core runner
  EXPORT nnlabTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/framework/include/nnlab"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY "${PROJECT_BINARY_DIR}/include/nnlab"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" FILES_MATCHING PATTERN "*.hpp")

# The config file only uses paths relative to itself, so one file serves both trees.
set(config_files
  "${PROJECT_SOURCE_DIR}/cmake/nnlabConfig.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/NnlabArmadillo.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/NnlabPlugin.cmake")
set(build_package_dir "${PROJECT_BINARY_DIR}/${NNLAB_INSTALL_CMAKEDIR}")
# 0.x: a new minor version may break plugins, so only the same minor version matches.
write_basic_package_version_file("${build_package_dir}/nnlabConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)

install(EXPORT nnlabTargets NAMESPACE nnlab:: DESTINATION "${NNLAB_INSTALL_CMAKEDIR}")
install(FILES ${config_files} "${build_package_dir}/nnlabConfigVersion.cmake"
  DESTINATION "${NNLAB_INSTALL_CMAKEDIR}")

export(EXPORT nnlabTargets NAMESPACE nnlab:: FILE "${build_package_dir}/nnlabTargets.cmake")
foreach(file IN LISTS config_files)
  cmake_path(GET file FILENAME name)
  configure_file("${file}" "${build_package_dir}/${name}" COPYONLY)
endforeach()

# --- what a user meets beside the binaries ----------------------------------------------------
set(man_page "${PROJECT_BINARY_DIR}/share/man/man1/runner.1.gz")
add_custom_command(OUTPUT "${man_page}"
  COMMAND ${CMAKE_COMMAND} -DRUNNER=$<TARGET_FILE:runner> -DOUTPUT=${man_page}
          -P "${PROJECT_SOURCE_DIR}/cmake/NnlabManPage.cmake"
  DEPENDS runner "${PROJECT_SOURCE_DIR}/cmake/NnlabManPage.cmake"
  COMMENT "Writing the man page runner(1)")
add_custom_target(nnlab_man_page ALL DEPENDS "${man_page}")
install(FILES "${man_page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

set(shell_dir "${PROJECT_SOURCE_DIR}/framework/runner/shell")
install(FILES "${shell_dir}/runner.bash" RENAME runner
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")
install(FILES "${shell_dir}/_runner" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")

# Relative data paths keep working there: experiments/*.yaml name ../data/*.csv.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/experiments" "${PROJECT_SOURCE_DIR}/data"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/nnlab")

# Where Debian's python3 finds modules of packages (/usr/lib/python3/dist-packages).
set(NNLAB_INSTALL_PYTHONDIR "lib/python3/dist-packages" CACHE STRING
  "Where nnlab_store (the Python helper) goes, relative to the prefix")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/framework/python/nnlab_store"
  DESTINATION "${NNLAB_INSTALL_PYTHONDIR}" PATTERN "__pycache__" EXCLUDE)
