#include "screen/display.h"

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "screen/drm_cards.h"

namespace placard {

namespace {

std::string environment_variable(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

// SDL prefers SDL_VIDEODRIVER from the environment to a hint set normally, and
// would then walk a list; with override priority it starts exactly this driver.
bool start_video(const std::string& driver)
{
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, driver.c_str(), SDL_HINT_OVERRIDE);
    return SDL_InitSubSystem(SDL_INIT_VIDEO) == 0;
}

int render_driver_index(const std::string& name)
{
    for (int i = 0; i < SDL_GetNumRenderDrivers(); ++i) {
        SDL_RendererInfo info{};
        if (SDL_GetRenderDriverInfo(i, &info) == 0 && name == info.name) return i;
    }
    return -1;
}

std::string join(const std::string& so_far, const std::string& more) { return so_far.empty() ? more : so_far + "; " + more; }

}  // namespace

VideoEnvironment video_environment()
{
    VideoEnvironment env;
    env.x11 = !environment_variable("DISPLAY").empty();
    env.wayland = !environment_variable("WAYLAND_DISPLAY").empty();
    env.sdl_videodriver = environment_variable("SDL_VIDEODRIVER");
    env.sdl_render_driver = environment_variable("SDL_RENDER_DRIVER");
    return env;
}

std::optional<CardChoice> wait_for_screen(const Config& config, const VideoEnvironment& env,
                                          const std::function<void(const std::string&)>& waiting,
                                          const std::function<void()>& ping, const std::function<bool()>& stop)
{
    if (video_drivers_to_try(config, env).front() != "kmsdrm") return CardChoice{};
    bool told = false;
    for (;;) {
        const std::vector<DrmCard> cards = read_drm_cards();
        auto choice = choose_drm_card(cards, resolved_device(config.display_device));
        // No DRM device at all, or none by the name the settings give: nothing
        // to wait for; opening the display says what is wrong (exit 3).
        if (cards.empty() || !choice) return CardChoice{};
        const std::string why = choice->why;
        if (choice->connected) {
            if (told) std::fprintf(stderr, "placard: a screen is connected: %s\n", choice->why.c_str());
            return *choice;
        }
        // Said once: systemd would otherwise restart a kiosk that fails, every few seconds, all night.
        if (!told) {
            std::fprintf(stderr, "placard: waiting for a screen: %s\n", why.c_str());
            waiting(why);
        }
        told = true;
        for (auto until = std::chrono::steady_clock::now() + OutputWatch::every; std::chrono::steady_clock::now() < until;) {
            if (stop()) return std::nullopt;
            ping();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

Result<std::unique_ptr<Display>> Display::open(const Config& config, const VideoEnvironment& env)
{
    std::unique_ptr<Display> d(new Display);
    if (auto started = d->start(config, env); !started) return started.error();
    return d;
}

Result<bool> Display::start(const Config& config, const VideoEnvironment& env)
{
    // A kiosk is watched, not used: the TV must not blank between slides.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    std::string failures;
    for (const std::string& driver : video_drivers_to_try(config, env)) {
        if (driver == "kmsdrm") {
            // SDL 2.24 and later take the device by its number; by itself it
            // takes the first with a connector connected, but says not which.
            auto choice = choose_drm_card(read_drm_cards(), resolved_device(config.display_device));
            if (choice && !choice->path.empty()) {
                SDL_SetHintWithPriority(SDL_HINT_KMSDRM_DEVICE_INDEX, std::to_string(choice->index).c_str(), SDL_HINT_OVERRIDE);
                card_ = choice->why;
                card_path_ = choice->path;
                card_connected_ = choice->connected;
                std::fprintf(stderr, "placard: display device %s\n", card_.c_str());
            } else if (!choice) {
                failures = join(failures, driver + ": " + choice.error().message);
                continue;
            }
        }
        if (start_video(driver)) {
            video_.started = true;
            driver_ = driver;
            break;
        }
        failures = join(failures, driver + ": " + SDL_GetError());
    }
    if (!video_.started)
        return Error{"no display (tried " + failures + ").\n"
                     "  Run it on the screen's console (as the placard service, or as a user in the video, render and\n"
                     "  input groups) or on a desktop; \"video_driver\" in the config or --video-driver picks one.\n"
                     "  To see the slides without a screen, render them to PNG files: placard-feed preview FEED --out DIR",
                     ErrorKind::environment};
    if (!failures.empty()) std::fprintf(stderr, "placard: video driver %s (before it: %s)\n", driver_.c_str(), failures.c_str());

    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w = 1280, h = 720;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    if (config.window) {
        w = config.window->width;
        h = config.window->height;
    } else {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        // Made at the screen's own size and corner: on an X server with no
        // window manager (startx kiosks) nothing would resize it for us.
        SDL_DisplayMode desktop{};
        if (SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 && desktop.h > 0) {
            w = desktop.w;
            h = desktop.h;
            x = y = 0;
        }
    }
    window_.reset(SDL_CreateWindow("Placard", x, y, w, h, flags));
    if (!window_) return Error{"cannot open a window on " + driver_ + ": " + SDL_GetError(), ErrorKind::environment};
    // Nobody points at a kiosk; in a window, for trying things out, the pointer stays.
    if (!config.window) SDL_ShowCursor(SDL_DISABLE);
    renderer_choices_ = renderers_to_try(driver_, config, env);
    return create_renderer();
}

bool Display::needs_reopening(const Config& config) const
{
    if (driver_ != "kmsdrm") return false;
    auto choice = choose_drm_card(read_drm_cards(), resolved_device(config.display_device));
    if (!choice || !choice->connected) return false;  // nothing to draw on yet: wait for the next change
    return !card_connected_ || choice->path != card_path_;
}

Result<bool> Display::reopen(const Config& config, const VideoEnvironment& env)
{
    renderer_.reset();
    window_.reset();
    if (video_.started) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    video_.started = false;
    VideoEnvironment same = env;
    same.sdl_videodriver = driver_;  // the driver that worked, not the search again
    return start(config, same);
}

Result<bool> Display::create_renderer()
{
    std::string failures;
    for (const RendererChoice& choice : renderer_choices_) {
        int index = render_driver_index(choice.name);
        if (index < 0) {
            failures = join(failures, choice.name + ": not built into this SDL");
            continue;
        }
        // Read when the software renderer asks for the window's surface.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, choice.native_framebuffer ? "0" : "1");
        renderer_.reset(SDL_CreateRenderer(window_.get(), index, choice.vsync ? SDL_RENDERER_PRESENTVSYNC : 0));
        if (!renderer_) {
            failures = join(failures, choice.name + ": " + SDL_GetError());
            continue;
        }
        renderer_name_ = choice.name;
        native_framebuffer_ = choice.native_framebuffer;
        Size size = output_size();
        std::fprintf(stderr, "placard: video driver %s, renderer %s%s, %dx%d%s%s%s\n", driver_.c_str(), choice.name.c_str(),
                     choice.vsync ? " with vsync" : "", size.width, size.height, failures.empty() ? "" : " (before it: ",
                     failures.c_str(), failures.empty() ? "" : ")");
        return true;
    }
    return Error{"cannot create a renderer on " + driver_ + " (" + failures
                     + "); try \"renderer\": \"software\" in the config, or --renderer software",
                 ErrorKind::environment};
}

void Display::present_area(const SDL_Rect& area)
{
    if (!native_framebuffer_) {
        SDL_RenderPresent(renderer_.get());
        return;
    }
    SDL_RenderFlush(renderer_.get());
    SDL_UpdateWindowSurfaceRects(window_.get(), &area, 1);
}

void Display::present_areas(const std::vector<Rect>& areas)
{
    if (!native_framebuffer_) {
        SDL_RenderPresent(renderer_.get());
        return;
    }
    SDL_RenderFlush(renderer_.get());
    std::vector<SDL_Rect> rects;
    for (const Rect& r : areas) rects.push_back({r.x, r.y, r.w, r.h});
    if (!rects.empty()) SDL_UpdateWindowSurfaceRects(window_.get(), rects.data(), static_cast<int>(rects.size()));
}

Result<bool> Display::recreate_renderer()
{
    renderer_.reset();
    return create_renderer();
}

Size Display::output_size() const
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_.get(), &w, &h);
    return {w, h};
}

}  // namespace placard
