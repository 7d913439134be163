# Runs a 3-run sweep, opens its report.html in headless Chromium and checks what the page
# itself counted once loaded: <body data-images="loaded/total" data-rows="N">.
if(NOT EXISTS "${CHROMIUM}")
  message(FATAL_ERROR "no Chromium at '${CHROMIUM}': run scripts/install-deps.sh")
endif()
file(REMOVE_RECURSE "${WORK}")
execute_process(
  COMMAND "${RUNNER}" "${SOURCE_DIR}/experiments/xor.yaml" training.iterations=30
          "seeds=[1, 2, 3]" --out "${WORK}" -q
  RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "runner failed (${status}): ${errors}")
endif()
set(report "${WORK}/xor/report.html")
file(GLOB pngs "${WORK}/xor/plots/*.png")
list(LENGTH pngs png_count)

# Root cannot use Chromium's sandbox; the page needs no network and no GPU.
set(chromium "${CHROMIUM}" --headless --no-sandbox --disable-gpu --hide-scrollbars
    --virtual-time-budget=10000)
execute_process(COMMAND ${chromium} --dump-dom "file://${report}"
  RESULT_VARIABLE status OUTPUT_VARIABLE dom ERROR_QUIET TIMEOUT 120)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "chromium --dump-dom failed (${status})")
endif()
if(NOT dom MATCHES "<body data-images=\"([0-9]+)/([0-9]+)\" data-rows=\"([0-9]+)\">")
  message(FATAL_ERROR "the page did not report itself loaded: no data-images/data-rows on <body>")
endif()
set(loaded ${CMAKE_MATCH_1})
set(total ${CMAKE_MATCH_2})
set(rows ${CMAKE_MATCH_3})
if(NOT total EQUAL png_count OR NOT loaded EQUAL total)
  message(FATAL_ERROR "${loaded} of ${total} images loaded; the plots folder has ${png_count} PNG")
endif()
if(NOT rows EQUAL 3)
  message(FATAL_ERROR "the run table has ${rows} rows, expected 3 (one per run)")
endif()

get_filename_component(artifact_dir "${ARTIFACT}" DIRECTORY)
file(MAKE_DIRECTORY "${artifact_dir}")
file(REMOVE "${ARTIFACT}")
execute_process(COMMAND ${chromium} --window-size=1200,1600 "--screenshot=${ARTIFACT}"
  "file://${report}" RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
file(SIZE "${ARTIFACT}" size)
if(NOT status EQUAL 0 OR size LESS 20000)
  message(FATAL_ERROR "no screenshot of the report (${status}, ${size} bytes)")
endif()
message(STATUS "report.html: ${loaded}/${total} images, ${rows} rows; screenshot ${ARTIFACT}")
