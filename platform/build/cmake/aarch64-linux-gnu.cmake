# Cross-compiling for 64-bit Raspberry Pi OS (Debian's arm64) on a Debian PC,
# with crossbuild-essential-arm64 and the :arm64 -dev packages installed
# side by side with the PC's own (platform/test/cross-test.sh installs them):
#   cmake -S . -B build-arm64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=platform/build/cmake/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# Debian's multiarch layout: the arm64 libraries, with their CMake and
# pkg-config files, live in /usr/lib/aarch64-linux-gnu next to the PC's, and
# the headers are shared. Naming the architecture makes every find_package()
# and find_library() look there and never in the PC's own folder.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")

# Test programs run under user-mode emulation. The arm64 loader and libraries
# are where the packages put them, so qemu needs no separate sysroot.
find_program(PLACARD_QEMU_AARCH64 qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR ${PLACARD_QEMU_AARCH64})
