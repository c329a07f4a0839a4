# `cmake --install` and `cpack -G DEB`: the binary, the desktop entry, the icon (SVG and PNG sizes
# in hicolor), AppStream metainfo and the man page, under the usual FHS paths of the prefix.
include(GNUInstallDirs)

install(TARGETS candor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
set(candor_data ${PROJECT_SOURCE_DIR}/data)
install(FILES ${candor_data}/app.candor.Candor.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${candor_data}/app.candor.Candor.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${candor_data}/icons/app.candor.Candor.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  install(FILES ${candor_data}/icons/app.candor.Candor-${size}.png
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME app.candor.Candor.png)
endforeach()
install(FILES ${candor_data}/candor.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_PACKAGE_NAME candor)
set(CPACK_PACKAGE_VENDOR "The Candor developers")
set(CPACK_PACKAGE_CONTACT "The Candor developers <candor@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "shared, end-to-end encrypted history for two partners")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from the libraries the binary really links
# Fonts are loaded from the system at run time; notify/Mesa are what a desktop already has.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libgl1-mesa-dri")
set(CPACK_STRIP_FILES ON)
include(CPack)
