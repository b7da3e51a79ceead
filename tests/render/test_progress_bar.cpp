// The progress bar, drawn with SDL's software renderer and read back pixel by
// pixel: it fills from the left on a left-to-right slide and from the right on
// a mirrored (right-to-left) one, both when the slide is drawn whole and when
// only the bar's step is redrawn.
#include <doctest/doctest.h>

#include "core/layout/mirror.h"
#include "render/painter.h"

using namespace placard;

namespace {

constexpr Size screen{480, 270};

SlideLayout slide(bool right_to_left)
{
    SlideLayout l;
    l.screen = screen;
    l.direction = right_to_left ? TextDirection::rtl : TextDirection::ltr;
    l.progress = {24, 250, 400, 6};  // not centred: a fill from the wrong end cannot look right by chance
    l.blocks.push_back({l.progress, Paint::track});
    if (right_to_left) mirror_slide(l);
    return l;
}

struct Screen {
    sdl::Surface surface{SDL_CreateRGBSurfaceWithFormat(0, screen.width, screen.height, 32, SDL_PIXELFORMAT_RGB888)};
    sdl::Renderer renderer{surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr};

    Rgb at(int x, int y) const
    {
        SDL_RenderFlush(renderer.get());
        Uint32 p = static_cast<const Uint32*>(surface->pixels)[y * (surface->pitch / 4) + x];
        return {static_cast<std::uint8_t>((p >> 16) & 0xFF), static_cast<std::uint8_t>((p >> 8) & 0xFF),
                static_cast<std::uint8_t>(p & 0xFF)};
    }
};

bool same(Rgb a, Rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

}  // namespace

TEST_CASE("the progress bar fills from the right on a right-to-left slide, from the left otherwise")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    const Theme theme = dark_theme();
    const ScreenTransform t{screen, 0};
    for (bool rtl : {false, true}) {
        CAPTURE(rtl);
        SlideLayout l = slide(rtl);
        CHECK(l.progress_from_right == rtl);
        const Rect track = l.progress;
        CHECK(track.x == (rtl ? screen.width - 24 - 400 : 24));
        const int y = track.y + track.h / 2;
        const int start = rtl ? track.right() - 2 : track.x + 1;  // where the fill begins
        const int end = rtl ? track.x + 1 : track.right() - 2;    // where it ends
        const int quarter_in = rtl ? track.right() - track.w / 4 + 2 : track.x + track.w / 4 - 2;
        const int quarter_out = rtl ? track.right() - track.w / 4 - 4 : track.x + track.w / 4 + 4;
        for (bool bar_only : {false, true}) {
            CAPTURE(bar_only);
            Screen s;
            REQUIRE(s.renderer);
            SDL_SetRenderDrawColor(s.renderer.get(), theme.background.r, theme.background.g, theme.background.b, 255);
            SDL_RenderClear(s.renderer.get());
            auto picture = SlidePicture::build(s.renderer.get(), **fonts, l);
            REQUIRE(picture);
            if (bar_only) picture->draw_progress(s.renderer.get(), theme, t, 0.25);
            else picture->draw(s.renderer.get(), theme, t, 255, 0.25);
            CHECK(same(s.at(start, y), theme.paint(Paint::accent)));
            CHECK(same(s.at(quarter_in, y), theme.paint(Paint::accent)));
            CHECK(same(s.at(quarter_out, y), theme.paint(Paint::track)));
            CHECK(same(s.at(end, y), theme.paint(Paint::track)));
        }
    }
}
