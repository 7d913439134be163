# cmake -DRUNNER=... -DARGS="a;b" -DEXPECT_EXIT=1 -DEXPECT_STDOUT=regex -P expect_output.cmake
# Runs the runner and checks its exit status and that stdout matches the regex (ctest's
# PASS_REGULAR_EXPRESSION alone would ignore the exit status).
execute_process(COMMAND ${RUNNER} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT status EQUAL EXPECT_EXIT)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}")
endif()
if(NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match '${EXPECT_STDOUT}'")
endif()
