#pragma once
// Which SDL video driver and renderer to ask for, decided from the config and
// the environment before SDL is touched, so that the choice is explicit,
// logged and tested. Left to itself SDL tries every driver it has and ends on
// "offscreen": a kiosk that runs happily while the TV stays black.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
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

// A DRM device as /sys/class/drm shows it: /dev/dri/card1 and its outputs
// ("HDMI-A-1"), each connected or not. A Raspberry Pi 5 has two devices (the
// 3D unit's, with no outputs, and the display unit's), numbered in the order
// their drivers loaded, which changes between boots.
struct DrmConnector {
    std::string name;
    bool connected = false;
};
struct DrmCard {
    std::string path;
    std::vector<DrmConnector> connectors;
};

// The device the kiosk draws on under kmsdrm, and why, for the journal and
// the diagnostics.
struct CardChoice {
    std::string path;          // empty: no device has a screen connected (yet)
    int index = -1;            // N of /dev/dri/cardN, for SDL_HINT_KMSDRM_DEVICE_INDEX
    bool connected = false;    // a screen is connected to it now
    std::string why;           // "/dev/dri/card1 (HDMI-A-1 connected; /dev/dri/card0 has no outputs)"
};

// setting "auto": the first device (by number) with a screen connected; with
// none, nothing chosen and why says what was looked at. A path (the setting
// "display_device", after symbolic links are followed): that device, screen
// or not; refused, listing the devices there are, when it is not one of them.
Result<CardChoice> choose_drm_card(std::vector<DrmCard> cards, std::string_view setting);

}  // namespace placard
