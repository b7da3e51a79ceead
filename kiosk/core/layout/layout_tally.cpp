// Tally slides: the big number, what it counts, and where it comes from.
#include "core/layout/layout.h"
#include "core/layout/slide_builder.h"

#include <climits>

namespace placard::slide_detail {
namespace {

// Stacked (portrait), the number and what it counts are one group, centred in
// the area, rather than each centred in its own share of it: the figure's
// lines are from first_line, the words' from words_line and words_block. The
// words go straight under the figure: the number's line box already holds
// the room under its digits, about a third of its size.
void stack_together(Builder& b, std::size_t first_line, std::size_t words_line, std::size_t words_block, Rect area)
{
    SlideLayout& out = b.out();
    auto span = [](auto begin, auto end, auto box_of) {
        int top = INT_MAX, bottom = INT_MIN;
        for (auto it = begin; it != end; ++it) {
            top = std::min(top, box_of(*it).y);
            bottom = std::max(bottom, box_of(*it).bottom());
        }
        return std::pair{top, bottom};
    };
    auto line_box = [](const TextLine& l) { return l.box; };
    auto block_box = [](const Block& k) { return k.box; };
    auto lines = out.lines.begin();
    auto [figure_top, figure_bottom] = span(lines + static_cast<long>(first_line), lines + static_cast<long>(words_line), line_box);
    auto [words_top, words_bottom] = span(lines + static_cast<long>(words_line), out.lines.end(), line_box);
    auto [bars_top, bars_bottom] = span(out.blocks.begin() + static_cast<long>(words_block), out.blocks.end(), block_box);
    words_top = std::min(words_top, bars_top);
    words_bottom = std::max(words_bottom, bars_bottom);
    if (figure_top > figure_bottom || words_top > words_bottom) return;
    int height = figure_bottom - figure_top + words_bottom - words_top;
    int top = area.y + std::max(0, (area.h - height) / 2);
    int figure_dy = top - figure_top;
    int words_dy = top + figure_bottom - figure_top - words_top;
    for (std::size_t i = first_line; i < out.lines.size(); ++i) out.lines[i].box.y += i < words_line ? figure_dy : words_dy;
    for (std::size_t i = words_block; i < out.blocks.size(); ++i) out.blocks[i].box.y += words_dy;
}

}  // namespace

void layout_tally(const Item& item, Builder& b, Rect area)
{
    const Scale& u = b.scale();
    std::string number = format_tally_value(item.tally.value, b.language());
    std::string label = item.title.empty() ? item.text : item.title;
    // An item with only a title has that title as its text too: shown once.
    std::string detail = item.title.empty() || item.text == item.title ? std::string{} : item.text;
    std::string as_of = display_date(item.tally.as_of, b.language());
    std::string footnote = as_of.empty() ? "" : b.word("as_of", {{"date", as_of}});
    if (!item.tally.source.empty())
        footnote += (footnote.empty() ? "" : " \xC2\xB7 ") + b.word("source", {{"source", item.tally.source}});

    // Landscape: the number on the left, its meaning on the right. Portrait: stacked.
    bool columns = area.w > area.h * 13 / 10;
    int gap = u.px(5);
    Rect figure = area, words = area;
    if (columns) {
        figure.w = area.w * 2 / 5;
        words = {figure.right() + gap, area.y, area.w - figure.w - gap, area.h};
    } else {
        figure.h = area.h * 2 / 5;
        words = {area.x, figure.bottom() + gap, area.w, area.h - figure.h - gap};
    }

    const std::size_t figure_lines = b.out().lines.size();
    int around_h = item.tally.approximate ? b.line_height(FontFace::regular, 4.5) : 0;
    // An earlier count becomes the change since then, under the number.
    std::string change;
    if (item.tally.previous_value) {
        double delta = item.tally.value - *item.tally.previous_value;
        std::string since = display_date(item.tally.previous_as_of, b.language());
        // ICU's sign, set as a true minus (U+2212) where it writes a hyphen-minus.
        std::string signed_delta = format_number(delta, b.language(), 1, true);
        if (auto minus = signed_delta.find('-'); minus != std::string::npos) signed_delta.replace(minus, 1, "\xE2\x88\x92");
        change = delta == 0 ? b.word("no_change", {{"date", since}})
                            : b.word("change", {{"change", signed_delta},
                                                {"date", since}});
    }
    // Wrapped to two lines rather than set smaller on a narrow figure.
    auto change_fit = b.fit_lines(change, FontFace::bold, 3.6, 3.6, figure.w, 2);
    int change_h = change.empty() ? 0 : b.height_of(change_fit, FontFace::bold);
    auto number_fit = b.fit(number, FontFace::bold, 10, 30, figure.w, figure.h - around_h - change_h, 1);
    int figure_h = around_h + b.height_of(number_fit, FontFace::bold) + change_h;
    int y = figure.y + std::max(0, (figure.h - figure_h) / 2);
    if (item.tally.approximate) y += b.line(b.word("around"), "around", FontFace::regular, u.px(4.5), figure.x, y, figure.w, Paint::muted);
    y += b.paragraph(number_fit, "number", FontFace::bold, {figure.x, y, figure.w, 0}, Paint::accent, false);
    if (!change.empty()) b.paragraph(change_fit, "change", FontFace::bold, {figure.x, y, figure.w, 0}, Paint::text, false);
    const std::size_t words_lines = b.out().lines.size(), words_blocks = b.out().blocks.size();

    auto foot_fit = b.fit_lines(footnote, FontFace::regular, 3.1, 3.1, words.w, 3);
    int foot_h = footnote.empty() ? 0 : b.height_of(foot_fit, FontFace::regular) + u.px(3);
    auto label_fit = b.fit_lines(label, FontFace::bold, 3.6, 6, words.w, 3, (words.h - foot_h) / 2);
    int label_h = b.height_of(label_fit, FontFace::bold) + u.px(2.5);
    // A breakdown is a bar chart: one row per part, as many as fit (room kept
    // for two lines of detail), longest bar for the largest. Parts that do not
    // fit are summed into a last row, "Other".
    std::vector<BreakdownEntry> parts = item.tally.breakdown;
    int row_px = u.text(3.1);
    int row_h = b.line_height(FontFace::regular, 3.1) + u.px(0.8);
    int detail_room = detail.empty() ? 0 : b.line_height(FontFace::regular, 3.1) * 2;
    int chart_room = words.h - foot_h - label_h - detail_room - u.px(2);
    auto fitting = static_cast<std::size_t>(std::max(0, chart_room / row_h));
    if (parts.size() > fitting) {
        double rest = 0;
        for (std::size_t i = fitting > 0 ? fitting - 1 : 0; i < parts.size(); ++i) rest += parts[i].value;
        parts.resize(fitting > 0 ? fitting - 1 : 0);
        if (fitting > 0) parts.push_back({b.word("other"), rest});
    }
    std::size_t rows = parts.size();
    int chart_h = rows > 0 ? static_cast<int>(rows) * row_h + u.px(2) : 0;
    FittedText detail_fit;
    if (!detail.empty()) {
        int room = words.h - foot_h - label_h - chart_h;
        int most = rows > 0 ? 2 : std::max(1, room / b.line_height(FontFace::regular, 3.1));
        detail_fit = b.fit_lines(detail, FontFace::regular, 3.1, 3.6, words.w, most, room);
    }
    int total = label_h + foot_h + chart_h + (detail.empty() ? 0 : b.height_of(detail_fit, FontFace::regular));
    y = words.y + std::max(0, (words.h - total) / 2);
    y += b.paragraph(label_fit, "label", FontFace::bold, {words.x, y, words.w, 0}, Paint::text, false) + u.px(2.5);
    if (!detail.empty()) y += b.paragraph(detail_fit, "detail", FontFace::regular, {words.x, y, words.w, 0}, Paint::muted, false);
    if (rows > 0) {
        y += u.px(2);
        double largest = 0;
        for (std::size_t i = 0; i < rows; ++i) largest = std::max(largest, parts[i].value);
        int label_w = words.w * 2 / 5, value_w = u.px(10), bar_gap = u.px(1.5);
        int bar_room = words.w - label_w - value_w - 2 * bar_gap;
        for (std::size_t i = 0; i < rows; ++i) {
            b.line(parts[i].label, "breakdown-label", FontFace::regular, row_px, words.x, y, label_w, Paint::muted);
            int bar_w = largest > 0 ? std::max(u.px(0.4), static_cast<int>(bar_room * parts[i].value / largest)) : 0;
            int bar_h = row_px * 7 / 10;
            int lh = b.line_height(FontFace::regular, 3.1);
            b.out().blocks.push_back({{words.x + label_w + bar_gap, y + (lh - bar_h) / 2, bar_w, bar_h}, Paint::accent});
            b.line(format_tally_value(parts[i].value, b.language()), "breakdown-value", FontFace::bold, row_px,
                   words.x + label_w + 2 * bar_gap + bar_w, y, value_w, Paint::text);
            y += row_h;
        }
    }
    if (!footnote.empty()) {
        b.out().blocks.push_back({{words.x, y + u.px(1.5), u.px(4), std::max(2, u.px(0.3))}, Paint::track});
        b.paragraph(foot_fit, "source", FontFace::regular, {words.x, y + u.px(3), words.w, 0}, Paint::muted, false);
    }
    if (!columns) stack_together(b, figure_lines, words_lines, words_blocks, area);
}

}  // namespace placard::slide_detail
