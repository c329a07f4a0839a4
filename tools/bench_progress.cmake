# bench_progress: the cost of computing Progress over a large history (prints figures; not a test).
# Included from tools/CMakeLists.txt.
add_executable(bench_progress ${CMAKE_CURRENT_LIST_DIR}/bench_progress.cpp)
target_link_libraries(bench_progress PRIVATE candor_core)
candor_target_defaults(bench_progress)
