# Finds the Debian packages scripts/install-deps.sh installs and gives each one a target.

find_package(Armadillo REQUIRED)
# FindArmadillo gives variables only: wrap them in a target of our own.
if(NOT TARGET nnlab::armadillo)
  add_library(nnlab_armadillo INTERFACE)
  add_library(nnlab::armadillo ALIAS nnlab_armadillo)
  target_include_directories(nnlab_armadillo SYSTEM INTERFACE ${ARMADILLO_INCLUDE_DIRS})
  target_link_libraries(nnlab_armadillo INTERFACE ${ARMADILLO_LIBRARIES})
endif()

find_package(HDF5 REQUIRED COMPONENTS C CXX)
find_package(yaml-cpp REQUIRED)                 # 0.7: the target is plain `yaml-cpp`
# gnuplot-iostream needs Iostreams, and Filesystem for its temp-file helper.
find_package(Boost 1.74 REQUIRED COMPONENTS program_options iostreams filesystem)
find_package(OpenSSL REQUIRED COMPONENTS Crypto) # SHA-256 of plugin libraries
