// Which video driver and renderer the kiosk asks SDL for, from the config and the environment.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/setup/display_plan.h"

using namespace placard;

namespace {

using Names = std::vector<std::string>;

Config with(const char* video_driver, const char* renderer)
{
    Config c;
    c.video_driver = video_driver;
    c.renderer = renderer;
    return c;
}

// Which desktops are reachable, and SDL's own variables.
VideoEnvironment env(bool x11, bool wayland, const char* sdl_videodriver = "", const char* sdl_render_driver = "")
{
    VideoEnvironment e;
    e.x11 = x11;
    e.wayland = wayland;
    e.sdl_videodriver = sdl_videodriver;
    e.sdl_render_driver = sdl_render_driver;
    return e;
}

Names names_of(const std::vector<RendererChoice>& choices)
{
    Names names;
    for (const auto& c : choices) names.push_back(c.name);
    return names;
}

}  // namespace

TEST_CASE("video_drivers_to_try: the config, then SDL_VIDEODRIVER, then what the environment offers")
{
    struct Case {
        const char* name;
        Config config;
        VideoEnvironment env;
        Names expected;
    };
    const Case cases[] = {
        {"a console: KMS only", {}, {}, {"kmsdrm"}},
        {"an X11 desktop", {}, env(true, false), {"x11", "kmsdrm"}},
        {"a Wayland desktop without Xwayland", {}, env(false, true), {"wayland", "kmsdrm"}},
        {"a Wayland desktop with Xwayland: X11 first, as SDL2 orders them", {}, env(true, true),
         {"x11", "wayland", "kmsdrm"}},
        {"SDL_VIDEODRIVER wins over the environment", {}, env(true, false, "wayland"), {"wayland"}},
        {"SDL_VIDEODRIVER offscreen, as the tests run", {}, env(false, false, "offscreen"), {"offscreen"}},
        {"SDL_VIDEODRIVER as a list", {}, env(false, false, "kmsdrm,x11"), {"kmsdrm", "x11"}},
        {"SDL_VIDEODRIVER with empty entries", {}, env(false, false, ",kmsdrm,,"), {"kmsdrm"}},
        {"an empty SDL_VIDEODRIVER is no request", {}, env(true, false), {"x11", "kmsdrm"}},
        {"only commas are no request", {}, env(false, false, ",,"), {"kmsdrm"}},
        {"the config wins over everything", with("kmsdrm", "auto"), env(true, false, "offscreen"), {"kmsdrm"}},
        {"the config can ask for x11 with no DISPLAY (and then fails clearly)", with("x11", "auto"), {}, {"x11"}},
        {"offscreen only when asked for", with("offscreen", "auto"), env(true, false), {"offscreen"}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        CHECK(video_drivers_to_try(c.config, c.env) == c.expected);
    }
}

TEST_CASE("video_drivers_to_try never falls back to drawing into nothing")
{
    for (bool x11 : {false, true})
        for (bool wayland : {false, true}) {
            CAPTURE(x11);
            CAPTURE(wayland);
            VideoEnvironment environment = env(x11, wayland);
            auto drivers = video_drivers_to_try(Config{}, environment);
            REQUIRE_FALSE(drivers.empty());
            CHECK(drivers.back() == "kmsdrm");
            for (const auto& d : drivers) {
                CHECK(d != "offscreen");
                CHECK(d != "dummy");
            }
        }
}

TEST_CASE("renderers_to_try: GLES2 with vsync on the console, the software renderer on a desktop")
{
    struct Case {
        const char* name;
        const char* driver;
        Config config;
        VideoEnvironment env;
        Names expected;
    };
    const Case cases[] = {
        {"kmsdrm: GLES2, then software should GLES2 fail", "kmsdrm", {}, {}, {"opengles2", "software"}},
        {"x11: software, even where a GPU may be", "x11", {}, {}, {"software"}},
        {"wayland: software", "wayland", {}, {}, {"software"}},
        {"offscreen: software", "offscreen", {}, {}, {"software"}},
        {"the config's renderer alone", "kmsdrm", with("auto", "software"), {}, {"software"}},
        {"the config's GL on a desktop", "x11", with("auto", "opengl"), {}, {"opengl"}},
        {"SDL_RENDER_DRIVER", "x11", {}, env(false, false, "", "opengles2"), {"opengles2"}},
        {"SDL_RENDER_DRIVER as a list", "x11", {}, env(false, false, "", "opengl,software"), {"opengl", "software"}},
        {"the config wins over SDL_RENDER_DRIVER", "x11", with("auto", "software"), env(false, false, "", "opengl"), {"software"}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        CHECK(names_of(renderers_to_try(c.driver, c.config, c.env)) == c.expected);
    }
}

TEST_CASE("renderers_to_try: vsync for the GPU, the native framebuffer only where the window system has one")
{
    auto kms = renderers_to_try("kmsdrm", Config{}, {});
    REQUIRE(kms.size() == 2);
    CHECK(kms[0].vsync);
    CHECK_FALSE(kms[0].native_framebuffer);
    CHECK_FALSE(kms[1].vsync);
    // KMSDRM has no window framebuffer: the software renderer must go through GL there.
    CHECK_FALSE(kms[1].native_framebuffer);

    struct Case {
        const char* driver;
        bool native;
    };
    for (const Case& c : {Case{"x11", true}, Case{"offscreen", true}, Case{"wayland", false}, Case{"kmsdrm", false}}) {
        const std::string driver = c.driver;
        CAPTURE(driver);
        auto software = renderers_to_try(c.driver, with("auto", "software"), {});
        REQUIRE(software.size() == 1);
        CHECK(software[0].native_framebuffer == c.native);
        CHECK_FALSE(software[0].vsync);
    }
    auto gl = renderers_to_try("x11", with("auto", "opengl"), {});
    REQUIRE(gl.size() == 1);
    CHECK(gl[0].vsync);
    CHECK_FALSE(gl[0].native_framebuffer);
}
