#pragma once
// Colours by purpose. Body text on the background is at least 7:1 (WCAG AAA).
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/layout/layout.h"
#include "core/result.h"

namespace placard {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

struct Theme {
    Rgb background{0x10, 0x18, 0x26};
    Rgb text{0xF4, 0xF6, 0xFA};
    Rgb muted{0xB4, 0xBF, 0xCC};
    Rgb accent{0xF2, 0xB2, 0x3E};
    Rgb urgent{0xE5, 0x48, 0x4D};
    Rgb track{0x2A, 0x35, 0x48};
    Rgb on_accent{0x10, 0x18, 0x26};

    Rgb paint(Paint p) const
    {
        switch (p) {
        case Paint::muted: return muted;
        case Paint::accent: return accent;
        case Paint::urgent: return urgent;
        case Paint::track: return track;
        case Paint::on_accent: return on_accent;
        default: return text;
        }
    }
};

// WCAG 2 contrast ratio between two colours, from 1 to 21.
double contrast_ratio(Rgb a, Rgb b);

// The two themes. Both keep body and secondary text at 7:1 or more against
// the background (WCAG AAA), and the accent, used only for large text and
// rules, at 4.5:1 or more.
Theme dark_theme();
Theme light_theme();

// "#F2B23E" -> the colour; nothing for anything else.
std::optional<Rgb> parse_hex_colour(std::string_view text);

// The theme named in the config ("dark" or "light") with an accent colour of
// the organiser's; an error that says the fix when the accent is too faint.
Result<Theme> make_theme(std::string_view name, std::string_view accent);

}  // namespace placard
