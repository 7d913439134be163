# nnlab_warnings: an INTERFACE target linked PRIVATE by every nnlab target, so the
# warning flags never leak to consumers. NNLAB_WERROR turns them into errors (CI).
option(NNLAB_WERROR "Treat warnings as errors" OFF)

add_library(nnlab_warnings INTERFACE)
target_compile_options(nnlab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(NNLAB_WERROR)
  target_compile_options(nnlab_warnings INTERFACE -Werror)
endif()
