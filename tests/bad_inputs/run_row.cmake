cmake_minimum_required(VERSION 3.25) # GLOB_RECURSE lists links, never follows them
# One row of the bad-input table (see CMakeLists.txt), run as
#   cmake -DRUNNER=... -DSCRATCH=dir -DARGS="a;b" -DEXPECT_EXIT=2 -DEXPECT_STDERR=regex
#         [-DSTORE_FIXTURE=exe] [-DSETUP_RUN="args"] [-DDAMAGE=newer|truncated|corrupted]
#         [-DFILES="path;..."] [-DLINKS="link=target;..."] [-DCOPIES="source=path;..."]
#         [-DREMOVES="path;..."] [-DPLUGIN_PATH=dir] [-DWRITES=ON] [-DEXPECT_STDOUT=regex]
#         -P run_row.cmake
# In a fresh folder SCRATCH (the runner's working folder, so `results/` lands there):
# 1. set up: make the COPIES, run the runner once with SETUP_RUN (a store in results/),
#    spoil its results/tiny/runs.h5 with DAMAGE, remove the REMOVES (what the store's runs
#    read, say), create the regular FILES and the symbolic LINKS (paths relative to SCRATCH);
# 2. run the runner with ARGS (NNLAB_PLUGIN_PATH is PLUGIN_PATH, or unset);
# 3. check the exit status and that stderr is one line matching EXPECT_STDERR (none when it
#    is empty: then stdout must match EXPECT_STDOUT);
# 4. unless WRITES: nothing written or lost, i.e. every file, folder and link in SCRATCH is
#    as before, byte for byte (no results folder for refused input, a store left intact).

function(fail what)
  message(FATAL_ERROR "${what}")
endfunction()

# Every entry under SCRATCH: folders and links by name (a link by its target, never
# followed), files by name and SHA-256.
function(snapshot out)
  file(GLOB_RECURSE entries LIST_DIRECTORIES true RELATIVE "${SCRATCH}" "${SCRATCH}/*")
  list(SORT entries)
  set(lines)
  foreach(entry IN LISTS entries)
    set(path "${SCRATCH}/${entry}")
    if(IS_SYMLINK "${path}")
      file(READ_SYMLINK "${path}" target)
      list(APPEND lines "link ${entry} -> ${target}")
    elseif(IS_DIRECTORY "${path}")
      list(APPEND lines "dir  ${entry}")
    else()
      file(SHA256 "${path}" hash)
      list(APPEND lines "file ${entry} ${hash}")
    endif()
  endforeach()
  string(REPLACE ";" "\n" text "${lines}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}")
unset(ENV{NNLAB_PLUGIN_PATH})

foreach(pair IN LISTS COPIES)
  string(REGEX REPLACE "=.*" "" source "${pair}")
  string(REGEX REPLACE "^[^=]*=" "" path "${pair}")
  get_filename_component(folder "${SCRATCH}/${path}" DIRECTORY)
  file(MAKE_DIRECTORY "${folder}")
  file(COPY_FILE "${source}" "${SCRATCH}/${path}")
endforeach()
if(SETUP_RUN)
  execute_process(COMMAND ${RUNNER} ${SETUP_RUN} WORKING_DIRECTORY "${SCRATCH}"
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    fail("setup: runner ${SETUP_RUN} exited ${status}:\n${out}${err}")
  endif()
endif()
if(DAMAGE)
  execute_process(COMMAND ${STORE_FIXTURE} "${SCRATCH}/results/tiny/runs.h5" ${DAMAGE}
    RESULT_VARIABLE status ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    fail("setup: nnlab_store_fixture ${DAMAGE} exited ${status}: ${err}")
  endif()
endif()
foreach(path IN LISTS REMOVES)
  file(REMOVE "${SCRATCH}/${path}")
endforeach()
foreach(path IN LISTS FILES)
  get_filename_component(folder "${SCRATCH}/${path}" DIRECTORY)
  file(MAKE_DIRECTORY "${folder}")
  file(WRITE "${SCRATCH}/${path}" "not a folder\n")
endforeach()
foreach(pair IN LISTS LINKS)
  string(REGEX REPLACE "=.*" "" link "${pair}")
  string(REGEX REPLACE "^[^=]*=" "" target "${pair}")
  get_filename_component(folder "${SCRATCH}/${link}" DIRECTORY)
  file(MAKE_DIRECTORY "${folder}")
  file(CREATE_LINK "${target}" "${SCRATCH}/${link}" SYMBOLIC)
endforeach()

snapshot(before)
if(PLUGIN_PATH)
  set(ENV{NNLAB_PLUGIN_PATH} "${PLUGIN_PATH}")
endif()
execute_process(COMMAND ${RUNNER} ${ARGS} WORKING_DIRECTORY "${SCRATCH}"
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(report "runner ${ARGS}\nexit status ${status}\nstdout: ${out}\nstderr: ${err}")
if(NOT status EQUAL EXPECT_EXIT)
  fail("exit status ${status}, expected ${EXPECT_EXIT}\n${report}")
endif()
if(EXPECT_STDERR)
  if(NOT err MATCHES "${EXPECT_STDERR}")
    fail("stderr does not match '${EXPECT_STDERR}'\n${report}")
  endif()
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  if(NOT lines EQUAL 1)
    fail("stderr has ${lines} lines, expected one\n${report}")
  endif()
elseif(NOT out MATCHES "${EXPECT_STDOUT}" OR NOT err STREQUAL "")
  fail("stdout does not match '${EXPECT_STDOUT}' or stderr is not empty\n${report}")
endif()
if(NOT WRITES)
  snapshot(after)
  if(NOT after STREQUAL before)
    fail("the runner wrote or changed files in ${SCRATCH}\nbefore:\n${before}\nafter:\n${after}\n${report}")
  endif()
endif()
