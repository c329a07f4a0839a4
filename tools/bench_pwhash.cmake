# bench_pwhash: how long Argon2id takes at Candor's limits and its neighbours (docs/security.md).
# Included from tools/CMakeLists.txt.
add_executable(bench_pwhash ${CMAKE_CURRENT_LIST_DIR}/bench_pwhash.cpp)
target_link_libraries(bench_pwhash PRIVATE candor_crypto)
candor_target_defaults(bench_pwhash)
