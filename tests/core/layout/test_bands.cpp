// The areas a crossfade blends: disjoint, covering every rectangle, clipped.
#include <doctest/doctest.h>

#include <cmath>

#include "core/layout/bands.h"

using namespace placard;

namespace {

bool covers(const std::vector<Rect>& bands, const Rect& r)
{
    for (int y = r.y; y < r.bottom(); ++y)
        for (int x = r.x; x < r.right(); ++x) {
            bool inside = false;
            for (const Rect& b : bands) inside = inside || (x >= b.x && x < b.right() && y >= b.y && y < b.bottom());
            if (!inside) return false;
        }
    return true;
}

bool disjoint(const std::vector<Rect>& bands)
{
    for (std::size_t i = 0; i < bands.size(); ++i)
        for (std::size_t j = i + 1; j < bands.size(); ++j) {
            const Rect& a = bands[i];
            const Rect& b = bands[j];
            if (a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom()) return false;
        }
    return true;
}

}  // namespace

TEST_CASE("covering bands: lines of two slides become disjoint bands that cover them")
{
    const Size screen{200, 100};
    struct Case {
        const char* name;
        std::vector<Rect> rects;
        std::size_t bands;
    };
    const Case cases[] = {
        {"nothing", {}, 0},
        {"one line", {{10, 10, 50, 8}}, 1},
        {"lines apart stay apart", {{10, 10, 50, 8}, {10, 30, 80, 8}}, 2},
        {"overlapping lines merge", {{10, 10, 50, 8}, {100, 14, 50, 8}}, 1},
        {"unsorted, chained through a tall one", {{0, 50, 10, 10}, {0, 0, 10, 10}, {150, 5, 10, 50}}, 1},
        {"touching edges do not merge", {{0, 0, 10, 10}, {0, 10, 10, 10}}, 2},
        {"empty ones are ignored", {{5, 5, 0, 10}, {5, 5, 10, 0}, {1, 1, 2, 2}}, 1},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        auto bands = covering_bands(c.rects, screen);
        CHECK(bands.size() == c.bands);
        CHECK(disjoint(bands));
        for (const Rect& r : c.rects)
            if (r.w > 0 && r.h > 0) CHECK(covers(bands, r));
        for (std::size_t i = 1; i < bands.size(); ++i) CHECK(bands[i - 1].bottom() <= bands[i].y);
    }
}

TEST_CASE("covering bands: clipped to the screen, and their area counted")
{
    auto bands = covering_bands({{-20, -5, 50, 20}, {190, 90, 40, 40}}, {200, 100});
    REQUIRE(bands.size() == 2);
    CHECK(bands[0].x == 0);
    CHECK(bands[0].y == 0);
    CHECK(bands[0].w == 30);
    CHECK(bands[0].h == 15);
    CHECK(bands[1].right() == 200);
    CHECK(bands[1].bottom() == 100);
    CHECK(area_of(bands) == 30 * 15 + 10 * 10);
    CHECK(covering_bands({{300, 300, 10, 10}}, {200, 100}).empty());
}

TEST_CASE("fade steps: the screen follows the fade and ends exactly on the new slide")
{
    // One channel of one pixel, blended as SDL's software renderer does:
    // d += (s - d) * a / 255, rounded toward zero. That rounding makes the
    // mix lag the fade by up to about ten levels in 255 half-way through (4%
    // of the way from one slide to the other, for a fraction of a second: not
    // visible); the last step is exact.
    struct Case {
        const char* name;
        std::vector<double> fades;
    };
    std::vector<double> at_60, at_30, uneven;
    for (int i = 1; i <= 42; ++i) at_60.push_back(i / 42.0);
    for (int i = 1; i <= 21; ++i) at_30.push_back(i / 21.0);
    for (double f : {0.01, 0.02, 0.5, 0.51, 0.9, 0.999}) uneven.push_back(f);
    const Case cases[] = {{"60 frames a second", at_60}, {"30 frames a second", at_30}, {"late frames, never reaching 1", uneven}};
    for (const Case& c : cases) {
        CAPTURE(c.name);
        for (int from : {0, 16, 244, 255})
            for (int to : {0, 40, 255}) {
                FadeSteps steps;
                int screen = from;
                for (double f : c.fades) {
                    int a = steps.step(f);
                    screen += (to - screen) * a / 255;
                    double wanted = from * (1 - f) + to * f;
                    CAPTURE(f);
                    CHECK(std::abs(screen - wanted) <= 12.0);
                }
                CHECK(steps.step(1.0) == 255);
                screen = to;  // an opaque step copies
                CHECK(steps.shown() == 1.0);
            }
    }
}

TEST_CASE("fade steps: a late or repeated fade value blends nothing more")
{
    FadeSteps steps;
    CHECK(steps.step(0.5) > 0);
    CHECK(steps.step(0.5) == 0);
    CHECK(steps.step(0.4) == 0);
    CHECK(steps.step(0.0) == 0);
}
