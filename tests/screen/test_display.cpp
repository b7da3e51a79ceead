// The screen: placard refuses to start without one, says which driver and
// renderer it got, and carries on with a new renderer after a GPU reset.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "screen/display.h"
#include "shell_support.h"

using namespace placard;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("without a screen placard exits 3 and says what it tried, never drawing into nothing")
{
    test::ScratchDir dir("no-display");
    test::write_file(dir / "config.json", "{}");
    const std::string placard = test::bin("placard") + " --config " + (dir / "config.json") + " --run-for 5";

    // Asked for by name, X11 with no X server to talk to.
    auto x11 = test::run("env -u DISPLAY " + placard + " --video-driver x11");
    CHECK(x11.code == 3);
    CHECK(contains(x11.output, "no display (tried x11: "));
    CHECK(contains(x11.output, "placard-feed preview FEED --out DIR"));

    // Nothing asked for, no desktop: the console's KMS is all that is left. A
    // machine with a DRM device might really have a free console, so only
    // where there is none can the outcome be known.
    if (!std::filesystem::exists("/dev/dri")) {
        auto console = test::run("env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER " + placard);
        CHECK(console.code == 3);
        CHECK(contains(console.output, "no display (tried kmsdrm: "));
        CHECK_FALSE(contains(console.output, "offscreen"));
    }
}

TEST_CASE("placard reports the video driver and the renderer it chose")
{
    test::ScratchDir dir("chosen");
    test::write_file(dir / "config.json", R"({"video_driver": "offscreen", "renderer": "auto"})");
    auto r = test::run(test::bin("placard") + " --config " + (dir / "config.json") + " --windowed 320x200 --run-for 0.5 --stats "
                       + (dir / "stats.json"));
    INFO(r.output);
    REQUIRE(r.code == 0);
    CHECK(contains(r.output, "placard: video driver offscreen, renderer software, 320x200"));
    auto stats = nlohmann::json::parse(test::read_file(dir / "stats.json"));
    CHECK(stats["video_driver"] == "offscreen");
    CHECK(stats["renderer"] == "software");
}

TEST_CASE("Display: after a GPU reset a new renderer draws on the same window")
{
    sdl::Library library;
    REQUIRE(library.init(SDL_INIT_EVENTS));
    Config config;
    config.window = Size{320, 200};
    VideoEnvironment env;
    env.sdl_videodriver = "offscreen";
    auto opened = Display::open(config, env);
    REQUIRE(opened.ok());
    Display& display = **opened;
    CHECK(display.driver() == "offscreen");
    CHECK(display.renderer_name() == "software");
    {
        // The kiosk frees every texture before the renderer goes.
        sdl::Texture old(SDL_CreateTexture(display.renderer(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 8, 8));
        REQUIRE(old);
    }
    auto recreated = display.recreate_renderer();
    REQUIRE(recreated.ok());
    SDL_Renderer* r = display.renderer();
    REQUIRE(r != nullptr);
    CHECK(display.output_size().width == 320);
    CHECK(display.output_size().height == 200);

    // It really draws: clear to a colour and read a pixel back.
    REQUIRE(SDL_SetRenderDrawColor(r, 200, 30, 40, 255) == 0);
    REQUIRE(SDL_RenderClear(r) == 0);
    Uint32 pixel = 0;
    SDL_Rect one{10, 10, 1, 1};
    REQUIRE(SDL_RenderReadPixels(r, &one, SDL_PIXELFORMAT_ARGB8888, &pixel, 4) == 0);
    CHECK(pixel == 0xFFC81E28u);
}
