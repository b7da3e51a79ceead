#pragma once
// The screen: SDL's video driver and renderer, chosen explicitly (see
// core/display_plan.h) and logged, with the window the slides are drawn in.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/setup/config.h"
#include "core/setup/display_plan.h"
#include "core/layout/layout.h"
#include "core/result.h"
#include "render/sdl.h"

namespace placard {

// The environment variables that steer the choice of driver and renderer.
VideoEnvironment video_environment();

// Under kmsdrm: the DRM device with a screen connected (or the one
// "display_device" names), with the reason. While none has a screen, says so
// once (and through waiting(why), for systemd) and waits, pinging through
// ping(), until one has or stop() says so (then nothing). Any other driver
// first: nothing to choose, an empty choice.
std::optional<CardChoice> wait_for_screen(const Config& config, const VideoEnvironment& env,
                                          const std::function<void(const std::string&)>& waiting,
                                          const std::function<void()>& ping, const std::function<bool()>& stop);

class Display {
public:
    // Starts SDL's video subsystem (SDL_Init(SDL_INIT_EVENTS) must have run)
    // with the first driver that works, opens the window and creates a
    // renderer. When no screen is reachable it fails with an environment
    // error that says what was tried, rather than drawing into nothing.
    static Result<std::unique_ptr<Display>> open(const Config& config, const VideoEnvironment& env);

    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    SDL_Renderer* renderer() const { return renderer_.get(); }
    const std::string& driver() const { return driver_; }
    // Under kmsdrm, the DRM device drawn on and why it was chosen; else empty.
    const std::string& card() const { return card_; }
    const std::string& renderer_name() const { return renderer_name_; }

    // The renderer's output in pixels: re-read every frame, since an HDMI
    // cable plugged into another TV or a desktop resize changes it.
    Size output_size() const;

    // Shows what was drawn since the last present. Where the renderer draws
    // into the window system's own buffer, only this area is sent to the
    // screen (a progress bar's step, not the whole 8 MB frame); elsewhere the
    // whole frame is presented, which must then have been drawn whole.
    void present_area(const SDL_Rect& area);
    void present_areas(const std::vector<Rect>& areas);
    bool presents_areas() const { return native_framebuffer_; }

    // After SDL_RENDER_DEVICE_RESET the GPU context is gone: a new renderer
    // on the same window. Every texture of the old renderer must already be
    // destroyed, since destroying the renderer frees them behind our back.
    Result<bool> recreate_renderer();

    // Under kmsdrm, when the outputs changed (a TV switched off and on, a
    // cable moved): whether the screen drawn on should be opened again,
    // because a screen is connected to the device of choice now and was not
    // when it was opened, or the choice is another device. SDL2's KMSDRM
    // driver reads the connectors only when it starts.
    bool needs_reopening(const Config& config) const;
    // Video, window and renderer started again, so the mode is set anew.
    // As for recreate_renderer, every texture must be gone first.
    Result<bool> reopen(const Config& config, const VideoEnvironment& env);

private:
    Display() = default;
    Result<bool> start(const Config& config, const VideoEnvironment& env);
    Result<bool> create_renderer();

    // Members are destroyed last to first: the renderer (and its textures),
    // then the window, then the video subsystem they need.
    struct VideoSubsystem {
        bool started = false;
        ~VideoSubsystem()
        {
            if (started) SDL_QuitSubSystem(SDL_INIT_VIDEO);
        }
    } video_;
    std::string driver_;
    std::string card_;             // the DRM device and why
    std::string card_path_;
    bool card_connected_ = false;  // a screen was connected to it when opened
    std::vector<RendererChoice> renderer_choices_;
    std::string renderer_name_;
    bool native_framebuffer_ = false;
    sdl::Window window_;
    sdl::Renderer renderer_;
};

}  // namespace placard
