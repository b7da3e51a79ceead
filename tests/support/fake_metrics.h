#pragma once
// A font for tests of layout and planning without real fonts: every character
// is half its pixel size wide, lines are 1.25 times the size apart, and no
// glyph is missing.
#include <string_view>
#include <vector>

#include "core/text/text.h"

namespace placard::test {

class HalfWidthMetrics final : public FontMetrics {
public:
    int text_width(std::string_view utf8, FontFace, int px) override
    {
        return static_cast<int>(count_code_points(utf8)) * px / 2;
    }
    int line_height(FontFace, int px) override { return px * 5 / 4; }
    std::vector<char32_t> missing_glyphs(std::string_view) override { return {}; }
};

}  // namespace placard::test
