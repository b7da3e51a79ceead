#include "core/setup/layout_status.h"

#include "core/fetch/refusal.h"
#include "core/layout/mirror.h"
#include "core/layout/slide_builder.h"
#include "core/text/text.h"

namespace placard {

using namespace slide_detail;

SlideLayout layout_status_card(const StatusCard& card, const SlideContext& context, FontMetrics& metrics, CardStyle style)
{
    Builder b(context, metrics);
    b.out().kind = ItemKind::notice;
    // A card in a right-to-left language (its heading says which) reads from
    // the right: its lines are laid out right to left, and the card mirrored.
    b.out().direction = majority_direction(card.heading, {});
    const Scale& u = b.scale();
    Rect area;
    if (style == CardStyle::slide) {
        area = b.chrome("");
    } else {
        // A panel over the slide, drawn opaque, with a margin of its own.
        b.out().blocks.push_back({b.safe(), Paint::track});
        int pad = u.px(2.5);
        area = {b.safe().x + pad, b.safe().y + pad, b.safe().w - 2 * pad, b.safe().h - 2 * pad};
    }
    auto heading = b.fit_lines(card.heading, FontFace::bold, 4.4, 6, area.w, 2);
    int heading_h = b.height_of(heading, FontFace::bold) + u.px(2.5);
    // Side by side where there is width; in portrait the label goes above its text.
    bool columns = area.w > area.h;
    int label_w = area.w, text_x = area.x, text_w = area.w;
    int gap = u.px(1.5);
    struct Row {
        FittedText label, text;
        int height = 0;
    };
    const int label_lines = 2, text_lines = 4;
    auto whole = [&](const std::string& text, FontFace face, double size, int width, int lines) {
        return b.fit(text, face, size, size, width, b.line_height(face, size) * lines, lines).fits;
    };
    std::vector<Row> rows;
    for (double size : {3.6, 3.4, 3.1}) {
        rows.clear();
        int total = heading_h;
        if (columns) {
            // The label column is as wide as its widest label, up to 3/10 of the card.
            int widest = 0;
            for (const StatusRow& r : card.rows) widest = std::max(widest, b.text_width(r.label, FontFace::bold, u.text(size)));
            label_w = std::min(widest, area.w * 3 / 10);
            text_x = area.x + label_w + u.px(3);
            text_w = area.right() - text_x;
        }
        bool cut = false;  // a row that needs more lines than it is given does not fit at this size
        for (const StatusRow& r : card.rows) {
            cut = cut || !whole(r.label, FontFace::bold, size, label_w, label_lines) ||
                  !whole(r.text, FontFace::regular, size, text_w, text_lines);
            Row row{b.fit_lines(r.label, FontFace::bold, size, size, label_w, label_lines),
                    b.fit_lines(r.text, FontFace::regular, size, size, text_w, text_lines), 0};
            int label_h = b.height_of(row.label, FontFace::bold);
            int text_h = b.height_of(row.text, FontFace::regular);
            row.height = (columns ? std::max(label_h, text_h) : label_h + text_h) + gap;
            total += row.height;
            rows.push_back(std::move(row));
        }
        if (total <= area.h && !cut) break;
    }
    int y = area.y;
    y += b.paragraph(heading, "heading", FontFace::bold, {area.x, y, area.w, 0}, Paint::text, false) + u.px(2.5);
    for (const Row& row : rows) {
        if (y + row.height - gap > area.bottom()) break;  // no room: this row and the ones after it are left out
        int label_h = b.paragraph(row.label, "status-label", FontFace::bold, {area.x, y, label_w, 0}, Paint::accent, false);
        int text_y = columns ? y : y + label_h;
        b.paragraph(row.text, "status-text", FontFace::regular, {text_x, text_y, text_w, 0}, Paint::text, false);
        y += row.height;
    }
    b.finish();
    if (b.out().direction == TextDirection::rtl) mirror_slide(b.out());
    return std::move(b.out());
}

std::pair<std::string, SlideLayout> fit_note(const std::function<std::string(std::size_t error_chars)>& compose,
                                             Size screen, FontMetrics& metrics, const std::string& hashtag)
{
    std::string text = compose(refusal_note_chars);
    SlideLayout layout = layout_banner(text, screen, metrics, hashtag);
    // Each step a fifth shorter: a handful of layouts of one line, and only while the note has changed.
    for (std::size_t chars = refusal_note_chars * 4 / 5; layout.overflow && chars >= 20; chars = chars * 4 / 5) {
        std::string shorter = compose(chars);
        if (shorter == text) break;  // no error in it to cut
        text = std::move(shorter);
        layout = layout_banner(text, screen, metrics, hashtag);
    }
    return {text, std::move(layout)};
}

}  // namespace placard
