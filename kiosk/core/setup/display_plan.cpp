#include "core/setup/display_plan.h"

namespace placard {

namespace {

std::vector<std::string> split_list(std::string_view list)
{
    std::vector<std::string> names;
    while (!list.empty()) {
        auto comma = list.find(',');
        std::string_view name = list.substr(0, comma);
        if (!name.empty()) names.emplace_back(name);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return names;
}

RendererChoice choice(std::string_view renderer, std::string_view driver)
{
    RendererChoice c;
    c.name = renderer;
    // The software renderer draws on the CPU: there is no GPU swap to wait for.
    c.vsync = renderer != "software";
    // SDL's software renderer puts its pixels either in the window system's own
    // buffer (X11 shared memory, or plain memory offscreen: a quarter of the
    // memory of Mesa's llvmpipe on a machine without a GPU) or in a GL texture.
    // KMSDRM and SDL2's Wayland driver have no buffer of their own, so there
    // it must go through GL.
    c.native_framebuffer = renderer == "software" && (driver == "x11" || driver == "offscreen");
    return c;
}

}  // namespace

std::vector<std::string> video_drivers_to_try(const Config& config, const VideoEnvironment& env)
{
    if (config.video_driver != "auto") return {config.video_driver};
    if (auto listed = split_list(env.sdl_videodriver); !listed.empty()) return listed;
    std::vector<std::string> drivers;
    // X11 before Wayland, as SDL2 orders them: a Wayland desktop runs Xwayland too.
    if (env.x11) drivers.emplace_back("x11");
    if (env.wayland) drivers.emplace_back("wayland");
    drivers.emplace_back("kmsdrm");
    return drivers;
}

std::vector<RendererChoice> renderers_to_try(std::string_view driver, const Config& config, const VideoEnvironment& env)
{
    if (config.renderer != "auto") return {choice(config.renderer, driver)};
    if (auto listed = split_list(env.sdl_render_driver); !listed.empty()) {
        std::vector<RendererChoice> choices;
        for (const auto& name : listed) choices.push_back(choice(name, driver));
        return choices;
    }
    // On the console a Raspberry Pi's V3D GPU draws through GLES2; should its
    // driver be missing, the software renderer still puts the slides up.
    if (driver == "kmsdrm") return {choice("opengles2", driver), choice("software", driver)};
    // A desktop here may well have no GPU, and Mesa's llvmpipe behind an
    // accelerated renderer costs 60-85 MB before a single slide.
    return {choice("software", driver)};
}

}  // namespace placard
