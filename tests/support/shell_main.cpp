// shell_tests' main: the environment every test, and every program a test
// starts, runs in. Set here rather than as ctest properties (doctest's test
// discovery split a list of them, and all but the first were lost), so the
// binary run by hand behaves as under ctest: no display or sound card needed,
// and a cache folder of the build's own, since a kiosk on a plain feed path
// keeps a cache and the tests' must not land in the machine's
// /var/cache/placard.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv)
{
    ::setenv("SDL_VIDEODRIVER", "offscreen", 1);
    ::setenv("SDL_AUDIODRIVER", "dummy", 1);
    ::setenv("CACHE_DIRECTORY", PLACARD_TEST_CACHE_DIR, 1);
    // Downloads made in this process (the picture shelf's) run the build's
    // fetcher, through the cross build's emulator where there is one.
    ::setenv("PLACARD_FETCH_PROGRAM", PLACARD_EMULATOR PLACARD_BIN_DIR "/placard-fetch", 1);
    return doctest::Context(argc, argv).run();
}
