#include "core/text_fit.h"

#include "core/text.h"

#include <linebreak.h>

namespace placard {
namespace {

// The pieces of a paragraph between line break opportunities, as the Unicode
// line breaking algorithm (UAX #14, libunibreak) finds them: after spaces,
// between Chinese characters, never before closing punctuation such as 。or ，.
std::vector<std::string> break_units(std::string_view paragraph)
{
    static const bool initialised = [] {
        init_linebreak();
        return true;
    }();
    (void)initialised;
    std::vector<char> breaks(paragraph.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(paragraph.data()), paragraph.size(), nullptr, breaks.data());
    std::vector<std::string> units;
    std::size_t start = 0;
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        if (breaks[i] == LINEBREAK_ALLOWBREAK || breaks[i] == LINEBREAK_MUSTBREAK) {
            units.emplace_back(paragraph.substr(start, i + 1 - start));
            start = i + 1;
        }
    }
    if (start < paragraph.size()) units.emplace_back(paragraph.substr(start));
    return units;
}

std::string trim_right(std::string s)
{
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// Splits a unit wider than the box between characters.
void split_wide_unit(const std::string& unit, FontFace face, int px, int max_width, FontMetrics& metrics,
                     std::vector<std::string>& lines, std::string& line)
{
    std::vector<char32_t> cps;
    decode_utf8(unit, cps);
    for (char32_t cp : cps) {
        std::string candidate = line;
        append_utf8(candidate, cp);
        if (!line.empty() && metrics.text_width(trim_right(candidate), face, px) > max_width) {
            lines.push_back(trim_right(line));
            line.clear();
            append_utf8(line, cp);
        } else {
            line = candidate;
        }
    }
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view utf8, FontFace face, int px, int max_width, FontMetrics& metrics)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= utf8.size()) {
        std::size_t end = utf8.find('\n', start);
        std::string_view paragraph = utf8.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        std::string line;
        for (const std::string& unit : break_units(paragraph)) {
            std::string candidate = line + unit;
            if (metrics.text_width(trim_right(candidate), face, px) <= max_width) {
                line = candidate;
                continue;
            }
            if (!line.empty()) {
                lines.push_back(trim_right(line));
                line.clear();
            }
            if (metrics.text_width(trim_right(unit), face, px) <= max_width) line = unit;
            else split_wide_unit(unit, face, px, max_width, metrics, lines, line);
        }
        std::string last = trim_right(line);
        if (!last.empty() || paragraph.empty()) lines.push_back(last);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    // Blank lines only separate paragraphs; none at the ends.
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    return lines;
}

std::string ellipsize(std::string_view utf8, FontFace face, int px, int max_width, FontMetrics& metrics)
{
    if (metrics.text_width(utf8, face, px) <= max_width) return std::string(utf8);
    std::vector<char32_t> cps;
    decode_utf8(utf8, cps);
    // Binary search on the number of characters kept.
    std::size_t lo = 0, hi = cps.size();
    auto candidate = [&](std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) append_utf8(s, cps[i]);
        return trim_right(s) + "\xE2\x80\xA6";
    };
    while (lo < hi) {
        std::size_t mid = (lo + hi + 1) / 2;
        if (metrics.text_width(candidate(mid), face, px) <= max_width) lo = mid;
        else hi = mid - 1;
    }
    return lo == 0 ? std::string{} : candidate(lo);
}

FittedText fit_text(std::string_view utf8, FontFace face, int min_px, int max_px, int box_width, int box_height,
                    FontMetrics& metrics, int max_lines)
{
    auto fits = [&](int px, std::vector<std::string>& lines) {
        lines = wrap_text(utf8, face, px, box_width, metrics);
        auto count = static_cast<int>(lines.size());
        return count * metrics.line_height(face, px) <= box_height && (max_lines <= 0 || count <= max_lines);
    };
    FittedText best;
    int lo = min_px, hi = max_px;
    std::vector<std::string> lines;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (fits(mid, lines)) {
            best = {mid, lines, true};
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (!best.fits) {
        best.px = min_px;
        best.lines = wrap_text(utf8, face, min_px, box_width, metrics);
        return best;
    }
    // Balance: the narrowest box that keeps the same number of lines.
    if (best.lines.size() > 1) {
        int narrow = box_width / 2, wide = box_width;
        while (narrow < wide) {
            int mid = (narrow + wide) / 2;
            if (wrap_text(utf8, face, best.px, mid, metrics).size() <= best.lines.size()) wide = mid;
            else narrow = mid + 1;
        }
        best.lines = wrap_text(utf8, face, best.px, wide, metrics);
    }
    return best;
}

}  // namespace placard
