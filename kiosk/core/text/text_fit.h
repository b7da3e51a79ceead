#pragma once
// Fitting text into boxes, given only a way to measure it: word wrapping,
// choosing the largest size that fits, and balancing line lengths.
#include <string>
#include <string_view>
#include <vector>

namespace placard {

enum class FontFace { regular, bold };

// What layout needs to know about fonts. The shell implements it with SDL_ttf;
// tests implement it with fixed advances.
class FontMetrics {
public:
    virtual ~FontMetrics() = default;
    virtual int text_width(std::string_view utf8, FontFace face, int px) = 0;
    virtual int line_height(FontFace face, int px) = 0;  // baseline to baseline
    // Code points that no available font can draw.
    virtual std::vector<char32_t> missing_glyphs(std::string_view utf8) = 0;
};

// Greedy wrap at spaces; text in scripts written without spaces (Chinese,
// Japanese) may break between any two characters. "\n" always breaks. An
// address (https://example.org/feed.json, /etc/placard/placard.json) is one
// word. A word wider than the box is split between characters rather than
// overflowing.
std::vector<std::string> wrap_text(std::string_view utf8, FontFace face, int px, int max_width, FontMetrics& metrics);

// The text cut at a character boundary and ended with "…" so that it fits
// max_width; unchanged when it already fits.
std::string ellipsize(std::string_view utf8, FontFace face, int px, int max_width, FontMetrics& metrics);

// What a fit is for. Planning pages needs only the size and the number of
// lines (unbalanced), or only whether the text fits at all (smallest); the
// slide on screen also has its line lengths balanced.
enum class FitGoal { balanced, unbalanced, smallest };

struct FittedText {
    int px = 0;
    std::vector<std::string> lines;
    bool fits = false;  // false when even min_px overflows the box
};

// The largest size in [min_px, max_px] at which the wrapped text fits the box
// (at most max_lines lines when max_lines > 0), with line lengths balanced so
// the last line is not a lone word (FitGoal::balanced). Text that does not fit
// at min_px is known after one wrap.
FittedText fit_text(std::string_view utf8, FontFace face, int min_px, int max_px, int box_width, int box_height,
                    FontMetrics& metrics, int max_lines = 0, FitGoal goal = FitGoal::balanced);

}  // namespace placard
