# progress_fixture: two paired data directories with twelve weeks of history, for Progress
# screenshots and trying it by hand (not a test). Included from tools/CMakeLists.txt.
add_executable(progress_fixture ${CMAKE_CURRENT_LIST_DIR}/progress_fixture.cpp)
target_link_libraries(progress_fixture PRIVATE candor_node)
candor_target_defaults(progress_fixture)
