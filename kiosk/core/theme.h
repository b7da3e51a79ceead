#pragma once
// Colours by purpose. Body text on the background is at least 7:1 (WCAG AAA).
#include <cstdint>

#include "core/layout.h"

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

}  // namespace placard
