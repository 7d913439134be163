# `cpack -G DEB` (the package preset's last step): build/<preset>/nnlab_<version>_amd64.deb
# with everything `cmake --install` puts in the prefix /usr (NnlabInstall.cmake). Depends
# comes from the binaries (dpkg-shlibdeps) plus the tools the runner calls: gnuplot draws
# every plot, h5dump/h5diff read a store (the README's commands); and OpenBLAS.
# The package installs into the configured prefix, whose libdir GNUInstallDirs chose at
# configure time: the package and ci presets configure with /usr (lib/x86_64-linux-gnu).

set(CPACK_PACKAGE_NAME nnlab)
set(CPACK_PACKAGE_VENDOR nnlab)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "reproducible neural-network experiments: YAML sweeps, plugins, HDF5, gnuplot")
set(CPACK_PACKAGE_DESCRIPTION "nnlab trains every point of an experiment's sweep (a YAML file), \
stores every run in one HDF5 file and draws gnuplot plots and an HTML report; the same \
YAML and seed give the same numbers to the bit. Datasets, optimizers and losses are plugins. \
This package holds the runner, libnnlab, the shipped plugins, the headers and CMake package \
for building plugins (find_package(nnlab)), the man page, bash and zsh completion, the \
Python module nnlab_store and the example experiments in /usr/share/nnlab.")
set(CPACK_PACKAGE_CONTACT "nnlab developers <nnlab@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # nnlab_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON) # libnnlab.so.0: shlibs and the ldconfig trigger
# Armadillo links the libblas.so.3 alternative, which is the slow reference BLAS unless
# OpenBLAS is installed: libopenblas0 makes it OpenBLAS (runner --version names it).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gnuplot-nox | gnuplot, hdf5-tools, libopenblas0")
# Suggested, not recommended: nnlab_store's imports (python3-pandas alone recommends some 400
# packages, which apt would install with the default settings), mpirun, and what building a
# plugin needs (a compiler and the headers libnnlab's public headers include). README and
# nnlab_store's error say what to install.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-h5py, python3-pandas, python3-yaml, openmpi-bin, \
cmake, g++, libarmadillo-dev, libboost-dev")

include(CPack)
