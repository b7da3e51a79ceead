#pragma once
// The characters the screen's fonts can draw, for the browser checker, which
// has no fonts of its own: a table made when it is built, from the fonts the
// kiosk uses (platform/build/screen-glyphs.py), so that it names the same
// missing characters as placard-feed validate.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/text_fit.h"

namespace placard {

struct GlyphRange {
    std::uint32_t first, last;
};

// Sorted, not overlapping (generated).
extern const GlyphRange screen_glyph_ranges[];
extern const std::size_t screen_glyph_range_count;

// The screen's fonts as far as validating needs them: which characters they
// lack. It measures nothing.
class ScreenGlyphs final : public FontMetrics {
public:
    int text_width(std::string_view, FontFace, int) override { return 0; }
    int line_height(FontFace, int) override { return 0; }
    // As FontSet::missing_glyphs: a character is drawn when any of the
    // screen's fonts has it; spaces, controls and the bidi marks need none.
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override;
};

}  // namespace placard
