// The composed slide and the crossfade drawn onto a screen that keeps its
// pixels, checked pixel by pixel with SDL's software renderer: the fade ends
// exactly on the new slide, follows the fade on the way, and never touches a
// pixel outside the bands where the slides differ; a retexted number matches
// a slide composed with it from the start.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>

#include "core/layout/bands.h"
#include "render/painter.h"

using namespace placard;

namespace {

constexpr Size screen{480, 270};

SlideLayout statement(const std::string& quote, const std::string& speaker, int quote_y)
{
    SlideLayout l;
    l.screen = screen;
    l.lines.push_back({quote, "quote", FontFace::regular, 28, {40, quote_y, 400, 36}, Paint::text, TextDirection::ltr});
    l.lines.push_back({speaker, "speaker", FontFace::bold, 18, {40, quote_y + 60, 300, 24}, Paint::muted, TextDirection::ltr});
    l.lines.push_back({"1 000", "number", FontFace::bold, 30, {300, 200, 150, 40}, Paint::accent, TextDirection::ltr});
    l.blocks.push_back({{40, quote_y + 50, 30, 3}, Paint::accent});
    l.progress = {24, 250, 432, 4};
    l.blocks.push_back({l.progress, Paint::track});
    return l;
}

SlideLayout with_qr_code(SlideLayout l)
{
    l.qr_url = "https://example.org/statement/1";
    l.qr_box = {380, 20, 80, 80};
    return l;
}

struct Screen {
    sdl::Surface surface{SDL_CreateRGBSurfaceWithFormat(0, screen.width, screen.height, 32, SDL_PIXELFORMAT_RGB888)};
    sdl::Renderer renderer{surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr};

    Uint32 at(int x, int y) const
    {
        SDL_RenderFlush(renderer.get());
        return static_cast<const Uint32*>(surface->pixels)[y * (surface->pitch / 4) + x];
    }
};

int channel(Uint32 p, int shift) { return static_cast<int>((p >> shift) & 0xFF); }

bool inside(const std::vector<Rect>& bands, int x, int y)
{
    for (const Rect& b : bands)
        if (x >= b.x && x < b.right() && y >= b.y && y < b.bottom()) return true;
    return false;
}

}  // namespace

TEST_CASE("a crossfade blended onto the screen once a frame ends exactly on the new slide")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    Screen s, expected_old, expected_new;
    REQUIRE(s.renderer);
    const Theme theme = dark_theme();
    const ScreenTransform t{screen, 0};
    auto old_slide = SlidePicture::build(s.renderer.get(), **fonts, statement("Reprisals must stop.", "Speaker One", 40));
    auto new_slide = SlidePicture::build(s.renderer.get(), **fonts, statement("A different, longer statement.", "Two", 90));
    REQUIRE(old_slide);
    REQUIRE(new_slide);
    REQUIRE(old_slide->compose(s.renderer.get(), theme, t, nullptr));
    REQUIRE(new_slide->compose(s.renderer.get(), theme, t, nullptr));
    CHECK(new_slide->composed());

    // What each slide looks like drawn whole, for comparison (the same
    // picture, copied by another renderer's copy of the layout).
    for (auto* target : {&expected_old, &expected_new}) {
        auto again = SlidePicture::build(target->renderer.get(), **fonts,
                                         target == &expected_old ? old_slide->layout() : new_slide->layout());
        REQUIRE(again);
        REQUIRE(again->compose(target->renderer.get(), theme, t, nullptr));
        again->draw(target->renderer.get(), theme, t, 255, 0);
    }

    old_slide->draw(s.renderer.get(), theme, t, 255, 0);
    std::vector<Rect> ink = old_slide->ink(t);
    for (const Rect& r : new_slide->ink(t)) ink.push_back(r);
    const auto bands = covering_bands(ink, screen);
    REQUIRE_FALSE(bands.empty());
    CHECK(area_of(bands) < static_cast<long long>(screen.width) * screen.height);

    FadeSteps steps;
    int worst = 0;
    bool untouched = true;
    for (int frame = 1; frame <= 42; ++frame) {
        double f = frame / 42.0;
        new_slide->blend_areas(s.renderer.get(), bands, static_cast<Uint8>(steps.step(f)));
        for (int y = 0; y < screen.height; y += 3)
            for (int x = 0; x < screen.width; x += 3) {
                Uint32 got = s.at(x, y);
                if (!inside(bands, x, y)) {
                    untouched = untouched && got == expected_old.at(x, y);
                    continue;
                }
                for (int shift : {0, 8, 16}) {
                    double want = channel(expected_old.at(x, y), shift) * (1 - f) + channel(expected_new.at(x, y), shift) * f;
                    worst = std::max(worst, static_cast<int>(std::lround(std::abs(channel(got, shift) - want))));
                }
            }
    }
    CHECK(untouched);
    CHECK(worst <= 12);  // the mix follows the fade (core/bands.h says why it may lag a little)
    bool exact = true;
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x) exact = exact && s.at(x, y) == expected_new.at(x, y);
    CHECK(exact);
}

TEST_CASE("a number retexted in a composed slide looks as if it had been composed with it")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    Screen a, b;
    const Theme theme = dark_theme();
    const ScreenTransform t{screen, 0};
    auto counting = SlidePicture::build(a.renderer.get(), **fonts, statement("Tally", "Source", 40));
    REQUIRE(counting);
    REQUIRE(counting->compose(a.renderer.get(), theme, t, nullptr));
    auto changed = counting->retext(a.renderer.get(), **fonts, "number", "7");
    CHECK(changed.bytes > 0);
    REQUIRE(changed.area);
    CHECK(changed.area->x <= 300);
    CHECK(counting->retext(a.renderer.get(), **fonts, "number", "7").bytes == 0);  // already shown
    counting->draw(a.renderer.get(), theme, t, 255, 0);

    SlideLayout fresh_layout = statement("Tally", "Source", 40);
    fresh_layout.lines[2].text = "7";
    auto fresh = SlidePicture::build(b.renderer.get(), **fonts, fresh_layout);
    REQUIRE(fresh);
    REQUIRE(fresh->compose(b.renderer.get(), theme, t, nullptr));
    fresh->draw(b.renderer.get(), theme, t, 255, 0);
    int differing = 0;
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x) differing += a.at(x, y) != b.at(x, y);
    CHECK(differing == 0);
}

TEST_CASE("an emoji is drawn in its own colours, at the size of the text around it, whatever the text's colour")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    bool colour_emoji = false;
    for (const std::string& file : (*fonts)->describe()) colour_emoji = colour_emoji || file.find("NotoColorEmoji") != std::string::npos;
    if (!colour_emoji) {
        MESSAGE("skipped: fonts-noto-color-emoji is not installed");
        return;
    }
    const std::string grinning = "\xF0\x9F\x98\x80";
    CHECK((*fonts)->missing_glyphs("Thanks " + grinning).empty());
    // Measured and drawn at the text's size, not the font's one bitmap size (109 px).
    int width = (*fonts)->text_width(grinning, FontFace::regular, 28);
    CHECK(width > 14);
    CHECK(width < 56);
    SlideLayout l;
    l.screen = screen;
    l.lines.push_back({"Thanks " + grinning, "quote", FontFace::regular, 28, {40, 40, 400, 40}, Paint::text, TextDirection::ltr});
    Screen s;
    REQUIRE(s.renderer);
    const Theme theme = light_theme();  // dark text: a tinted emoji would come out nearly black
    const ScreenTransform t{screen, 0};
    auto slide = SlidePicture::build(s.renderer.get(), **fonts, l);
    REQUIRE(slide);
    REQUIRE(slide->compose(s.renderer.get(), theme, t, nullptr));
    slide->draw(s.renderer.get(), theme, t, 255, 0);
    long yellow = 0, inked = 0;
    for (int y = 30; y < 110; ++y)
        for (int x = 40; x < 440; ++x) {
            Uint32 p = s.at(x, y);
            int r = channel(p, 16), g = channel(p, 8), b = channel(p, 0);
            if (r > 200 && g > 140 && b < 100) ++yellow;
            if (r + g + b < 3 * 128) ++inked;
        }
    MESSAGE("yellow pixels: ", yellow, ", dark pixels: ", inked);
    CHECK(yellow > 100);  // the face, in colour
    CHECK(inked > 100);   // and the word beside it, in the text's colour
}

TEST_CASE("a picture released while its slide stands holds no pixels and, built again from its layout, draws the same")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    Screen a, b;
    const Theme theme = dark_theme();
    const ScreenTransform t{screen, 0};
    SlideLayout l = with_qr_code(statement("Reprisals must stop.", "Speaker One", 40));
    auto shown = SlidePicture::build(a.renderer.get(), **fonts, l);
    REQUIRE(shown);
    REQUIRE(shown->compose(a.renderer.get(), theme, t, nullptr));
    shown->retext(a.renderer.get(), **fonts, "number", "7");  // counted up before it stood
    shown->draw(a.renderer.get(), theme, t, 255, 0);
    const std::vector<Rect> ink = shown->ink(t);

    shown->release_picture();
    CHECK(shown->released());
    CHECK_FALSE(shown->composed());
    CHECK(shown->texture_bytes() == 0);
    CHECK(shown->ink(t).size() == ink.size());  // the next fade still knows where it had ink
    // As the slide show composes it again for a whole frame: from the layout it kept.
    auto again = SlidePicture::build(b.renderer.get(), **fonts, shown->layout());
    REQUIRE(again);
    REQUIRE(again->compose(b.renderer.get(), theme, t, nullptr));
    again->draw(b.renderer.get(), theme, t, 255, 0);
    int differing = 0;
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x) differing += a.at(x, y) != b.at(x, y);
    CHECK(differing == 0);
}

TEST_CASE("lines rasterised as the picture is composed hold no texture before it, and compose the same picture")
{
    sdl::Library library;
    REQUIRE(library.init(0));
    auto fonts = FontSet::open();
    REQUIRE(fonts);
    Screen a, b;
    const Theme theme = dark_theme();
    const ScreenTransform t{screen, 0};
    SlideLayout l = with_qr_code(statement("Reprisals must stop. \xF0\x9F\x98\x80", "Speaker One", 40));
    auto whole = SlidePicture::build(a.renderer.get(), **fonts, l);
    auto streamed = SlidePicture::build(b.renderer.get(), **fonts, l, SlidePicture::Lines::when_composed);
    REQUIRE(whole);
    REQUIRE(streamed);
    // Before it is composed: the lines' textures are all the first holds beyond the QR code's.
    CHECK(whole->rasterised_bytes() > 0);
    CHECK(streamed->rasterised_bytes() == 0);
    CHECK(streamed->texture_bytes() + whole->rasterised_bytes() == whole->texture_bytes());
    REQUIRE(whole->compose(a.renderer.get(), theme, t, nullptr));
    REQUIRE(streamed->compose(b.renderer.get(), theme, t, nullptr));
    CHECK(streamed->rasterised_bytes() == whole->rasterised_bytes());  // the same lines, made once each
    CHECK(streamed->texture_bytes() == whole->texture_bytes());        // the picture alone
    CHECK(streamed->ink(t).size() == whole->ink(t).size());
    // A count-up after it changes only the number, as on a slide composed whole.
    whole->retext(a.renderer.get(), **fonts, "number", "7");
    streamed->retext(b.renderer.get(), **fonts, "number", "7");
    whole->draw(a.renderer.get(), theme, t, 255, 0);
    streamed->draw(b.renderer.get(), theme, t, 255, 0);
    int differing = 0;
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x) differing += a.at(x, y) != b.at(x, y);
    CHECK(differing == 0);
}
