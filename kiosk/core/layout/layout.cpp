#include "core/layout/layout.h"

#include <algorithm>

#include "core/feed/rfc3339.h"
#include "core/layout/attribution.h"
#include "core/layout/mirror.h"
#include "core/layout/slide_builder.h"

namespace placard {
namespace slide_detail {

std::string display_date(const std::string& rfc3339, std::string_view language)
{
    // The calendar day as written, in the date's own offset, never moved to
    // UTC's: "2020-01-09T23:30:00-05:00" is 9 January where it was written.
    // Whatever follows the day (a time, with or without seconds or offset)
    // was checked when the feed was read.
    if (rfc3339.size() > 10 && rfc3339[10] != 'T' && rfc3339[10] != 't' && rfc3339[10] != ' ') return {};
    if (!parse_rfc3339_date_or_time(std::string_view(rfc3339).substr(0, 10))) return {};
    auto part = [&](std::size_t at, std::size_t n) { return std::stoi(rfc3339.substr(at, n)); };
    return format_day(part(0, 4), part(5, 2), part(8, 2), language);
}

int qr_side(const Builder& b)
{
    Size s = b.context().screen;
    return static_cast<int>(std::min(s.width, s.height) * qr_share_of_short_side);
}

bool wants_qr(const Builder& b, const Item& item)
{
    return b.context().qr_codes && item.qr && item.url.rfind("http", 0) == 0;
}

std::string continued_note(const Builder& b, const Item& item, bool with_qr)
{
    if (with_qr) return b.word("continued_link");
    std::size_t start = item.url.find("://");
    if (start == std::string::npos) return b.word("shortened");
    start += 3;
    std::string host = item.url.substr(start, item.url.find_first_of("/?#", start) - start);
    return host.empty() ? b.word("shortened") : b.word("continued_at", {{"host", host}});
}

}  // namespace slide_detail

namespace {

using namespace slide_detail;

struct QuotePair {
    FittedText first;
    FittedText second;
    int gap = 0;
    int height = 0;
};

// The statement alone, or with its second language at a fixed fraction of its
// size: the largest size at which both fit.
QuotePair fit_quote(const PlannedSlide& slide, Builder& b, int width, int height)
{
    const int fixed = slide.text_px;  // a page of a statement: the size chosen for all its pages
    QuotePair q;
    if (slide.second_text().empty()) {
        q.first = fixed > 0 ? b.fit_px(slide.text(), FontFace::regular, fixed, fixed, width, height)
                            : b.fit_smallest(slide.text(), FontFace::regular, TypeScale::quote_min, TypeScale::quote_max, width, height);
        q.height = b.height_of(q.first, FontFace::regular);
        return q;
    }
    const Scale& u = b.scale();
    int lo = fixed > 0 ? fixed : u.px(TypeScale::quote_min), hi = fixed > 0 ? fixed : u.px(TypeScale::quote_max);
    auto attempt = [&](int px) {
        QuotePair p;
        int second_px = std::max(static_cast<int>(px * TypeScale::second_language), u.smallest_text);
        p.first = b.fit_px(slide.text(), FontFace::regular, px, px, width, height);
        p.second = b.fit_px(slide.second_text(), FontFace::regular, second_px, second_px, width, height);
        p.gap = u.px(3);
        p.height = b.height_of(p.first, FontFace::regular) + p.gap + b.height_of(p.second, FontFace::regular);
        return p;
    };
    q = attempt(lo);
    if (q.height > height) {
        b.out().overflow = true;
        return q;
    }
    if (b.context().purpose == LayoutPurpose::plan) return q;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (attempt(mid).height <= height) lo = mid;
        else hi = mid - 1;
    }
    return attempt(lo);
}

void layout_statement(const PlannedSlide& slide, Builder& b, Rect area)
{
    const Item& item = slide.item();
    const Scale& u = b.scale();

    // Attribution, from the bottom of the area up: speaker, role and organisation, date.
    // A withheld speaker's place holds the editor's words, or the default in the slide's language.
    const std::string speaker = !item.withheld ? item.speaker
                                : !item.attribution.empty() ? item.attribution
                                : default_attribution(slide.language.empty() ? b.context().language : slide.language);
    const char* speaker_role = item.withheld ? "attribution" : "speaker";
    std::string who = item.role;
    if (!item.organisation.empty())
        who += (who.empty() ? "" : list_separator(slide.language, item.role + item.organisation)) + item.organisation;
    std::string date = display_date(item.date_published, b.language());
    int indent = u.px(8.5);  // room for the opening quote mark and clear space after it
    bool with_qr = wants_qr(b, item);
    int qr = with_qr ? qr_side(b) : 0;
    // A picture of the speaker: beside the quote on a wide screen, above it on a tall one.
    int photo_column = 0;
    if (slide.picture.aspect > 0 && !slide.picture.file.empty() && !item.withheld) {
        // A banner-shaped logo or a sliver of a photo is cropped to a shape that reads as a picture.
        const double aspect = std::clamp(slide.picture.aspect, 0.5, 2.0);
        Rect& box = b.out().photo_box;
        b.out().photo_file = slide.picture.file;
        if (b.out().screen.height > b.out().screen.width) {
            int h = static_cast<int>(area.h * photo_share_portrait);
            int w = std::min(static_cast<int>(h * aspect), area.w - indent);
            h = static_cast<int>(w / aspect);
            box = {area.x + indent, area.y, w, h};
            area.y += h + u.px(4);
            area.h -= h + u.px(4);
        } else {
            int w = static_cast<int>((area.w - indent) * photo_share_landscape);
            int h = static_cast<int>(w / aspect);
            int max_h = std::min(static_cast<int>(area.h * 0.62), area.h - qr - u.px(4));
            if (h > max_h) {
                h = max_h;
                w = static_cast<int>(h * aspect);
            }
            box = {area.right() - w, area.y, w, h};
            photo_column = w + u.px(4);
        }
    }
    Rect text_box{area.x + indent, area.y, area.w - indent, area.h};
    // The quote sits above any QR code and keeps the full width, less a picture beside it.
    const int quote_w = text_box.w - photo_column;
    // A link becomes a QR code in the bottom corner; the attribution and, when
    // the code is taller, the quote make room for it.
    if (with_qr) {
        b.out().qr_url = item.url;
        b.out().qr_box = {area.right() - qr, area.bottom() - qr, qr, qr};
        text_box.w -= qr + u.px(4);
    }
    // The attribution clears the picture too, where the picture reaches down to it.
    text_box.w = std::min(text_box.w, area.w - indent - photo_column);
    auto who_fit = b.fit_lines(who, FontFace::regular, 3.1, 3.4, text_box.w, 2);
    auto speaker_fit = b.fit_lines(speaker, FontFace::bold, 3.4, 4.2, text_box.w, 2);
    int attribution_h = (speaker.empty() ? 0 : b.height_of(speaker_fit, FontFace::bold)) +
                        (who.empty() ? 0 : b.height_of(who_fit, FontFace::regular)) +
                        (date.empty() ? 0 : b.line_height(FontFace::regular, 3.1)) + u.px(3);
    // A shortened text says where it continues, under the attribution and
    // beside the QR code, on its last page. Every page keeps the room, since
    // planning measures a page without knowing which it will be.
    std::string note = item.shortened ? continued_note(b, item, with_qr) : std::string{};
    int note_h = note.empty() ? 0 : b.line_height(FontFace::bold, 3.1);
    bool show_note = !note.empty() && slide.page == slide.pages;
    int y = area.bottom() - attribution_h - (show_note ? note_h : 0);
    b.out().blocks.push_back({{text_box.x, y, u.px(6), std::max(3, u.px(0.6))}, Paint::accent});
    y += u.px(3);
    if (!speaker.empty())
        y += b.paragraph(speaker_fit, speaker_role, FontFace::bold, {text_box.x, y, text_box.w, area.h}, Paint::text, false);
    if (!who.empty()) y += b.paragraph(who_fit, "role", FontFace::regular, {text_box.x, y, text_box.w, area.h}, Paint::muted, false);
    if (!date.empty()) y += b.line(date, "date", FontFace::regular, u.text(3.1), text_box.x, y, text_box.w, Paint::muted);
    if (show_note) b.line(note, "continued", FontFace::bold, u.text(3.1), text_box.x, y, text_box.w, Paint::accent);

    // The quote takes the largest size that fits what is left, centred in it;
    // a second language goes under it, smaller and quieter.
    int quote_h = area.bottom() - std::max(attribution_h + note_h, qr) - u.px(4) - area.y;
    QuotePair quote = fit_quote(slide, b, quote_w, quote_h);
    int top = area.y + std::max(0, (quote_h - quote.height) / 2);
    // The opening quote mark hangs in the indent; its glyph sits high in its line box.
    int mark_y = std::max(area.y, top - u.px(3.2));
    b.line("\xE2\x80\x9C", "quote-mark", FontFace::bold, u.px(14), area.x, mark_y, indent, Paint::accent);
    int y_quote = top + b.paragraph(quote.first, "quote", FontFace::regular, {text_box.x, top, quote_w, 0}, Paint::text, false);
    if (!quote.second.lines.empty()) {
        y_quote += quote.gap;
        TextDirection second_dir = text_direction(slide.second_text(), slide.second_language);
        b.out().blocks.push_back({{text_box.x, y_quote - quote.gap / 2, u.px(3), std::max(2, u.px(0.3))}, Paint::track});
        b.paragraph(quote.second, "translation", FontFace::regular, {text_box.x, y_quote, quote_w, 0}, Paint::muted,
                    second_dir != b.out().direction, second_dir);
    }
}

void layout_notice(const Item& item, Builder& b, Rect area)
{
    std::string heading = item.title.empty() || item.title == item.text ? std::string{} : item.title;
    int heading_h = 0;
    if (!heading.empty()) {
        auto fitted = b.fit_lines(heading, FontFace::bold, 5, 8, area.w, 2, area.h / 3);
        heading_h = b.paragraph(fitted, "title", FontFace::bold, area, Paint::accent, false) + b.scale().px(3);
    }
    Rect rest{area.x, area.y + heading_h, area.w, area.h - heading_h};
    // A shortened notice says where it continues, beside its QR code.
    if (item.shortened && wants_qr(b, item)) {
        Rect qr = place_qr(b, item, continued_note(b, item, true), "continued", area.right(), area.bottom());
        rest.w -= qr.w + b.scale().px(4);
    } else if (item.shortened) {
        int note_h = b.line_height(FontFace::bold, 3.1);
        rest.h -= note_h;
        b.line(continued_note(b, item, false), "continued", FontFace::bold, b.scale().text(3.1), area.x, rest.bottom(), area.w,
               Paint::accent);
    }
    auto body = b.fit(item.text, FontFace::regular, 4.4, 7.4, rest.w, rest.h);
    b.paragraph(body, "body", FontFace::regular, rest, Paint::text, false);
}

std::string kind_label(const PlannedSlide& slide, const Builder& b)
{
    const Item& item = slide.item();
    std::string label = b.word(item.priority == Priority::urgent ? "urgent"
                               : item.kind == ItemKind::tally   ? "tally"
                               : item.kind == ItemKind::notice  ? "notice"
                               : item.kind == ItemKind::post    ? "post"
                               : item.kind == ItemKind::picture ? "picture"
                                                                : "statement");
    if (slide.pages > 1)
        label += " \xC2\xB7 " + b.word("page", {{"page", b.number(slide.page)}, {"pages", b.number(slide.pages)}});
    return label;
}

}  // namespace

std::string format_tally_value(double value, std::string_view language)
{
    return format_number(value, language, 1);
}

std::string slide_language_of(const PlannedSlide& slide, const Feed& feed)
{
    return slide_language(slide.language.empty() ? feed.language : slide.language, &feed.words);
}

std::pair<int, int> quote_px_range(Size screen)
{
    slide_detail::Scale u{std::min(screen.width, screen.height) / 100.0, smallest_text_px(screen)};
    int lo = u.text(TypeScale::quote_min);
    return {lo, std::max(lo, u.px(TypeScale::quote_max))};
}

int smallest_text_px(Size screen)
{
    return static_cast<int>(std::ceil(std::min(screen.width, screen.height) * TypeScale::smallest_share));
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
    c.language = feed.language;
    c.words = &feed.words;
    c.demo = demo;
    c.position = position;
    c.count = count;
    return c;
}

SlideLayout layout_slide(const PlannedSlide& slide, const SlideContext& context, FontMetrics& metrics)
{
    const Item& item = slide.item();
    Builder b(context, metrics);
    b.out().item_id = item.id;
    b.out().kind = item.kind;
    b.out().direction = slide.direction.value_or(majority_direction(slide.text().empty() ? std::string_view(item.title) : slide.text(), slide.language));
    if (!slide.language.empty()) b.set_language(slide.language);
    bool urgent = item.priority == Priority::urgent;
    Rect area = b.chrome(kind_label(slide, b), urgent ? Paint::urgent : Paint::accent);
    if (urgent) {
        // A red rule under the header: seen from across the room before a word is read.
        int rule = std::max(3, b.scale().px(0.6));
        b.out().blocks.push_back({{area.x, area.y - b.scale().px(2) - rule, area.w, rule}, Paint::urgent});
    }
    switch (item.kind) {
    case ItemKind::tally: layout_tally(item, b, area); break;
    case ItemKind::notice: layout_notice(item, b, area); break;
    case ItemKind::post: layout_post(slide, b, area); break;
    case ItemKind::picture: layout_picture(slide, b, area); break;
    default: layout_statement(slide, b, area); break;
    }
    if (b.out().direction == TextDirection::rtl) mirror_slide(b.out());
    b.finish();
    return std::move(b.out());
}

SlideLayout layout_banner(const std::string& text, Size screen, FontMetrics& metrics, const std::string& hashtag)
{
    SlideContext context;
    context.screen = screen;
    Builder b(context, metrics);
    const Rect& s = b.safe();
    const Scale& u = b.scale();
    int px = u.text(3.1);
    int h = metrics.line_height(FontFace::regular, px);
    int track_h = std::max(3, u.px(0.5));
    int y = s.bottom() - track_h - u.px(1.2) - h;
    // As wide as its text, up to four fifths of the row, between the slide
    // counter at the left and the hashtag at the right (as the footer draws
    // them: the hashtag at most two thirds of the row) and centred there.
    // Never under half the row: a hashtag that leaves less is partly covered.
    int left = s.x, right = s.right();
    if (!hashtag.empty()) {
        left += metrics.text_width("000 / 000", FontFace::regular, u.px(2.4)) + u.px(2);
        right -= std::min(metrics.text_width(hashtag, FontFace::bold, u.text(3.1)), s.w - s.w / 3) + u.px(2);
    }
    if (right - left < s.w / 2) {
        const int centre = std::clamp((left + right) / 2, s.x + s.w / 4, s.right() - s.w / 4);
        left = centre - s.w / 4;
        right = centre + s.w / 4;
    }
    const int max_w = std::min(s.w * 4 / 5, right - left);
    std::string shown = ellipsize(text, FontFace::regular, px, max_w - u.px(3), metrics);
    b.out().overflow = shown != text;
    int w = metrics.text_width(shown, FontFace::regular, px) + u.px(3);
    int x = left + (right - left - w) / 2;
    b.out().blocks.push_back({{x, y, w, h}, Paint::track});
    b.line(shown, "banner", FontFace::regular, px, x + u.px(1.5), y, w - u.px(3), Paint::text);
    b.finish();
    return std::move(b.out());
}

SlideLayout layout_event_card(const Event& event, std::string_view message_key, const SlideContext& context,
                              FontMetrics& metrics)
{
    Builder b(context, metrics);
    b.out().kind = ItemKind::notice;
    Rect area = b.chrome("");
    const Scale& u = b.scale();
    std::string name = event.name.empty() ? "Placard" : event.name;
    auto title = b.fit_lines(name, FontFace::bold, 5, 9, area.w, 3, area.h / 2);
    int y = area.y + area.h / 4;
    y += b.paragraph(title, "title", FontFace::bold, {area.x, y, area.w, 0}, Paint::text, false) + u.px(2);
    if (!event.venue.empty()) y += b.line(event.venue, "venue", FontFace::regular, u.px(4), area.x, y, area.w, Paint::muted);
    if (!message_key.empty()) b.line(b.word(message_key), "message", FontFace::regular, u.text(3.1), area.x, y + u.px(4), area.w, Paint::accent);
    b.finish();
    return std::move(b.out());
}

}  // namespace placard
