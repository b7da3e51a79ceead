#pragma once
// Which SDL video driver and renderer to ask for, decided from the config and
// the environment before SDL is touched, so that the choice is explicit,
// logged and tested. Left to itself SDL tries every driver it has and ends on
// "offscreen": a kiosk that runs happily while the TV stays black.
#include <string>
#include <string_view>
#include <vector>

#include "core/setup/config.h"

namespace placard {

// What the process can see of its surroundings.
struct VideoEnvironment {
    bool x11 = false;                // DISPLAY is set
    bool wayland = false;            // WAYLAND_DISPLAY is set
    std::string sdl_videodriver;     // SDL_VIDEODRIVER: a developer's override, maybe a comma list
    std::string sdl_render_driver;   // SDL_RENDER_DRIVER: likewise
};

// The video drivers to start, in order; the first that starts wins. The config
// (or its flag) comes first, then SDL_VIDEODRIVER, then: x11 where DISPLAY is
// set, wayland where WAYLAND_DISPLAY is set, and kmsdrm (the console of a
// Raspberry Pi without a desktop). Never empty.
std::vector<std::string> video_drivers_to_try(const Config& config, const VideoEnvironment& env);

struct RendererChoice {
    std::string name;                 // an SDL render driver: software, opengles2, opengl
    bool vsync = false;               // wait for the screen's refresh, so fades do not tear
    bool native_framebuffer = false;  // draw into the window system's own buffer (see display_plan.cpp)
};

// The renderers to create on the video driver that started, in order.
// Never empty.
std::vector<RendererChoice> renderers_to_try(std::string_view driver, const Config& config, const VideoEnvironment& env);

}  // namespace placard
