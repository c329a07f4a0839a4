# libFuzzer targets for everything a device parses from the network (beacons, frames, sessions,
# entries, sync and pairing messages). The normal build (g++, no libFuzzer) only registers ctest
# tests that run run_fuzzers.sh; that script configures a separate clang build with
# CANDOR_FUZZ=ON, in which this file defines the fuzz executables.
set(CANDOR_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(CANDOR_FUZZ_TARGETS fuzz_beacon fuzz_frame fuzz_entry fuzz_sync fuzz_pairing)

if(CANDOR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(WARNING "CANDOR_FUZZ needs clang (libFuzzer): no fuzz targets defined")
    return()
  endif()

  # The sync layer library would drag in the store; the fuzzers need only its message codec.
  set(fuzz_sync_extra ${PROJECT_SOURCE_DIR}/src/sync/messages.cpp)
  set(fuzz_beacon_deps candor_net)
  set(fuzz_frame_deps candor_net)
  set(fuzz_entry_deps candor_core)
  set(fuzz_sync_deps candor_core candor_net)
  set(fuzz_pairing_deps candor_net)

  foreach(target IN LISTS CANDOR_FUZZ_TARGETS)
    add_executable(${target} ${CANDOR_FUZZ_DIR}/${target}.cpp ${${target}_extra})
    target_link_libraries(${target} PRIVATE ${${target}_deps})
    candor_target_defaults(${target})
    # The layer libraries get -fsanitize=fuzzer-no-link,... from CMAKE_CXX_FLAGS (run_fuzzers.sh).
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()

  # Writes the seed corpus (run by hand after a format change; see make_corpus.cpp).
  add_executable(fuzz_make_corpus ${CANDOR_FUZZ_DIR}/make_corpus.cpp ${fuzz_sync_extra})
  target_link_libraries(fuzz_make_corpus PRIVATE candor_core candor_net)
  candor_target_defaults(fuzz_make_corpus)
  return()
endif()

# The normal build: one test builds the clang fuzz build, one test per target runs it briefly.
set(fuzz_script ${CANDOR_FUZZ_DIR}/run_fuzzers.sh)
set(fuzz_build_dir ${PROJECT_BINARY_DIR}/fuzz-build)
add_test(NAME fuzz.build COMMAND ${fuzz_script} build ${PROJECT_SOURCE_DIR} ${fuzz_build_dir})
set_tests_properties(fuzz.build PROPERTIES LABELS fuzz TIMEOUT 900 FIXTURES_SETUP candor_fuzz_build
                                           SKIP_REGULAR_EXPRESSION "SKIPPED")
foreach(target IN LISTS CANDOR_FUZZ_TARGETS)
  string(REPLACE "fuzz_" "fuzz." test_name ${target})
  add_test(NAME ${test_name}
           COMMAND ${fuzz_script} run ${PROJECT_SOURCE_DIR} ${fuzz_build_dir} ${target})
  set_tests_properties(${test_name} PROPERTIES LABELS fuzz TIMEOUT 120
                                                 FIXTURES_REQUIRED candor_fuzz_build
                                                 SKIP_REGULAR_EXPRESSION "SKIPPED")
endforeach()
