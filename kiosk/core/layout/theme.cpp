#include "core/layout/theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace placard {
namespace {

double channel(std::uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

}  // namespace

Theme dark_theme() { return Theme{}; }

Theme light_theme()
{
    Theme t;
    t.background = {0xF7, 0xF5, 0xF0};
    t.text = {0x14, 0x18, 0x1F};
    t.muted = {0x3F, 0x48, 0x56};
    t.accent = {0x9A, 0x4A, 0x00};
    t.urgent = {0xB3, 0x26, 0x1E};
    t.track = {0xD9, 0xDC, 0xE1};
    t.on_accent = {0xFF, 0xFF, 0xFF};
    return t;
}

std::optional<Rgb> parse_hex_colour(std::string_view s)
{
    if (s.size() != 7 || s[0] != '#') return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    int v[6];
    for (int i = 0; i < 6; ++i)
        if ((v[i] = nibble(s[static_cast<std::size_t>(i) + 1])) < 0) return std::nullopt;
    return Rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
               static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

Result<Theme> make_theme(std::string_view name, std::string_view accent)
{
    Theme t;
    if (name == "light") t = light_theme();
    else if (name.empty() || name == "dark") t = dark_theme();
    else return Error{"\"theme\": \"" + std::string(name) + "\" is not a theme; use \"dark\" or \"light\""};
    if (!accent.empty()) {
        auto colour = parse_hex_colour(accent);
        if (!colour) return Error{"\"accent\": \"" + std::string(accent) + "\" is not a colour; write it like \"#F2B23E\""};
        double ratio = contrast_ratio(*colour, t.background);
        if (ratio < 4.5) {
            char buf[160];
            std::snprintf(buf, sizeof buf,
                          "\"accent\": %s has a contrast of only %.1f:1 on the %s background; choose a %s colour "
                          "(4.5:1 at least) so numbers stay readable across the room",
                          std::string(accent).c_str(), ratio, name == "light" ? "light" : "dark",
                          name == "light" ? "darker" : "lighter");
            return Error{buf};
        }
        t.accent = *colour;
        // Text on the accent (the demo badge) takes whichever of black or the background reads better.
        t.on_accent = contrast_ratio(t.background, *colour) >= contrast_ratio(Rgb{0, 0, 0}, *colour) ? t.background : Rgb{0, 0, 0};
    }
    return t;
}

double contrast_ratio(Rgb a, Rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace placard
