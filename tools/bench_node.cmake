# bench_node: Node open+fold time and control-socket / CLI post round trips (prints figures; not a
# test). Included from tools/CMakeLists.txt. Spawns `candor` through the node tests' process helpers.
add_executable(bench_node ${CMAKE_CURRENT_LIST_DIR}/bench_node.cpp
                          ${PROJECT_SOURCE_DIR}/tests/unit/node/process_helpers.cpp)
target_include_directories(bench_node PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit/node)
target_link_libraries(bench_node PRIVATE candor_node)
target_compile_definitions(bench_node PRIVATE CANDOR_BINARY="$<TARGET_FILE:candor>")
add_dependencies(bench_node candor)
candor_target_defaults(bench_node)
