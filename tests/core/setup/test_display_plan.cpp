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
    CHECK(kms[1].vsync);  // see the next test
    // KMSDRM has no window framebuffer: the software renderer must go through GL there.
    CHECK_FALSE(kms[1].native_framebuffer);

    struct Case {
        const char* driver;
        bool native;
    };
    for (const Case& c : {Case{"x11", true}, Case{"offscreen", true}, Case{"wayland", false}}) {
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

TEST_CASE("under KMSDRM every renderer the kiosk may ask of SDL asks for vsync: async page flips garble a Pi 5's picture")
{
    const Config configs[] = {Config{}, with("kmsdrm", "auto"), with("kmsdrm", "software"), with("kmsdrm", "opengles2"),
                              with("auto", "opengl")};
    const VideoEnvironment envs[] = {{}, env(false, false, "kmsdrm", "software"), env(false, false, "", "opengles2,software")};
    for (const Config& config : configs)
        for (const VideoEnvironment& e : envs)
            for (const RendererChoice& choice : renderers_to_try("kmsdrm", config, e)) {
                CAPTURE(choice.name);
                CHECK(choice.vsync);
                CHECK_FALSE(choice.native_framebuffer);
            }
}

TEST_CASE("the DRM device: two cards where only the second has a screen, the second is used and the journal says why")
{
    const std::vector<DrmCard> pi5 = {{"/dev/dri/card0", {}}, {"/dev/dri/card1", {{"HDMI-A-1", true}, {"HDMI-A-2", false}}}};
    auto choice = choose_drm_card(pi5, "auto");
    REQUIRE(choice);
    CHECK(choice->path == "/dev/dri/card1");
    CHECK(choice->index == 1);
    CHECK(choice->connected);
    CHECK(choice->why == "/dev/dri/card1 (HDMI-A-1 connected; /dev/dri/card0 has no outputs)");
    // The order they are listed in does not matter, nor their numbers' order.
    auto reversed = choose_drm_card({pi5[1], pi5[0]}, "auto");
    CHECK(reversed->path == "/dev/dri/card1");
    // Two cards with outputs, the screen on the second (QEMU with two display devices).
    const std::vector<DrmCard> qemu = {{"/dev/dri/card0", {{"Virtual-1", false}}}, {"/dev/dri/card1", {{"Virtual-1", true}}}};
    CHECK(choose_drm_card(qemu, "auto")->index == 1);
    CHECK(choose_drm_card(qemu, "auto")->why == "/dev/dri/card1 (Virtual-1 connected; /dev/dri/card0 has Virtual-1 not connected)");
}

TEST_CASE("the DRM device: none with a screen is no choice yet, a path named is used, one that is not there is refused")
{
    const std::vector<DrmCard> dark = {{"/dev/dri/card0", {}}, {"/dev/dri/card1", {{"HDMI-A-1", false}, {"HDMI-A-2", false}}}};
    auto none = choose_drm_card(dark, "auto");
    REQUIRE(none);
    CHECK(none->path.empty());
    CHECK_FALSE(none->connected);
    CHECK(none->why == "no screen connected: /dev/dri/card0 has no outputs; /dev/dri/card1 has HDMI-A-1, HDMI-A-2 not connected");
    CHECK(choose_drm_card({}, "auto")->why == "no display device (no DRM driver loaded)");
    auto named = choose_drm_card(dark, "/dev/dri/card0");
    REQUIRE(named);
    CHECK(named->index == 0);
    CHECK_FALSE(named->connected);
    auto missing = choose_drm_card(dark, "/dev/dri/card2");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message
          == "\"display_device\": /dev/dri/card2 is not a display device here; the devices are /dev/dri/card0, /dev/dri/card1; "
             "set it to \"auto\" or to one of them");
    // Double-digit numbers sort as numbers.
    const std::vector<DrmCard> many = {{"/dev/dri/card10", {{"HDMI-A-1", true}}}, {"/dev/dri/card2", {{"HDMI-A-1", true}}}};
    CHECK(choose_drm_card(many, "auto")->index == 2);
}
