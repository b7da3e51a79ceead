// The main of a test program whose code downloads (the cache's tests): the
// build's placard-fetch does it, through the cross build's emulator where
// there is one, as it does for the kiosk installed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv)
{
    ::setenv("PLACARD_FETCH_PROGRAM", PLACARD_TEST_FETCH_PROGRAM, 0);
    return doctest::Context(argc, argv).run();
}
