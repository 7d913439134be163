# Runs a 3-run sweep, opens its report.html in headless Chromium and checks what the page
# itself counted once loaded: <body data-images="loaded/total" data-rows="N">; then the
# same for runner compare's report.html over that sweep and a 2-run one.
if(NOT EXISTS "${CHROMIUM}")
  message(FATAL_ERROR "no Chromium at '${CHROMIUM}': run scripts/install-deps.sh")
endif()
file(REMOVE_RECURSE "${WORK}")
execute_process(
  COMMAND "${RUNNER}" "${SOURCE_DIR}/experiments/xor.yaml" training.iterations=30 training.snapshots=10
          "seeds=[1, 2, 3]" --out "${WORK}" -q
  RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "runner failed (${status}): ${errors}")
endif()
set(report "${WORK}/xor/report.html")
file(GLOB pngs "${WORK}/xor/plots/*.png" "${WORK}/xor/plots/*.gif")
list(LENGTH pngs png_count)

# Root cannot use Chromium's sandbox; the page needs no network and no GPU.
set(chromium "${CHROMIUM}" --headless --no-sandbox --disable-gpu --hide-scrollbars
    --virtual-time-budget=10000)

# Opens `page` and checks what it counted once loaded: every image, `expected_rows` runs.
function(check_page page expected_images expected_rows)
  execute_process(COMMAND ${chromium} --dump-dom "file://${page}"
    RESULT_VARIABLE status OUTPUT_VARIABLE dom ERROR_QUIET TIMEOUT 120)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "chromium --dump-dom ${page} failed (${status})")
  endif()
  if(NOT dom MATCHES "<body data-images=\"([0-9]+)/([0-9]+)\" data-rows=\"([0-9]+)\">")
    message(FATAL_ERROR "${page} did not report itself loaded: no data-images/data-rows on <body>")
  endif()
  set(loaded ${CMAKE_MATCH_1})
  set(total ${CMAKE_MATCH_2})
  set(rows ${CMAKE_MATCH_3})
  if(NOT total EQUAL expected_images OR NOT loaded EQUAL total)
    message(FATAL_ERROR "${page}: ${loaded} of ${total} images loaded; expected ${expected_images}")
  endif()
  if(NOT rows EQUAL expected_rows)
    message(FATAL_ERROR "${page}: the run table has ${rows} rows, expected ${expected_rows}")
  endif()
  message(STATUS "${page}: ${loaded}/${total} images, ${rows} rows")
endfunction()

check_page("${report}" ${png_count} 3)

# runner compare's page: this sweep against a 2-seed one, every run of both in the table.
execute_process(
  COMMAND "${RUNNER}" "${SOURCE_DIR}/experiments/xor.yaml" name=xor_short training.iterations=20
          "seeds=[1, 2]" --out "${WORK}" -q --no-plots
  RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "runner failed (${status}): ${errors}")
endif()
execute_process(
  COMMAND "${RUNNER}" compare "${WORK}/xor/runs.h5" "${WORK}/xor_short/runs.h5" --out "${WORK}/cmp" -q
  RESULT_VARIABLE status ERROR_VARIABLE errors OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "runner compare failed (${status}): ${errors}")
endif()
file(GLOB compare_pngs "${WORK}/cmp/*.png")
list(LENGTH compare_pngs compare_png_count)
if(compare_png_count LESS 3)
  message(FATAL_ERROR "runner compare drew ${compare_png_count} PNG, expected convergence, accuracy and speed")
endif()
check_page("${WORK}/cmp/report.html" ${compare_png_count} 5)

# Screenshots of both pages stay as the test's artifacts (report.png, compare-report.png).
function(screenshot page artifact)
  get_filename_component(artifact_dir "${artifact}" DIRECTORY)
  file(MAKE_DIRECTORY "${artifact_dir}")
  file(REMOVE "${artifact}")
  execute_process(COMMAND ${chromium} --window-size=1200,1600 "--screenshot=${artifact}"
    "file://${page}" RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
  file(SIZE "${artifact}" size)
  if(NOT status EQUAL 0 OR size LESS 20000)
    message(FATAL_ERROR "no screenshot of ${page} (${status}, ${size} bytes)")
  endif()
  message(STATUS "screenshot ${artifact}")
endfunction()
screenshot("${report}" "${ARTIFACT}")
get_filename_component(artifact_dir "${ARTIFACT}" DIRECTORY)
screenshot("${WORK}/cmp/report.html" "${artifact_dir}/compare-report.png")
