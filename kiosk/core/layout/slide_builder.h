#pragma once
// The pieces layout is built from, shared by the files that lay out each kind
// of slide: the type scale and a builder that places lines and blocks. Only
// layout*.cpp include this; everyone else uses core/layout/layout.h.
#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string>

#include "core/layout/slide_layout.h"
#include "core/plan/plan.h"
#include "core/words/locale_format.h"
#include "core/words/slide_words.h"

namespace placard::slide_detail {

// Sizes are fractions of the shorter screen side, so a 1920x1080 landscape and a
// 1080x1920 portrait screen use the same type sizes and differ only in shape.
struct Scale {
    double unit;         // one hundredth of the shorter side, in pixels
    int smallest_text;   // the legibility floor (TypeScale::smallest_share), in pixels
    int px(double units) const { return std::max(1, static_cast<int>(std::lround(units * unit))); }
    // A text size: never below the floor, whatever the rounding.
    int text(double units) const { return std::max(px(units), smallest_text); }
};

class Builder {
public:
    Builder(const SlideContext& context, FontMetrics& metrics)
        : context_(context), metrics_(metrics),
          scale_{std::min(context.screen.width, context.screen.height) / 100.0, smallest_text_px(context.screen)}
    {
        const Size s = context.screen;
        // 6% side margins and 7% top and bottom keep clear of TV overscan (up to
        // 5%); a TV that crops more gets a larger margin_percent.
        int mx = static_cast<int>(std::lround(s.width * context.margin_percent / 100.0));
        int my = static_cast<int>(std::lround(s.height * (context.margin_percent + 1) / 100.0));
        out_.screen = s;
        out_.safe = {mx, my, s.width - 2 * mx, s.height - 2 * my};
        language_ = slide_language(context.language, context.words);
    }

    // The slide's language ("fr": slide_language), for the words it adds.
    void set_language(std::string_view tag) { language_ = slide_language(tag, context_.words); }
    const std::string& language() const { return language_; }
    // A slide word in the slide's language, the feed's own wording first.
    std::string word(std::string_view key, std::initializer_list<std::pair<std::string_view, std::string>> values = {}) const
    {
        return slide_word(key, language_, context_.words, values);
    }
    std::string number(double value, int max_fraction = 0) const { return format_number(value, language_, max_fraction); }

    const Scale& scale() const { return scale_; }
    const SlideContext& context() const { return context_; }
    SlideLayout& out() { return out_; }
    const Rect& safe() const { return out_.safe; }

    // One line of text at a fixed size, shortened with "…" if it is wider than
    // the box; returns its height.
    int line(const std::string& text, const std::string& role, FontFace face, int px, int x, int y, int width,
             Paint paint, bool align_end = false)
    {
        int h = metrics_.line_height(face, px);
        std::string shown = ellipsize(text, face, px, width, metrics_);
        int w = metrics_.text_width(shown, face, px);
        out_.lines.push_back({shown, role, face, px, {align_end ? x + width - w : x, y, w, h}, paint, direction_of(shown)});
        note_missing(shown);
        return h;
    }

    // A paragraph fitted into a box; returns the height used.
    int paragraph(const FittedText& fitted, const std::string& role, FontFace face, Rect box, Paint paint,
                  bool align_end, std::optional<TextDirection> direction = std::nullopt)
    {
        int lh = metrics_.line_height(face, fitted.px);
        int y = box.y;
        for (const std::string& text : fitted.lines) {
            int w = std::min(box.w, metrics_.text_width(text, face, fitted.px));
            int x = align_end ? box.right() - w : box.x;
            out_.lines.push_back({text, role, face, fitted.px, {x, y, w, lh}, paint, direction.value_or(out_.direction)});
            note_missing(text);
            y += lh;
        }
        if (!fitted.fits) out_.overflow = true;
        return static_cast<int>(fitted.lines.size()) * lh;
    }

    FittedText fit(std::string_view text, FontFace face, double min_units, double max_units, int w, int h,
                   int max_lines = 0)
    {
        int lo = scale_.text(min_units);
        return fit_text(text, face, lo, std::max(lo, scale_.px(max_units)), w, h, metrics_, max_lines, goal());
    }

    FittedText fit_px(std::string_view text, FontFace face, int min_px, int max_px, int w, int h)
    {
        return fit_text(text, face, min_px, max_px, w, h, metrics_, 0, goal());
    }

    // At most max_lines lines at the largest size that fits; at the smallest
    // size, what does not fit ends in "…" on the last line, so a long name
    // never pushes the quote off the slide.
    FittedText fit_lines(const std::string& text, FontFace face, double min_units, double max_units, int w, int max_lines,
                         int h = 0)
    {
        if (h <= 0) h = line_height(face, max_units) * max_lines;
        FittedText f = fit(text, face, min_units, max_units, w, h, max_lines);
        if (f.fits || f.lines.size() <= static_cast<std::size_t>(max_lines)) {
            f.fits = true;
            return f;
        }
        std::string rest = f.lines[static_cast<std::size_t>(max_lines) - 1] + " " + f.lines[static_cast<std::size_t>(max_lines)];
        f.lines.resize(static_cast<std::size_t>(max_lines) - 1);
        f.lines.push_back(ellipsize(rest, face, f.px, w, metrics_));
        f.fits = true;
        return f;
    }

    // Whether the text fits the smallest size: all that planning asks of a quote.
    FittedText fit_smallest(std::string_view text, FontFace face, double min_units, double max_units, int w, int h)
    {
        if (context_.purpose == LayoutPurpose::show) return fit(text, face, min_units, max_units, w, h);
        int lo = scale_.text(min_units);
        return fit_text(text, face, lo, std::max(lo, scale_.px(max_units)), w, h, metrics_, 0, FitGoal::smallest);
    }

    int text_width(const std::string& text, FontFace face, int px) { return metrics_.text_width(text, face, px); }
    int line_height_px(FontFace face, int px) { return metrics_.line_height(face, px); }

    int height_of(const FittedText& fitted, FontFace face)
    {
        return static_cast<int>(fitted.lines.size()) * metrics_.line_height(face, fitted.px);
    }

    // The height of a line of text at this size (the floor applies).
    int line_height(FontFace face, double units) { return metrics_.line_height(face, scale_.text(units)); }

    // The header (event name, slide kind, demo badge) and the footer (position,
    // hashtag, progress track). Returns the space left between them.
    Rect chrome(const std::string& kind_label, Paint kind_paint = Paint::accent)
    {
        const Rect& s = out_.safe;
        int small = scale_.text(3.1);
        int header_h = metrics_.line_height(FontFace::bold, small);
        int right_edge = s.right();
        if (context_.demo) {
            std::string badge = word("demo");
            int bw = metrics_.text_width(badge, FontFace::bold, small) + scale_.px(2.4);
            Rect pill{s.right() - bw, s.y, bw, header_h};
            out_.blocks.push_back({pill, Paint::accent});
            line(badge, "demo", FontFace::bold, small, pill.x + scale_.px(1.2), s.y, bw - scale_.px(1.2), Paint::on_accent);
            right_edge = pill.x - scale_.px(2);
        }
        int kind_w = kind_label.empty() ? 0 : metrics_.text_width(kind_label, FontFace::bold, small);
        if (kind_w > 0) line(kind_label, "kind", FontFace::bold, small, right_edge - kind_w, s.y, kind_w, kind_paint);
        // The organiser's logo leads the header, as tall as one and a half lines of it.
        int name_x = s.x;
        if (context_.logo_aspect > 0) {
            int logo_h = header_h * 3 / 2;
            int logo_w = std::min(s.w / 4, static_cast<int>(std::lround(logo_h * context_.logo_aspect)));
            logo_h = std::min(logo_h, static_cast<int>(std::lround(logo_w / context_.logo_aspect)));
            out_.logo_box = {s.x, s.y + (header_h - logo_h) / 2, logo_w, logo_h};
            if (out_.logo_box.y < s.y) out_.logo_box.y = s.y;
            name_x = s.x + logo_w + scale_.px(2);
        }
        const std::string event = word("event", {{"event", context_.event_name}});
        int badges_down = move_badges_down(event, name_x, right_edge, kind_w, header_h, small);
        int name_w = right_edge - kind_w - scale_.px(3) - name_x;
        if (name_w > 0) line(event, "event", FontFace::bold, small, name_x, s.y, name_w, Paint::muted);
        int track_h = std::max(3, scale_.px(0.5));
        out_.progress = {s.x, s.bottom() - track_h, s.w, track_h};
        out_.blocks.push_back({out_.progress, Paint::track});
        // The slide counter is for whoever holds the clicker, and is the one
        // line below the legibility floor; the hashtag is for the room.
        int counter_px = scale_.px(2.4);
        int hashtag_px = scale_.text(3.1);
        int footer_h = metrics_.line_height(FontFace::bold, context_.hashtag.empty() ? counter_px : hashtag_px);
        int footer_y = out_.progress.y - scale_.px(1.2) - footer_h;
        if (context_.count > 0) {
            int counter_h = metrics_.line_height(FontFace::regular, counter_px);
            line(word("position", {{"position", number(static_cast<double>(context_.position + 1))},
                                 {"count", number(static_cast<double>(context_.count))}}),
                 "position",
                 FontFace::regular, counter_px, s.x, footer_y + footer_h - counter_h, s.w / 3, Paint::muted);
        }
        if (!context_.hashtag.empty())
            line(context_.hashtag, "hashtag", FontFace::bold, hashtag_px, s.x + s.w / 3, footer_y, s.w - s.w / 3,
                 Paint::muted, true);
        int top = s.y + header_h + badges_down + scale_.px(4);
        return {s.x, top, s.w, footer_y - scale_.px(4) - top};
    }

    void finish()
    {
        out_.missing_glyphs.assign(missing_.begin(), missing_.end());
    }

private:
    // The event name gets the room it needs before the badges (the slide's
    // kind, the demo badge) do: where it does not fit beside them, they move
    // to a row of their own under it, at the same end, and the name takes the
    // whole row (right_edge and kind_w are then the row's end and 0). Returns
    // how much lower the header ends.
    int move_badges_down(const std::string& event, int name_x, int& right_edge, int& kind_w, int header_h, int px)
    {
        const int beside = right_edge - kind_w - scale_.px(3) - name_x;
        if (metrics_.text_width(event, FontFace::bold, px) <= beside) return 0;
        const int down = header_h + scale_.px(1.2);
        bool moved = false;
        for (TextLine& l : out_.lines)
            if (l.role == "kind" || l.role == "demo") {
                l.box.y += down;
                moved = true;
            }
        if (!moved) return 0;
        for (Block& block : out_.blocks)
            if (block.box.y == out_.safe.y && block.box.h == header_h) block.box.y += down;  // the demo badge's pill
        right_edge = out_.safe.right() + scale_.px(3);
        kind_w = 0;
        return down;
    }

    FitGoal goal() const { return context_.purpose == LayoutPurpose::plan ? FitGoal::unbalanced : FitGoal::balanced; }
    TextDirection direction_of(const std::string& text) { return text_direction(text, {}); }

    void note_missing(const std::string& text)
    {
        for (char32_t cp : metrics_.missing_glyphs(text)) missing_.insert(cp);
    }

    const SlideContext& context_;
    FontMetrics& metrics_;
    std::string language_;
    Scale scale_;
    SlideLayout out_;
    std::set<char32_t> missing_;
};

// "11 December 2013", "11 décembre 2013" for an RFC 3339 date or date-time in
// a language, on the calendar day as written in its own offset
// ("2017-04-11T23:30:00-07:00" is 11 April 2017); "" for anything else.
std::string display_date(const std::string& rfc3339, std::string_view language);

// The side of a QR code on this screen, and whether the item gets one.
int qr_side(const Builder& b);
bool wants_qr(const Builder& b, const Item& item);

// Where a shortened text continues: "Continued at the link" beside its QR
// code, "Continued at example.org" without one, in the slide's language.
std::string continued_note(const Builder& b, const Item& item, bool with_qr);

// A QR code of the item's url in the corner whose right and bottom edges are
// given, with a caption above it ("Read on"); returns the box of both.
Rect place_qr(Builder& b, const Item& item, const std::string& caption, const std::string& role, int right, int bottom);

void layout_tally(const Item& item, Builder& b, Rect area);
void layout_post(const PlannedSlide& slide, Builder& b, Rect area);
void layout_picture(const PlannedSlide& slide, Builder& b, Rect area);

}  // namespace placard::slide_detail
