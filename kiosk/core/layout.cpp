#include "core/layout.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/rfc3339.h"

namespace placard {
namespace {

// Sizes are fractions of the shorter screen side, so a 1920x1080 landscape and a
// 1080x1920 portrait screen use the same type sizes and differ only in shape.
struct Scale {
    double unit;  // one hundredth of the shorter side, in pixels
    int px(double units) const { return std::max(1, static_cast<int>(std::lround(units * unit))); }
};

class Builder {
public:
    Builder(const SlideContext& context, FontMetrics& metrics)
        : context_(context), metrics_(metrics),
          scale_{std::min(context.screen.width, context.screen.height) / 100.0}
    {
        const Size s = context.screen;
        // 6% side margins and 7% top and bottom keep clear of TV overscan (up to
        // 5%); a TV that crops more gets a larger margin_percent.
        int mx = static_cast<int>(std::lround(s.width * context.margin_percent / 100.0));
        int my = static_cast<int>(std::lround(s.height * (context.margin_percent + 1) / 100.0));
        out_.screen = s;
        out_.safe = {mx, my, s.width - 2 * mx, s.height - 2 * my};
    }

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

    FittedText fit(const std::string& text, FontFace face, double min_units, double max_units, int w, int h,
                   int max_lines = 0)
    {
        return fit_text(text, face, scale_.px(min_units), scale_.px(max_units), w, h, metrics_, max_lines);
    }

    FittedText fit_px(const std::string& text, FontFace face, int min_px, int max_px, int w, int h)
    {
        return fit_text(text, face, min_px, max_px, w, h, metrics_);
    }

    int height_of(const FittedText& fitted, FontFace face)
    {
        return static_cast<int>(fitted.lines.size()) * metrics_.line_height(face, fitted.px);
    }

    int line_height(FontFace face, double units) { return metrics_.line_height(face, scale_.px(units)); }

    // The header (event name, slide kind, demo badge) and the footer (position,
    // hashtag, progress track). Returns the space left between them.
    Rect chrome(const std::string& kind_label, Paint kind_paint = Paint::accent)
    {
        const Rect& s = out_.safe;
        int small = scale_.px(2.6);
        int header_h = metrics_.line_height(FontFace::bold, small);
        int right_edge = s.right();
        if (context_.demo) {
            std::string badge = "DEMO FEED";
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
        int name_w = right_edge - kind_w - scale_.px(3) - name_x;
        if (name_w > 0) line(context_.event_name, "event", FontFace::bold, small, name_x, s.y, name_w, Paint::muted);
        int track_h = std::max(3, scale_.px(0.5));
        out_.progress = {s.x, s.bottom() - track_h, s.w, track_h};
        out_.blocks.push_back({out_.progress, Paint::track});
        int footer_px = scale_.px(2.4);
        int footer_h = metrics_.line_height(FontFace::regular, footer_px);
        int footer_y = out_.progress.y - scale_.px(1.2) - footer_h;
        if (context_.count > 0)
            line(std::to_string(context_.position + 1) + " / " + std::to_string(context_.count), "position",
                 FontFace::regular, footer_px, s.x, footer_y, s.w / 3, Paint::muted);
        if (!context_.hashtag.empty())
            line(context_.hashtag, "hashtag", FontFace::bold, footer_px, s.x + s.w / 3, footer_y, s.w - s.w / 3,
                 Paint::muted, true);
        int top = s.y + header_h + scale_.px(4);
        return {s.x, top, s.w, footer_y - scale_.px(4) - top};
    }

    // Mirrors the content (not the chrome) for right-to-left slides.
    void mirror_from(std::size_t first_line, std::size_t first_block)
    {
        int width = out_.screen.width;
        for (std::size_t i = first_line; i < out_.lines.size(); ++i)
            out_.lines[i].box.x = width - out_.lines[i].box.right();
        for (std::size_t i = first_block; i < out_.blocks.size(); ++i)
            out_.blocks[i].box.x = width - out_.blocks[i].box.right();
        if (!out_.qr_url.empty()) out_.qr_box.x = width - out_.qr_box.right();
    }

    void finish()
    {
        out_.missing_glyphs.assign(missing_.begin(), missing_.end());
    }

private:
    TextDirection direction_of(const std::string& text) { return text_direction(text, {}); }

    void note_missing(const std::string& text)
    {
        for (char32_t cp : metrics_.missing_glyphs(text)) missing_.insert(cp);
    }

    const SlideContext& context_;
    FontMetrics& metrics_;
    Scale scale_;
    SlideLayout out_;
    std::set<char32_t> missing_;
};

std::string display_date(const std::string& rfc3339)
{
    auto t = parse_rfc3339_date_or_time(rfc3339);
    return t ? format_display_date(*t) : std::string{};
}

struct QuotePair {
    FittedText first;
    FittedText second;
    int gap = 0;
    int height = 0;
};

// The statement alone, or with its second language at a fixed fraction of its
// size: the largest size at which both fit.
QuotePair fit_quote(const Item& item, Builder& b, int width, int height)
{
    QuotePair q;
    if (item.second_text.empty()) {
        q.first = b.fit(item.text, FontFace::regular, TypeScale::quote_min, TypeScale::quote_max, width, height);
        q.height = b.height_of(q.first, FontFace::regular);
        return q;
    }
    const Scale& u = b.scale();
    int lo = u.px(TypeScale::quote_min), hi = u.px(TypeScale::quote_max);
    auto attempt = [&](int px) {
        QuotePair p;
        auto second_px = static_cast<int>(px * TypeScale::second_language);
        p.first = b.fit_px(item.text, FontFace::regular, px, px, width, height);
        p.second = b.fit_px(item.second_text, FontFace::regular, second_px, second_px, width, height);
        p.gap = u.px(3);
        p.height = b.height_of(p.first, FontFace::regular) + p.gap + b.height_of(p.second, FontFace::regular);
        return p;
    };
    q = attempt(lo);
    if (q.height > height) {
        b.out().overflow = true;
        return q;
    }
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (attempt(mid).height <= height) lo = mid;
        else hi = mid - 1;
    }
    return attempt(lo);
}

void layout_statement(const Item& item, Builder& b, Rect area)
{
    const Scale& u = b.scale();
    bool rtl = b.out().direction == TextDirection::rtl;
    std::size_t first_line = b.out().lines.size(), first_block = b.out().blocks.size();

    // Attribution, from the bottom of the area up: speaker, role and organisation, date.
    std::string who = item.role;
    if (!item.organisation.empty()) who += (who.empty() ? "" : ", ") + item.organisation;
    std::string date = display_date(item.date_published);
    int indent = u.px(8.5);  // room for the opening quote mark and clear space after it
    Rect text_box{area.x + indent, area.y, area.w - indent, area.h};
    const int quote_w = text_box.w;  // the quote sits above any QR code and keeps the full width
    // A link becomes a QR code in the bottom corner; the attribution and, when
    // the code is taller, the quote make room for it.
    int qr_side = 0;
    bool wants_qr = b.context().qr_codes && item.qr && item.url.rfind("http", 0) == 0;
    if (wants_qr) {
        qr_side = static_cast<int>(std::min(b.out().screen.width, b.out().screen.height) * qr_share_of_short_side);
        b.out().qr_url = item.url;
        b.out().qr_box = {area.right() - qr_side, area.bottom() - qr_side, qr_side, qr_side};
        text_box.w -= qr_side + u.px(4);
    }
    auto who_fit = b.fit(who, FontFace::regular, 2.6, 3.4, text_box.w, b.line_height(FontFace::regular, 3.4) * 2, 2);
    auto speaker_fit = b.fit(item.speaker, FontFace::bold, 3.4, 4.2, text_box.w, b.line_height(FontFace::bold, 4.2) * 2, 2);
    int attribution_h = (item.speaker.empty() ? 0 : b.height_of(speaker_fit, FontFace::bold)) +
                        (who.empty() ? 0 : b.height_of(who_fit, FontFace::regular)) +
                        (date.empty() ? 0 : b.line_height(FontFace::regular, 2.8)) + u.px(3);
    int y = area.bottom() - attribution_h;
    b.out().blocks.push_back({{text_box.x, y, u.px(6), std::max(3, u.px(0.6))}, Paint::accent});
    y += u.px(3);
    if (!item.speaker.empty())
        y += b.paragraph(speaker_fit, "speaker", FontFace::bold, {text_box.x, y, text_box.w, area.h}, Paint::text, false);
    if (!who.empty()) y += b.paragraph(who_fit, "role", FontFace::regular, {text_box.x, y, text_box.w, area.h}, Paint::muted, false);
    if (!date.empty()) b.line(date, "date", FontFace::regular, u.px(2.8), text_box.x, y, text_box.w, Paint::muted);

    // The quote takes the largest size that fits what is left, centred in it;
    // a second language goes under it, smaller and quieter.
    int quote_h = area.bottom() - std::max(attribution_h, qr_side) - u.px(4) - area.y;
    QuotePair quote = fit_quote(item, b, quote_w, quote_h);
    int top = area.y + std::max(0, (quote_h - quote.height) / 2);
    // The opening quote mark hangs in the indent; its glyph sits high in its line box.
    int mark_y = std::max(area.y, top - u.px(3.2));
    b.line("\xE2\x80\x9C", "quote-mark", FontFace::bold, u.px(14), area.x, mark_y, indent, Paint::accent);
    int y_quote = top + b.paragraph(quote.first, "quote", FontFace::regular, {text_box.x, top, quote_w, 0}, Paint::text, false);
    if (!quote.second.lines.empty()) {
        y_quote += quote.gap;
        TextDirection second_dir = text_direction(item.second_text, item.second_language);
        b.out().blocks.push_back({{text_box.x, y_quote - quote.gap / 2, u.px(3), std::max(2, u.px(0.3))}, Paint::track});
        b.paragraph(quote.second, "translation", FontFace::regular, {text_box.x, y_quote, quote_w, 0}, Paint::muted,
                    second_dir != b.out().direction, second_dir);
    }
    if (rtl) b.mirror_from(first_line, first_block);
}

void layout_tally(const Item& item, Builder& b, Rect area)
{
    const Scale& u = b.scale();
    std::string number = format_tally_value(item.tally.value);
    std::string label = item.title.empty() ? item.text : item.title;
    std::string detail = item.title.empty() ? std::string{} : item.text;
    std::string as_of = display_date(item.tally.as_of);
    std::string footnote = as_of.empty() ? "" : "As of " + as_of;
    if (!item.tally.source.empty()) footnote += (footnote.empty() ? "Source: " : " \xC2\xB7 Source: ") + item.tally.source;

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

    int around_h = item.tally.approximate ? b.line_height(FontFace::regular, 4.5) : 0;
    // An earlier count becomes the change since then, under the number.
    std::string change;
    if (item.tally.previous_value) {
        double delta = item.tally.value - *item.tally.previous_value;
        std::string since = display_date(item.tally.previous_as_of);
        change = delta == 0 ? "No change since " + since
                            : (delta > 0 ? "+" : "\xE2\x88\x92") + format_tally_value(std::fabs(delta)) + " since " + since;
    }
    int change_h = change.empty() ? 0 : b.line_height(FontFace::bold, 3.6);
    auto number_fit = b.fit(number, FontFace::bold, 10, 30, figure.w, figure.h - around_h - change_h, 1);
    int figure_h = around_h + b.height_of(number_fit, FontFace::bold) + change_h;
    int y = figure.y + std::max(0, (figure.h - figure_h) / 2);
    if (item.tally.approximate) y += b.line("Around", "around", FontFace::regular, u.px(4.5), figure.x, y, figure.w, Paint::muted);
    y += b.paragraph(number_fit, "number", FontFace::bold, {figure.x, y, figure.w, 0}, Paint::accent, false);
    if (!change.empty()) b.line(change, "change", FontFace::bold, b.scale().px(3.6), figure.x, y, figure.w, Paint::text);

    auto foot_fit = b.fit(footnote, FontFace::regular, 2.2, 2.6, words.w, b.line_height(FontFace::regular, 2.6) * 3, 3);
    int foot_h = footnote.empty() ? 0 : b.height_of(foot_fit, FontFace::regular) + u.px(3);
    auto label_fit = b.fit(label, FontFace::bold, 3.6, 6, words.w, (words.h - foot_h) / 2, 3);
    int label_h = b.height_of(label_fit, FontFace::bold) + u.px(2.5);
    // A breakdown is a bar chart: one row per part, up to six, longest bar for the largest.
    const auto& parts = item.tally.breakdown;
    std::size_t rows = std::min<std::size_t>(parts.size(), 6);
    int row_px = u.px(2.8);
    int row_h = b.line_height(FontFace::regular, 2.8) + u.px(0.8);
    int chart_h = rows > 0 ? static_cast<int>(rows) * row_h + u.px(2) : 0;
    FittedText detail_fit;
    if (!detail.empty())
        detail_fit = b.fit(detail, FontFace::regular, 2.6, 3.6, words.w, words.h - foot_h - label_h - chart_h,
                           rows > 0 ? 2 : 0);
    int total = label_h + foot_h + chart_h + (detail.empty() ? 0 : b.height_of(detail_fit, FontFace::regular));
    y = words.y + std::max(0, (words.h - total) / 2);
    y += b.paragraph(label_fit, "label", FontFace::bold, {words.x, y, words.w, 0}, Paint::text, false) + u.px(2.5);
    if (!detail.empty()) y += b.paragraph(detail_fit, "detail", FontFace::regular, {words.x, y, words.w, 0}, Paint::muted, false);
    if (rows > 0) {
        y += u.px(2);
        double largest = 0;
        for (std::size_t i = 0; i < rows; ++i) largest = std::max(largest, parts[i].value);
        int label_w = words.w * 2 / 5, value_w = u.px(9), bar_gap = u.px(1.5);
        int bar_room = words.w - label_w - value_w - 2 * bar_gap;
        for (std::size_t i = 0; i < rows; ++i) {
            b.line(parts[i].label, "breakdown-label", FontFace::regular, row_px, words.x, y, label_w, Paint::muted);
            int bar_w = largest > 0 ? std::max(u.px(0.4), static_cast<int>(bar_room * parts[i].value / largest)) : 0;
            int bar_h = row_px * 7 / 10;
            int lh = b.line_height(FontFace::regular, 2.8);
            b.out().blocks.push_back({{words.x + label_w + bar_gap, y + (lh - bar_h) / 2, bar_w, bar_h}, Paint::accent});
            b.line(format_tally_value(parts[i].value), "breakdown-value", FontFace::bold, row_px,
                   words.x + label_w + 2 * bar_gap + bar_w, y, value_w, Paint::text);
            y += row_h;
        }
    }
    if (!footnote.empty()) {
        b.out().blocks.push_back({{words.x, y + u.px(1.5), u.px(4), std::max(2, u.px(0.3))}, Paint::track});
        b.paragraph(foot_fit, "source", FontFace::regular, {words.x, y + u.px(3), words.w, 0}, Paint::muted, false);
    }
}

void layout_notice(const Item& item, Builder& b, Rect area)
{
    std::string heading = item.title.empty() || item.title == item.text ? std::string{} : item.title;
    int heading_h = 0;
    if (!heading.empty()) {
        auto fitted = b.fit(heading, FontFace::bold, 5, 8, area.w, area.h / 3, 2);
        heading_h = b.paragraph(fitted, "title", FontFace::bold, area, Paint::accent, false) + b.scale().px(3);
    }
    Rect rest{area.x, area.y + heading_h, area.w, area.h - heading_h};
    auto body = b.fit(item.text, FontFace::regular, 4.4, 7.4, rest.w, rest.h);
    b.paragraph(body, "body", FontFace::regular, rest, Paint::text, false);
}

std::string kind_label(const Item& item)
{
    std::string label = item.priority == Priority::urgent ? "URGENT"
                        : item.kind == ItemKind::tally   ? "IN NUMBERS"
                        : item.kind == ItemKind::notice  ? "NOTICE"
                                                         : "STATEMENT";
    if (item.pages > 1) label += " \xC2\xB7 " + std::to_string(item.page) + "/" + std::to_string(item.pages);
    return label;
}

}  // namespace

std::string format_tally_value(double value)
{
    double rounded = std::round(value * 10) / 10;
    bool whole = rounded == std::floor(rounded);
    auto integer = static_cast<long long>(std::floor(rounded));
    std::string digits = std::to_string(integer);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(digits[i]);
    }
    if (!whole) grouped += "." + std::to_string(static_cast<int>(std::lround((rounded - static_cast<double>(integer)) * 10)));
    return grouped;
}

SlideContext slide_context(const Feed& feed, bool demo, Size screen, std::size_t position, std::size_t count,
                           const SlideLook& look)
{
    SlideContext c;
    c.qr_codes = look.qr_codes;
    c.margin_percent = look.margin_percent;
    c.logo_aspect = look.logo_aspect;
    c.screen = screen;
    c.event_name = feed.event.name.empty() ? feed.title : feed.event.name;
    c.hashtag = feed.event.hashtag;
    c.demo = demo;
    c.position = position;
    c.count = count;
    return c;
}

SlideLayout layout_slide(const Item& item, const SlideContext& context, FontMetrics& metrics)
{
    Builder b(context, metrics);
    b.out().item_id = item.id;
    b.out().kind = item.kind;
    b.out().direction = text_direction(item.text, item.language);
    bool urgent = item.priority == Priority::urgent;
    Rect area = b.chrome(kind_label(item), urgent ? Paint::urgent : Paint::accent);
    if (urgent) {
        // A red rule under the header: seen from across the room before a word is read.
        int rule = std::max(3, b.scale().px(0.6));
        b.out().blocks.push_back({{area.x, area.y - b.scale().px(2) - rule, area.w, rule}, Paint::urgent});
    }
    switch (item.kind) {
    case ItemKind::tally: layout_tally(item, b, area); break;
    case ItemKind::notice: layout_notice(item, b, area); break;
    default: layout_statement(item, b, area); break;
    }
    b.finish();
    return std::move(b.out());
}

SlideLayout layout_banner(const std::string& text, Size screen, FontMetrics& metrics)
{
    SlideContext context;
    context.screen = screen;
    Builder b(context, metrics);
    const Rect& s = b.safe();
    const Scale& u = b.scale();
    int px = u.px(2.4);
    int h = metrics.line_height(FontFace::regular, px);
    int track_h = std::max(3, u.px(0.5));
    int y = s.bottom() - track_h - u.px(1.2) - h;
    int max_w = s.w / 2;
    std::string shown = ellipsize(text, FontFace::regular, px, max_w - u.px(3), metrics);
    int w = metrics.text_width(shown, FontFace::regular, px) + u.px(3);
    int x = s.x + (s.w - w) / 2;
    b.out().blocks.push_back({{x, y, w, h}, Paint::track});
    b.line(shown, "banner", FontFace::regular, px, x + u.px(1.5), y, w - u.px(3), Paint::text);
    b.finish();
    return std::move(b.out());
}

SlideLayout layout_event_card(const Event& event, const std::string& message, const SlideContext& context,
                              FontMetrics& metrics)
{
    Builder b(context, metrics);
    b.out().kind = ItemKind::notice;
    Rect area = b.chrome("");
    const Scale& u = b.scale();
    std::string name = event.name.empty() ? "Placard" : event.name;
    auto title = b.fit(name, FontFace::bold, 5, 9, area.w, area.h / 2, 3);
    int y = area.y + area.h / 4;
    y += b.paragraph(title, "title", FontFace::bold, {area.x, y, area.w, 0}, Paint::text, false) + u.px(2);
    if (!event.venue.empty()) y += b.line(event.venue, "venue", FontFace::regular, u.px(4), area.x, y, area.w, Paint::muted);
    if (!message.empty()) b.line(message, "message", FontFace::regular, u.px(3), area.x, y + u.px(4), area.w, Paint::accent);
    b.finish();
    return std::move(b.out());
}

}  // namespace placard
