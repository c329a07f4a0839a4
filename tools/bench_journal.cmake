# bench_journal: journal append/sync throughput and open time (prints figures; not a test).
# Included from tools/CMakeLists.txt.
add_executable(bench_journal ${CMAKE_CURRENT_LIST_DIR}/bench_journal.cpp)
target_link_libraries(bench_journal PRIVATE candor_store)
candor_target_defaults(bench_journal)
