# nnlab_warnings: an INTERFACE target linked PRIVATE by every nnlab target, so the
# warning flags never leak to consumers. NNLAB_WERROR turns them into errors (CI).
option(NNLAB_WERROR "Treat warnings as errors" OFF)

add_library(nnlab_warnings INTERFACE)
target_compile_options(nnlab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
# GCC 12 at -O2 raises two false positives in code we do not own: -Wrestrict on
# `"literal" + std::string` (GCC bug 105329, fixed in 12.3) and -Wfree-nonheap-object in
# Armadillo's release() of small matrices it never freed (they live in mem_local).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(nnlab_warnings INTERFACE -Wno-restrict -Wno-free-nonheap-object)
endif()
if(NNLAB_WERROR)
  target_compile_options(nnlab_warnings INTERFACE -Werror)
endif()
