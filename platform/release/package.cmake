# What a device gets besides the binaries, and the .deb made of it all:
#   cmake -S . -B build-deb -G Ninja -DCMAKE_INSTALL_PREFIX=/usr -DPLACARD_TESTS=OFF
#   cmake --build build-deb && (cd build-deb && cpack)
# platform/test/package-test.sh builds and checks one; platform/test/cross-test.sh the arm64 one.

set(placard_unit_source ${PROJECT_SOURCE_DIR}/platform/raspberry-pi/placard.service)
set(placard_postinst_source ${PROJECT_SOURCE_DIR}/platform/release/debian/postinst.in)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${placard_unit_source} ${placard_postinst_source})

# The unit names /usr/bin/placard, where the package puts it; another prefix
# gets a unit that names its own.
file(READ ${placard_unit_source} placard_unit)
string(REPLACE "/usr/bin/placard" "${CMAKE_INSTALL_FULL_BINDIR}/placard" placard_unit "${placard_unit}")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/package/placard.service CONTENT "${placard_unit}")
configure_file(${placard_postinst_source} ${PROJECT_BINARY_DIR}/package/postinst @ONLY
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(FILES ${PROJECT_BINARY_DIR}/package/placard.service DESTINATION lib/systemd/system)
# The Wi-Fi from the boot partition (placard-wifi.txt), and the kiosk set-up a
# downloaded package is finished with (placard-kiosk-setup).
set(placard_wifi_unit_source ${PROJECT_SOURCE_DIR}/platform/raspberry-pi/placard-wifi.service)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${placard_wifi_unit_source})
file(READ ${placard_wifi_unit_source} placard_wifi_unit)
string(REPLACE "/usr/lib/placard/" "${CMAKE_INSTALL_PREFIX}/lib/placard/" placard_wifi_unit "${placard_wifi_unit}")
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/package/placard-wifi.service CONTENT "${placard_wifi_unit}")
install(FILES ${PROJECT_BINARY_DIR}/package/placard-wifi.service DESTINATION lib/systemd/system)
install(TARGETS placard-wifi RUNTIME DESTINATION lib/placard)
install(PROGRAMS platform/raspberry-pi/kiosk-setup.sh DESTINATION ${CMAKE_INSTALL_SBINDIR} RENAME placard-kiosk-setup)
install(FILES platform/raspberry-pi/placard.json.example DESTINATION ${CMAKE_INSTALL_DATADIR}/placard)
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/placard/assets)
install(FILES platform/raspberry-pi/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME README.raspberry-pi.md)
# The licence, and the notices of what is quoted or linked under other terms.
install(FILES LICENSE NOTICE DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME placard)
set(CPACK_PACKAGE_CONTACT "Placard developers <placard@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-screen feed of statements and tallies for event screens")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Placard shows a JSON Feed of statements and figures full-screen on a TV,\n"
  "rotating them for the room, and keeps showing the last good copy offline.\n"
  "placard-feed validates, previews and signs feeds.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# A release names the Debian suite it was built for (platform/release/suite-build.sh):
# 0.1.0+deb12 for bookworm, 0.1.0+deb13 for trixie.
set(PLACARD_PACKAGE_VERSION "${PROJECT_VERSION}" CACHE STRING "The .deb's version, e.g. 0.1.0+deb13")
set(CPACK_DEBIAN_PACKAGE_VERSION "${PLACARD_PACKAGE_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# Built like Debian's own packages, -O2 (the default RelWithDebInfo), then stripped.
set(CPACK_STRIP_FILES ON)
# The shared libraries are found by dpkg-shlibdeps: ICU among them (libicu72 on
# bookworm, libicu76 on trixie, so it is not named here). Not found that way: the
# fonts (fontconfig finds them at run time), the GL drivers SDL loads itself
# for KMSDRM and GLES2, and what the maintainer scripts run. libegl1 is only
# glvnd's dispatcher: without Mesa's EGL vendor (libegl-mesa0, which libegl1
# merely recommends) an install with --no-install-recommends gets a kiosk that
# cannot open a window on KMSDRM ("EGL not initialized"); platform/vm/vm-test.sh
# boots such an install.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri, passwd")
# Emoji in colour come from fonts-noto-color-emoji; Symbola draws, in one colour,
# the symbols that font lacks.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-symbola")
# A cross build may link libraries unpacked into a folder of its own, where
# Debian's -dev package cannot sit beside the build machine's copy (bookworm's
# libunibreak-dev is not multi-arch; platform/test/cross-test.sh does this):
# dpkg-shlibdeps is told where they are, and the packages that provide them on
# the target are named here instead.
set(PLACARD_PRIVATE_LIB_DIRS "" CACHE STRING "Folders of target libraries outside the system's (cross builds)")
set(PLACARD_PRIVATE_LIB_DEPENDS "" CACHE STRING "The target's packages for those libraries, e.g. \"libunibreak1 (>= 1.1)\"")
if(PLACARD_PRIVATE_LIB_DIRS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PLACARD_PRIVATE_LIB_DIRS})
endif()
if(PLACARD_PRIVATE_LIB_DEPENDS)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", ${PLACARD_PRIVATE_LIB_DEPENDS}")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_BINARY_DIR}/package/postinst
  ${PROJECT_SOURCE_DIR}/platform/release/debian/prerm
  ${PROJECT_SOURCE_DIR}/platform/release/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPack asks dpkg for the architecture, which is the build machine's: a cross
# build names its target's instead.
if(CMAKE_CROSSCOMPILING)
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE armhf)
  endif()
endif()
include(CPack)
