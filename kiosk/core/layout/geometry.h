#pragma once
// Sizes and boxes on a screen, in pixels.
#include <optional>
#include <string_view>

namespace placard {

struct Size {
    int width = 0;
    int height = 0;
};

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    int right() const { return x + w; }
    int bottom() const { return y + h; }
};

// "1920x1080": each side from 64 to 16384 pixels, else nothing.
std::optional<Size> parse_size(std::string_view text);

}  // namespace placard
