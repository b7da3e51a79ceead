#include "core/text/text_fit.h"

#include "core/text/text.h"

#include <linebreak.h>

namespace placard {
namespace {

bool ascii_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// An address (a link such as https://example.org/feed.json, www.example.org,
// or a file's path such as /etc/placard/placard.json) is one piece: it is
// copied as written, and half of one reads as another. Only an address wider
// than the whole line is split, between characters. The address runs to the
// next space or non-ASCII character.
void keep_addresses_whole(std::string_view text, std::vector<char>& breaks)
{
    auto printable = [&](std::size_t i) { return text[i] > ' ' && text[i] < 0x7F; };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = std::string_view::npos;
        // A left-to-right mark (U+200E) holding a path inside right-to-left words is a gap too.
        bool after_gap = i == 0 || text[i - 1] == ' ' || std::string_view("(\"'[{<").find(text[i - 1]) != std::string_view::npos ||
                         (i >= 3 && text.compare(i - 3, 3, "\xE2\x80\x8E") == 0);
        if (text.compare(i, 3, "://") == 0 && i > 0 && ascii_word(text[i - 1])) {
            start = i;
            while (start > 0 && (ascii_word(text[start - 1]) || text[start - 1] == '+' || text[start - 1] == '-' || text[start - 1] == '.'))
                --start;
        } else if (after_gap && i + 1 < text.size() && ((text[i] == '/' && (ascii_word(text[i + 1]) || text[i + 1] == '.' || text[i + 1] == '~')) ||
                                                         text.compare(i, 4, "www.") == 0)) {
            start = i;
        }
        if (start == std::string_view::npos) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && printable(end)) ++end;
        for (std::size_t k = start; k + 1 < end; ++k) breaks[k] = LINEBREAK_NOBREAK;
        i = std::max(end, i + 1);
    }
}

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
    keep_addresses_whole(paragraph, breaks);
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

// Greedy wrap measuring every candidate line whole: exact whatever the font
// does between words, but it measures each line once per word it holds.
void wrap_exactly(std::string_view paragraph, FontFace face, int px, int max_width, FontMetrics& metrics,
                  std::vector<std::string>& lines)
{
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
}

// Greedy wrap that adds up the widths of the pieces between break
// opportunities (each measured once per size), then checks every line whole.
// Shaping and kerning do not reach across a space, so the sum is the line's
// width; where a font makes it differ, the paragraph is wrapped exactly.
bool wrap_by_sums(std::string_view paragraph, FontFace face, int px, int max_width, FontMetrics& metrics,
                  std::vector<std::string>& lines)
{
    const std::size_t first = lines.size();
    std::string line;
    int line_width = 0;  // the pieces on the line so far, trailing spaces included
    for (const std::string& unit : break_units(paragraph)) {
        std::string trimmed = trim_right(unit);
        int width = metrics.text_width(unit, face, px);
        int trimmed_width = trimmed.size() == unit.size() ? width : metrics.text_width(trimmed, face, px);
        if (line_width + trimmed_width <= max_width) {
            line += unit;
            line_width += width;
            continue;
        }
        if (!line.empty()) {
            lines.push_back(trim_right(line));
            line.clear();
            line_width = 0;
        }
        if (trimmed_width > max_width) return false;  // a piece wider than the box: split exactly
        line = unit;
        line_width = width;
    }
    std::string last = trim_right(line);
    if (!last.empty() || paragraph.empty()) lines.push_back(last);
    for (std::size_t i = first; i < lines.size(); ++i)
        if (metrics.text_width(lines[i], face, px) > max_width) return false;
    return true;
}

}  // namespace

std::vector<std::string> wrap_text(std::string_view utf8, FontFace face, int px, int max_width, FontMetrics& metrics)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= utf8.size()) {
        std::size_t end = utf8.find('\n', start);
        std::string_view paragraph = utf8.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        std::size_t before = lines.size();
        if (!wrap_by_sums(paragraph, face, px, max_width, metrics, lines)) {
            lines.resize(before);
            wrap_exactly(paragraph, face, px, max_width, metrics, lines);
        }
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
                    FontMetrics& metrics, int max_lines, FitGoal goal)
{
    auto fits = [&](int px, std::vector<std::string>& lines) {
        lines = wrap_text(utf8, face, px, box_width, metrics);
        auto count = static_cast<int>(lines.size());
        return count * metrics.line_height(face, px) <= box_height && (max_lines <= 0 || count <= max_lines);
    };
    FittedText best;
    std::vector<std::string> lines;
    // Long text usually overflows at every size: one wrap at the smallest says so.
    if (!fits(min_px, lines)) return {min_px, std::move(lines), false};
    best = {min_px, lines, true};
    if (goal == FitGoal::smallest) return best;
    int lo = min_px + 1, hi = max_px;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (fits(mid, lines)) {
            best = {mid, lines, true};
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (goal == FitGoal::unbalanced) return best;
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
