# enet_flood: a LAN connection flood (ENet CONNECTs that never speak) for tests/e2e/flood_test.sh.
# Included from tools/CMakeLists.txt.
add_executable(enet_flood ${CMAKE_CURRENT_LIST_DIR}/enet_flood.cpp)
target_link_libraries(enet_flood PRIVATE tp::enet)
candor_target_defaults(enet_flood)
