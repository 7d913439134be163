# cmake -DRUNNER=... -DARGS="a;b" -DEXPECT_EXIT=2 -DEXPECT_STDERR=regex -P expect_failure.cmake
# Runs the runner and checks its exit status and that stderr is one line matching the regex.
execute_process(COMMAND ${RUNNER} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}':\n${err}")
endif()
string(REGEX MATCHALL "\n" newlines "${err}")
list(LENGTH newlines lines)
if(NOT lines EQUAL 1)
  message(FATAL_ERROR "stderr has ${lines} lines, expected one:\n${err}")
endif()
