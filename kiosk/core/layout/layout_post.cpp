// Blog posts and pictures: a post's headline, its first paragraphs, who wrote
// it and when, and a QR code to read on; a picture as large as the slide allows.
#include <climits>

#include "core/layout/layout.h"
#include "core/layout/qr.h"
#include "core/layout/slide_builder.h"
#include "core/plan/planner.h"

namespace placard::slide_detail {
namespace {

constexpr int unlimited = INT_MAX / 4;

// Blank lines part paragraphs; a single line break stays inside one.
std::vector<std::string> paragraphs_of(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find("\n\n", start);
        if (end == std::string::npos) end = text.size();
        std::string p = text.substr(start, end - start);
        std::size_t first = p.find_first_not_of(" \n"), last = p.find_last_not_of(" \n");
        if (first != std::string::npos) out.push_back(p.substr(first, last - first + 1));
        start = end + 2;
    }
    return out;
}

// The first max_lines lines, the last ending in "…" after its last whole word
// that leaves room for it.
FittedText cut_lines(FittedText fitted, std::size_t max_lines, FontFace face, int width, Builder& b)
{
    if (fitted.lines.size() <= max_lines) return fitted;
    fitted.lines.resize(max_lines);
    if (max_lines == 0) return fitted;
    std::string& last = fitted.lines.back();
    while (!last.empty() && b.text_width(last + "\xE2\x80\xA6", face, fitted.px) > width) {
        std::size_t space = last.find_last_of(' ');
        if (space == std::string::npos || space == 0) {
            // One word wider than the line: only here is a word cut.
            std::size_t cut = last.size() - 1;
            while (cut > 0 && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) --cut;
            last.resize(cut);
        } else {
            last.resize(space);
        }
    }
    last += "\xE2\x80\xA6";
    fitted.fits = true;
    return fitted;
}

// Text in whole words: the largest size from min to max at which it fits in
// max_lines lines and the height, else the smallest cut with "…".
FittedText fit_words(const std::string& text, FontFace face, double min_units, double max_units, int width, int height,
                     std::size_t max_lines, Builder& b)
{
    FittedText f = b.fit(text, face, min_units, max_units, width, height, static_cast<int>(max_lines));
    if (f.fits) return f;
    f = b.fit(text, face, min_units, min_units, width, unlimited);
    int lh = b.line_height_px(face, f.px);
    std::size_t room = static_cast<std::size_t>(std::max(1, height / std::max(1, lh)));
    return cut_lines(std::move(f), std::min(room, max_lines), face, width, b);
}

// A post's body at one size: whole paragraphs with half a line between them.
struct Body {
    int px = 0;
    std::vector<FittedText> paragraphs;
    int height = 0;
};

Body set_body(const std::vector<std::string>& paragraphs, int px, int width, Builder& b)
{
    Body body{px, {}, 0};
    int lh = b.line_height_px(FontFace::regular, px);
    for (const std::string& p : paragraphs) {
        if (!body.paragraphs.empty()) body.height += lh / 2;
        body.paragraphs.push_back(b.fit_px(p, FontFace::regular, px, px, width, unlimited));
        body.height += b.height_of(body.paragraphs.back(), FontFace::regular);
    }
    return body;
}

// As much of the text as fits the box: all of it at the largest size that
// fits, up to max_units, else at the smallest size its first whole paragraphs, then whole
// sentences, and only when one sentence is too long by itself, whole words.
Body fit_body(const std::string& text, int width, int height, double max_units, Builder& b)
{
    const Scale& u = b.scale();
    int lo = u.text(4.0), hi = std::max(lo, u.px(max_units));
    std::vector<std::string> all = paragraphs_of(text);
    if (set_body(all, lo, width, b).height <= height) {
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (set_body(all, mid, width, b).height <= height) lo = mid;
            else hi = mid - 1;
        }
        return set_body(all, lo, width, b);
    }
    std::vector<std::string> shown;
    for (const std::string& p : all) {
        shown.push_back(p);
        if (set_body(shown, lo, width, b).height <= height) continue;
        shown.back().clear();
        for (const std::string& sentence : split_sentences(p)) {
            std::string before = shown.back();
            shown.back() += sentence;
            if (set_body(shown, lo, width, b).height > height) {
                shown.back() = before;
                break;
            }
        }
        while (!shown.empty() && shown.back().find_first_not_of(' ') == std::string::npos) shown.pop_back();
        break;
    }
    if (!shown.empty()) {
        for (std::string& p : shown)
            while (!p.empty() && p.back() == ' ') p.pop_back();
        return set_body(shown, lo, width, b);
    }
    // Not even the first sentence fits: its first words, ending in "…".
    Body body{lo, {}, 0};
    FittedText f = b.fit_px(all.empty() ? std::string{} : all.front(), FontFace::regular, lo, lo, width, unlimited);
    int lh = b.line_height_px(FontFace::regular, lo);
    body.paragraphs.push_back(cut_lines(std::move(f), static_cast<std::size_t>(std::max(1, height / lh)), FontFace::regular, width, b));
    body.height = b.height_of(body.paragraphs.back(), FontFace::regular);
    return body;
}

void place_body(const Body& body, Builder& b, Rect box)
{
    int y = box.y;
    int gap = b.line_height_px(FontFace::regular, body.px) / 2;
    for (const FittedText& p : body.paragraphs) {
        y += b.paragraph(p, "body", FontFace::regular, {box.x, y, box.w, 0}, Paint::text, false) + gap;
    }
}

// Lines of a paragraph already placed, centred in a column instead.
void centre_lines(Builder& b, std::size_t from, int x, int width)
{
    auto& lines = b.out().lines;
    for (std::size_t i = from; i < lines.size(); ++i) lines[i].box.x = x + std::max(0, (width - lines[i].box.w) / 2);
}

// The picture's box: as large as fits in w x h at its own shape.
Rect fitted_box(double aspect, int w, int h)
{
    int bw = w, bh = static_cast<int>(w / aspect);
    if (bh > h) {
        bh = h;
        bw = static_cast<int>(h * aspect);
    }
    return {0, 0, std::max(0, bw), std::max(0, bh)};
}

}  // namespace

Rect place_qr(Builder& b, const Item& item, const std::string& caption, const std::string& role, int right, int bottom)
{
    const Scale& u = b.scale();
    // Whole pixels a module, as the painter draws it, so the caption sits on the code itself.
    auto matrix = make_qr(item.url);
    if (!matrix) return {right, bottom, 0, 0};  // too long to encode: no code, and no caption pointing to one
    int modules = matrix->modules + 2 * qr_quiet_modules;
    int side = modules * std::max(1, qr_side(b) / modules);
    b.out().qr_url = item.url;
    b.out().qr_box = {right - side, bottom - side, side, side};
    FittedText fitted = fit_words(caption, FontFace::bold, 3.1, 3.1, side, unlimited, 2, b);
    int caption_h = b.height_of(fitted, FontFace::bold);
    int top = bottom - side - u.px(1.5) - caption_h;
    std::size_t first = b.out().lines.size();
    b.paragraph(fitted, role, FontFace::bold, {right - side, top, side, 0}, Paint::accent, false);
    centre_lines(b, first, right - side, side);
    return {right - side, top, side, bottom - top};
}

void layout_post(const PlannedSlide& slide, Builder& b, Rect area)
{
    const Item& item = slide.item();
    const Scale& u = b.scale();
    bool portrait = area.h > area.w;
    int gap = u.px(4);

    // The headline: the title, bold and large, in at most three lines.
    int y = area.y;
    if (!item.title.empty()) {
        // A tall screen is narrow: a fourth line there rather than a shorter headline.
        int most = portrait ? area.h / 3 : area.h * 2 / 5;
        FittedText headline = fit_words(item.title, FontFace::bold, 4.8, 7.4, area.w, most, portrait ? 4 : 3, b);
        y += b.paragraph(headline, "title", FontFace::bold, {area.x, y, area.w, 0}, Paint::text, false) + u.px(3);
    }

    // Who wrote it and when, at the foot of the text.
    std::string date = display_date(item.date_published, b.language());
    auto author_fit = fit_words(item.speaker, FontFace::bold, 3.4, 3.8, area.w, unlimited, 1, b);
    int byline_h = (item.speaker.empty() ? 0 : b.height_of(author_fit, FontFace::bold)) +
                   (date.empty() ? 0 : b.line_height(FontFace::regular, 3.1));
    bool with_qr = wants_qr(b, item);
    std::string note = item.shortened ? continued_note(b, item, with_qr) : std::string{};
    if (!note.empty() && !with_qr) byline_h += b.line_height(FontFace::bold, 3.1);

    // A QR code to read on, in the bottom corner; a picture above it on a
    // wide screen, under the headline on a tall one.
    Rect qr_group{area.right(), area.bottom(), 0, 0};
    if (with_qr)
        qr_group = place_qr(b, item, note.empty() ? b.word("read_on") : note, note.empty() ? "read-on" : "continued", area.right(),
                            area.bottom());
    bool has_picture = slide.picture.aspect > 0 && !slide.picture.file.empty();
    const double aspect = std::clamp(slide.picture.aspect, 0.5, 2.0);
    int column = with_qr ? qr_group.w : 0;
    Rect text{area.x, y, area.w, area.bottom() - y};
    if (portrait) {
        if (has_picture) {
            Rect box = fitted_box(aspect, area.w, static_cast<int>(area.h * photo_share_portrait));
            if (box.h >= u.px(12)) {
                b.out().photo_file = slide.picture.file;
                b.out().photo_box = {area.x, y, box.w, box.h};
                text.y += box.h + gap;
                text.h -= box.h + gap;
            }
        }
    } else {
        if (has_picture) {
            int room = (with_qr ? qr_group.y - gap : area.bottom()) - y;
            Rect box = fitted_box(aspect, static_cast<int>(area.w * photo_share_landscape), room);
            if (box.h >= u.px(12)) {
                b.out().photo_file = slide.picture.file;
                b.out().photo_box = {area.right() - box.w, y, box.w, box.h};
                column = std::max(column, box.w);
            }
        }
        if (column > 0) text.w -= column + gap;
    }
    // The byline sits at the bottom, beside the QR code; the body fills what is left above it.
    int byline_w = portrait && with_qr ? area.w - qr_group.w - gap : text.w;
    int foot = portrait && with_qr ? std::max(byline_h, qr_group.h) : byline_h;
    int body_h = text.bottom() - foot - (foot > 0 ? gap : 0) - text.y;
    // Without a headline the text is what the room reads, as large as a quote;
    // under one it stays the smaller body text.
    double body_max = item.title.empty() ? TypeScale::quote_max : 5.6;
    if (!item.text.empty() && item.text != item.title && body_h > 0)
        place_body(fit_body(item.text, text.w, body_h, body_max, b), b, {text.x, text.y, text.w, body_h});
    int by = area.bottom() - byline_h;
    if (!item.speaker.empty())
        by += b.paragraph(author_fit, "author", FontFace::bold, {area.x, by, byline_w, 0}, Paint::text, false);
    if (!date.empty()) by += b.line(date, "date", FontFace::regular, u.text(3.1), area.x, by, byline_w, Paint::muted);
    if (!note.empty() && !with_qr) b.line(note, "continued", FontFace::bold, u.text(3.1), area.x, by, byline_w, Paint::accent);
}

void layout_picture(const PlannedSlide& slide, Builder& b, Rect area)
{
    const Item& item = slide.item();
    const Scale& u = b.scale();
    // Only spaces are no caption: the slide then shows something else rather than nothing.
    auto blank = [](const std::string& t) { return t.find_first_not_of(" \n") == std::string::npos; };
    std::string caption = blank(item.text) ? (blank(item.title) ? std::string{} : item.title) : item.text;
    if (slide.picture.aspect > 0 && !slide.picture.file.empty()) {
        // The picture at its own shape (nothing cropped), the caption under it.
        FittedText fitted = fit_words(caption, FontFace::regular, 3.4, 4.4, area.w, area.h / 4, 2, b);
        int caption_h = caption.empty() ? 0 : b.height_of(fitted, FontFace::regular) + u.px(2.5);
        Rect box = fitted_box(std::clamp(slide.picture.aspect, 0.2, 5.0), area.w, area.h - caption_h);
        box.x = area.x + (area.w - box.w) / 2;
        box.y = area.y + (area.h - caption_h - box.h) / 2;
        b.out().photo_file = slide.picture.file;
        b.out().photo_box = box;
        std::size_t first = b.out().lines.size();
        b.paragraph(fitted, "caption", FontFace::regular, {area.x, box.bottom() + u.px(2.5), area.w, 0}, Paint::muted, false);
        centre_lines(b, first, area.x, area.w);
    } else if (!caption.empty()) {
        // No picture ready: its words, never an empty slide.
        FittedText fitted = fit_words(caption, FontFace::regular, TypeScale::quote_min, TypeScale::quote_max, area.w, area.h, 12, b);
        int h = b.height_of(fitted, FontFace::regular);
        b.paragraph(fitted, "caption", FontFace::regular, {area.x, area.y + std::max(0, (area.h - h) / 2), area.w, 0},
                    Paint::text, false);
    } else if (wants_qr(b, item)) {
        place_qr(b, item, b.word("see_picture"), "read-on", area.x + (area.w + qr_side(b)) / 2, area.y + (area.h + qr_side(b)) / 2);
    } else {
        b.line(b.word("picture_caption"), "caption", FontFace::regular, u.text(TypeScale::quote_min), area.x, area.y, area.w, Paint::muted);
    }
}

}  // namespace placard::slide_detail
