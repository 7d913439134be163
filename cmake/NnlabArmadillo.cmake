# nnlab::armadillo: Armadillo as a target. FindArmadillo gives variables only
# (ARMADILLO_INCLUDE_DIRS, ARMADILLO_LIBRARIES): call find_package(Armadillo) first.
#
# It is an IMPORTED target, so nnlab::core's exported interface names it rather than
# copying this machine's paths; nnlabConfig.cmake includes this file after its own
# find_dependency(Armadillo), so a consumer gets the target from the Armadillo it finds.
if(NOT TARGET nnlab::armadillo)
  add_library(nnlab::armadillo INTERFACE IMPORTED)
  # Include directories of an imported target are SYSTEM: Armadillo's warnings stay quiet.
  set_target_properties(nnlab::armadillo PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ARMADILLO_INCLUDE_DIRS}"
    INTERFACE_LINK_LIBRARIES "${ARMADILLO_LIBRARIES}")
endif()
