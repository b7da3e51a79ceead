#include "core/setup/layout_status.h"

#include "core/layout/slide_builder.h"

namespace placard {

using namespace slide_detail;

SlideLayout layout_status_card(const StatusCard& card, const SlideContext& context, FontMetrics& metrics, CardStyle style)
{
    Builder b(context, metrics);
    b.out().kind = ItemKind::notice;
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
    int label_w = columns ? area.w * 3 / 10 : area.w;
    int text_x = columns ? area.x + label_w + u.px(2) : area.x;
    int text_w = columns ? area.right() - text_x : area.w;
    int gap = u.px(1.5);
    struct Row {
        FittedText label, text;
        int height = 0;
    };
    std::vector<Row> rows;
    for (double size : {3.6, 3.4, 3.1}) {
        rows.clear();
        int total = heading_h;
        for (const StatusRow& r : card.rows) {
            Row row{b.fit_lines(r.label, FontFace::bold, size, size, label_w, 2),
                    b.fit_lines(r.text, FontFace::regular, size, size, text_w, 3), 0};
            int label_h = b.height_of(row.label, FontFace::bold);
            int text_h = b.height_of(row.text, FontFace::regular);
            row.height = (columns ? std::max(label_h, text_h) : label_h + text_h) + gap;
            total += row.height;
            rows.push_back(std::move(row));
        }
        if (total <= area.h) break;
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
    return std::move(b.out());
}

}  // namespace placard
