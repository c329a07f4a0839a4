# bench_net: ENet round trip and fdatasync floor, then two in-process Nodes' delivery latency and
# 10k catch-up (prints figures; not a test). Included from tools/CMakeLists.txt.
add_executable(bench_net ${CMAKE_CURRENT_LIST_DIR}/bench_net.cpp)
target_link_libraries(bench_net PRIVATE candor_node)
candor_target_defaults(bench_net)
