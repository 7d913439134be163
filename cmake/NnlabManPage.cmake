# cmake -DRUNNER=<runner> -DOUTPUT=<dir>/runner.1.gz -P NnlabManPage.cmake
# The man page runner(1), as the runner writes it from its command table (`runner man`, the
# same table --help prints), compressed as Debian's man pages are (gzip -9n: no name or
# time in the header, so the same page gives the same bytes).
cmake_minimum_required(VERSION 3.25)
get_filename_component(dir "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
string(REGEX REPLACE "\\.gz$" "" page "${OUTPUT}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 "${RUNNER}" man
  OUTPUT_FILE "${page}" RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "runner man failed (${status}): ${err}")
endif()
execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip ${page} failed (${status})")
endif()
