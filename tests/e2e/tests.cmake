# Tests that run whole programs: shader validation, GUI screenshots under Xvfb, CLI end to end.
add_test(NAME shaders.validate COMMAND ${CMAKE_CURRENT_LIST_DIR}/shader_test.sh ${PROJECT_SOURCE_DIR}/shaders)

if(CANDOR_GUI)
  add_executable(png_check ${CMAKE_CURRENT_LIST_DIR}/png_check.cpp)
  target_link_libraries(png_check PRIVATE tp::stb)
  add_test(NAME gui.screenshots
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_test.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/screenshots)
  set_tests_properties(gui.screenshots PROPERTIES LABELS gui TIMEOUT 300)
  add_test(NAME gui.agreement
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_agreement.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/screenshots-agreement)
  set_tests_properties(gui.agreement PROPERTIES LABELS gui TIMEOUT 300)
  # The lock screen and Settings → Privacy of a locked directory, light and dark.
  add_test(NAME gui.lock
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_lock.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/screenshots-lock)
  set_tests_properties(gui.lock PROPERTIES LABELS gui TIMEOUT 300)
endif()
add_test(NAME e2e.netns_discovery COMMAND ${CMAKE_CURRENT_LIST_DIR}/netns_test.sh $<TARGET_FILE:candor>)
set_tests_properties(e2e.netns_discovery PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED" LABELS e2e TIMEOUT 120)
add_test(NAME e2e.netns_discovery_moved COMMAND ${CMAKE_CURRENT_LIST_DIR}/netns_test.sh $<TARGET_FILE:candor> 47611)
set_tests_properties(e2e.netns_discovery_moved PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED" LABELS e2e TIMEOUT 120)

if(CANDOR_GUI)
  # Home with a partner's update, a late countdown and today's commitments, and the ledger, from
  # two paired serves (PNGs in build/tests/fixtures for the closing notes).
  add_test(NAME gui.fixtures
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_fixtures.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/fixtures)
  set_tests_properties(gui.fixtures PROPERTIES LABELS gui TIMEOUT 300)
  # Check-ins: the sealed state on Home, the daily and weekly forms, Talk it through, the trend.
  add_test(NAME gui.checkins
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_checkins.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/screenshots-checkins)
  set_tests_properties(gui.checkins PROPERTIES LABELS gui TIMEOUT 300)
  # Repair in the moment: reassurance, a pause on both sides, an apology, breathing together.
  add_test(NAME gui.repair
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/screenshot_repair.sh $<TARGET_FILE:candor> $<TARGET_FILE:png_check>
                   ${CMAKE_CURRENT_BINARY_DIR}/screenshots-repair)
  set_tests_properties(gui.repair PROPERTIES LABELS gui TIMEOUT 300)
endif()
add_test(NAME e2e.netns_flood COMMAND ${CMAKE_CURRENT_LIST_DIR}/flood_test.sh $<TARGET_FILE:candor> $<TARGET_FILE:enet_flood>)
set_tests_properties(e2e.netns_flood PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED" LABELS e2e TIMEOUT 180)

if(CANDOR_GUI)
  # The Node in the background: notifications over D-Bus, show, quit, nothing lost.
  add_test(NAME e2e.background COMMAND ${CMAKE_CURRENT_LIST_DIR}/background_test.sh $<TARGET_FILE:candor>)
  set_tests_properties(e2e.background PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED" LABELS e2e TIMEOUT 180)
  # The install tree and the .deb (desktop-file-validate, appstreamcli, dpkg-deb).
  add_test(NAME e2e.install COMMAND ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(e2e.install PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED" LABELS e2e TIMEOUT 300)
endif()
