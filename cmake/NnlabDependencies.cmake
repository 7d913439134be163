# Finds the Debian packages scripts/install-deps.sh installs and gives each one a target.

find_package(Armadillo REQUIRED)
include(NnlabArmadillo) # the target nnlab::armadillo

find_package(HDF5 REQUIRED COMPONENTS C CXX)
find_package(yaml-cpp REQUIRED)                 # 0.7: the target is plain `yaml-cpp`
# gnuplot-iostream needs Iostreams, and Filesystem for its temp-file helper.
find_package(Boost 1.74 REQUIRED COMPONENTS program_options iostreams filesystem)
find_package(OpenSSL REQUIRED COMPONENTS Crypto) # SHA-256 of plugin libraries
find_package(nlohmann_json 3.11 REQUIRED)      # the runner's --json output (header-only)
# runner export --format onnx writes its models through Debian's ONNX protos (libonnx-dev:
# the target onnx_proto, built on libprotobuf), not a hand-written protobuf encoder.
find_package(Protobuf REQUIRED)
find_package(ONNX 1.12 REQUIRED)
