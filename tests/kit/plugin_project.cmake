# cmake -DPREFIX=<nnlab install> -DLIBDIR=<its lib dir> -DWORK=<folder> -DNAME=<plugin> -DGENERATOR=<generator>
#       (-DSOURCE=<project folder> | -DKIND=optimizer|loss|dataset) [-DRUN_PROJECT_TESTS=ON]
#       -P plugin_project.cmake
# What a plugin author does, with the installed nnlab only: take the project in SOURCE, or
# have `runner new KIND NAME` write one; configure it with CMAKE_PREFIX_PATH=PREFIX, build
# it, and train with its experiment NAME.yaml through the installed runner and
# --plugin-path. Checks the run is stored, learnt its task and reproduces, and that a value
# outside a declared range is refused. With RUN_PROJECT_TESTS, also runs the project's own
# ctest (its check-plugin test).
cmake_minimum_required(VERSION 3.25) # policies: list() keeps empty CSV fields
set(runner "${PREFIX}/bin/runner")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}): ${ARGN}\n${out}${err}")
  endif()
  set(output "${out}${err}" PARENT_SCOPE)
endfunction()

if(KIND)
  run("runner new" "${runner}" new ${KIND} ${NAME} --dir "${WORK}")
  set(SOURCE "${WORK}/${NAME}")
  set(plugin_file "${WORK}/build/plugins/nnlab_${KIND}_${NAME}.so")
else()
  set(plugin_file "${WORK}/build/plugins/nnlab_optimizer_${NAME}.so")
endif()

# nnlab's warnings, as errors: what `runner new` writes must compile cleanly.
run("configure" ${CMAKE_COMMAND} -S "${SOURCE}" -B "${WORK}/build" -G "${GENERATOR}"
  -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=Debug
  "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Werror")
file(STRINGS "${WORK}/build/CMakeCache.txt" found REGEX "^nnlab_DIR:")
if(NOT found STREQUAL "nnlab_DIR:PATH=${PREFIX}/${LIBDIR}/cmake/nnlab")
  message(FATAL_ERROR "found another nnlab: ${found}")
endif()
run("build" ${CMAKE_COMMAND} --build "${WORK}/build")
if(NOT EXISTS "${plugin_file}")
  message(FATAL_ERROR "no plugin at ${plugin_file}")
endif()

run("training" "${runner}" "${SOURCE}/${NAME}.yaml" --plugin-path "${WORK}/build/plugins"
  --out "${WORK}/results" --no-plots --jobs 1)
if(NOT output MATCHES "1 trained")
  message(FATAL_ERROR "no run trained:\n${output}")
endif()
if(NOT EXISTS "${WORK}/results/${NAME}/runs.h5")
  message(FATAL_ERROR "no store at ${WORK}/results/${NAME}/runs.h5:\n${output}")
endif()
# summary.csv: a header, then one row per run: the run is done and learnt its task (each
# experiment reaches 95% or more on its test set; below 90% the plugin did not do its job).
file(STRINGS "${WORK}/results/${NAME}/summary.csv" rows)
list(LENGTH rows count)
if(NOT count EQUAL 2)
  message(FATAL_ERROR "summary.csv should hold one run:\n${rows}\n${output}")
endif()
list(GET rows 1 row)
string(REPLACE "," ";" fields "${row}")
list(GET fields 4 status)
list(GET fields 10 accuracy_test)
if(NOT status STREQUAL "done" OR accuracy_test LESS 0.9)
  message(FATAL_ERROR "the run did not train as it should:\n${rows}\n${output}")
endif()
# The store names the plugin: re-executing its run needs the plugin again, and gives the
# same bits.
run("verify" "${runner}" verify "${WORK}/results/${NAME}/runs.h5" --plugin-path
  "${WORK}/build/plugins")
if(NOT output MATCHES "1 reproduced, 0 differ")
  message(FATAL_ERROR "the stored run does not reproduce:\n${output}")
endif()

# The plugin's declared ranges are checked with nothing written for it but the declaration:
# a value outside is refused with status 2, naming the key (the loss skeleton declares none).
if(NOT KIND STREQUAL "loss")
  if(KIND STREQUAL "dataset")
    set(outside spread=0)
    set(refusal "dataset.spread: expected a number > 0, got '0'")
  else()
    set(outside weight_decay=-1)
    set(refusal "optimizer.weight_decay: expected a number >= 0, got '-1'")
  endif()
  execute_process(COMMAND "${runner}" check-plugin ${NAME} --set ${outside}
                  --plugin-path "${WORK}/build/plugins"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(FIND "${err}" "${refusal}" at)
  if(NOT status EQUAL 2 OR at EQUAL -1)
    message(FATAL_ERROR "${outside} should be refused (status 2, '${refusal}'), got status "
                        "${status}:\n${out}${err}")
  endif()
endif()

if(RUN_PROJECT_TESTS)
  run("the project's ctest" ${CMAKE_CTEST_COMMAND} --test-dir "${WORK}/build" --output-on-failure)
endif()
message(STATUS "${NAME}: built against ${PREFIX}, trained to test accuracy ${accuracy_test}")
