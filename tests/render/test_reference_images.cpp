// Render regression: slides rendered now against the reference PNGs in
// images/reference/, with a tolerance for anti-aliasing differences.
// Regenerate the references with platform/release/make-images.sh after an intended change.
#include <doctest/doctest.h>

#include <filesystem>

#include <SDL_image.h>

#include "render/sdl.h"
#include "shell_support.h"

using namespace placard;

namespace {

struct Difference {
    long pixels = 0;        // pixels with any channel off by more than the threshold
    long total = 0;
    bool same_size = false;
};

Difference compare(SDL_Surface* a_in, SDL_Surface* b_in, int threshold)
{
    Difference d;
    sdl::Surface a(SDL_ConvertSurfaceFormat(a_in, SDL_PIXELFORMAT_ARGB8888, 0));
    sdl::Surface b(SDL_ConvertSurfaceFormat(b_in, SDL_PIXELFORMAT_ARGB8888, 0));
    if (!a || !b || a->w != b->w || a->h != b->h) return d;
    d.same_size = true;
    d.total = static_cast<long>(a->w) * a->h;
    for (int y = 0; y < a->h; ++y) {
        auto* ra = reinterpret_cast<const Uint8*>(a->pixels) + y * a->pitch;
        auto* rb = reinterpret_cast<const Uint8*>(b->pixels) + y * b->pitch;
        for (int x = 0; x < a->w * 4; x += 4) {
            bool off = false;
            for (int c = 0; c < 3; ++c) off = off || std::abs(ra[x + c] - rb[x + c]) > threshold;
            d.pixels += off ? 1 : 0;
        }
    }
    return d;
}

// Mirrors the renders made by platform/release/make-images.sh.
struct Reference {
    const char* feed;      // "demo" or a path in the source tree
    const char* size;
    const char* prefix;    // reference files are images/reference/PREFIX-NNN.png
};

const Reference references[] = {
    {"demo", "960x540", "demo"},
    {"tests/samples/languages.json", "960x540", "languages"},
};

}  // namespace

TEST_CASE("slides look as they did in the reviewed reference images")
{
    for (const Reference& ref : references) {
        CAPTURE(std::string(ref.prefix));
        test::ScratchDir out("reference");
        std::string feed = std::string(ref.feed) == "demo" ? "demo" : test::source(ref.feed);
        auto r = test::run(test::bin("placard-feed") + " preview " + feed + " --out " + out.str() + " --size " + ref.size);
        INFO(r.output);
        REQUIRE(r.code == 0);
        int compared = 0;
        for (int n = 1;; ++n) {
            char name[64];
            std::snprintf(name, sizeof name, "images/reference/%s-%03d.png", ref.prefix, n);
            std::string reference_path = test::source(name);
            if (!std::filesystem::exists(reference_path)) break;
            char slide[32];
            std::snprintf(slide, sizeof slide, "slide-%03d.png", n);
            CAPTURE(std::string(name));
            sdl::Surface expected(IMG_Load(reference_path.c_str()));
            sdl::Surface actual(IMG_Load((out / slide).c_str()));
            REQUIRE(expected);
            REQUIRE(actual);
            Difference d = compare(expected.get(), actual.get(), 48);
            CHECK(d.same_size);
            // At most 0.5% of the pixels may differ visibly: enough for a glyph
            // hinted a pixel differently, far too little for a moved or missing line.
            CHECK(d.pixels * 200 <= d.total);
            ++compared;
        }
        CHECK(compared >= 2);
    }
}
