# The UDP fault proxy (loss, delay, jitter, duplication, reordering) that fault tests put
# between two Candor nodes. Included from tools/CMakeLists.txt.
add_executable(udp_fault_proxy ${CMAKE_CURRENT_LIST_DIR}/udp_fault_proxy.cpp)
candor_target_defaults(udp_fault_proxy)
if(TARGET unit_tests)
  add_dependencies(unit_tests udp_fault_proxy)  # the sync e2e test drives it
endif()
