#include "core/setup/display_plan.h"

#include <algorithm>
#include <charconv>

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
    // The software renderer draws on the CPU: on a desktop there is no GPU
    // swap to wait for. Under KMSDRM its frames still go out through GL and a
    // page flip, and SDL flips asynchronously when vsync is off, which
    // garbles the picture on a Raspberry Pi 5: there every renderer asks for
    // vsync (SDL's software renderer passes it on to the window's GL texture).
    c.vsync = renderer != "software" || driver == "kmsdrm";
    // SDL's software renderer puts its pixels either in the window system's own
    // buffer (X11 shared memory, or plain memory offscreen: a quarter of the
    // memory of Mesa's llvmpipe on a machine without a GPU) or in a GL texture.
    // KMSDRM and SDL2's Wayland driver have no buffer of their own, so there
    // it must go through GL.
    c.native_framebuffer = renderer == "software" && (driver == "x11" || driver == "offscreen");
    return c;
}

// "/dev/dri/card12" -> 12; -1 for any other name.
int card_number(std::string_view path)
{
    constexpr std::string_view prefix = "/dev/dri/card";
    if (path.substr(0, prefix.size()) != prefix || path.size() == prefix.size() || path.size() > prefix.size() + 2) return -1;
    int n = -1;
    auto [end, ec] = std::from_chars(path.data() + prefix.size(), path.data() + path.size(), n);
    return ec == std::errc{} && end == path.data() + path.size() ? n : -1;
}

// "HDMI-A-1 connected", "HDMI-A-1 and HDMI-A-2 not connected", "no outputs".
std::string outputs_of(const DrmCard& card)
{
    if (card.connectors.empty()) return "no outputs";
    std::string on, off;
    for (const DrmConnector& c : card.connectors) {
        std::string& list = c.connected ? on : off;
        list += (list.empty() ? "" : ", ") + c.name;
    }
    return on.empty() ? off + " not connected" : on + " connected";
}

}  // namespace

Result<CardChoice> choose_drm_card(std::vector<DrmCard> cards, std::string_view setting)
{
    std::sort(cards.begin(), cards.end(), [](const DrmCard& a, const DrmCard& b) {
        return std::make_pair(card_number(a.path), a.path) < std::make_pair(card_number(b.path), b.path);
    });
    auto connected = [](const DrmCard& c) {
        return std::any_of(c.connectors.begin(), c.connectors.end(), [](const DrmConnector& o) { return o.connected; });
    };
    auto others = [&](const DrmCard* chosen) {
        std::string out;
        for (const DrmCard& c : cards)
            if (&c != chosen) out += (out.empty() ? "" : "; ") + c.path + " has " + outputs_of(c);
        return out;
    };
    const DrmCard* chosen = nullptr;
    if (setting != "auto") {
        for (const DrmCard& c : cards)
            if (c.path == setting) chosen = &c;
        if (!chosen || card_number(chosen->path) < 0) {
            std::string list;
            for (const DrmCard& c : cards) list += (list.empty() ? "" : ", ") + c.path;
            return Error{"\"display_device\": " + std::string(setting) + " is not a display device here; "
                             + (list.empty() ? std::string("there is none (no DRM driver loaded)") : "the devices are " + list)
                             + "; set it to \"auto\" or to one of them",
                         ErrorKind::environment};
        }
    } else {
        for (const DrmCard& c : cards)
            if (!chosen && connected(c) && card_number(c.path) >= 0) chosen = &c;
    }
    CardChoice choice;
    if (!chosen) {
        choice.why = cards.empty() ? "no display device (no DRM driver loaded)" : "no screen connected: " + others(nullptr);
        return choice;
    }
    choice.path = chosen->path;
    choice.index = card_number(chosen->path);
    choice.connected = connected(*chosen);
    const std::string rest = others(chosen);
    choice.why = chosen->path + " (" + outputs_of(*chosen) + (setting == "auto" ? "" : ", as \"display_device\" says")
                 + (rest.empty() ? "" : "; " + rest) + ")";
    return choice;
}

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
