#include "check/screen_glyphs.h"

#include <algorithm>

#include "core/text/text.h"

namespace placard {

std::vector<char32_t> ScreenGlyphs::missing_glyphs(std::string_view utf8)
{
    std::vector<char32_t> cps;
    decode_utf8(utf8, cps);
    const GlyphRange* begin = screen_glyph_ranges;
    const GlyphRange* end = screen_glyph_ranges + screen_glyph_range_count;
    std::vector<char32_t> missing;
    for (char32_t cp : cps) {
        if (cp <= ' ' || cp == 0x061C || cp == 0x200E || cp == 0x200F) continue;
        // The first range that ends at or after cp: cp is drawn when that range starts at or before it.
        auto range = std::lower_bound(begin, end, cp, [](const GlyphRange& r, char32_t c) { return r.last < c; });
        if (range == end || range->first > cp) missing.push_back(cp);
    }
    return missing;
}

}  // namespace placard
