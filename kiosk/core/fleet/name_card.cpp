#include "core/fleet/name_card.h"

#include <algorithm>

namespace placard {

SlideLayout layout_name_card(const std::string& name, Size screen, FontMetrics& metrics)
{
    SlideLayout out;
    out.kind = ItemKind::notice;
    out.screen = screen;
    out.safe = {0, 0, screen.width, screen.height};
    const int max_width = screen.width * 8 / 10;
    // The largest size whose one line fits: bisected, since widths grow with size.
    int low = 8, high = std::max(8, std::min(screen.width, screen.height) / 3);
    while (low < high) {
        int mid = (low + high + 1) / 2;
        if (metrics.text_width(name, FontFace::bold, mid) <= max_width) low = mid;
        else high = mid - 1;
    }
    const int px = low;
    const int note_px = std::max(8, std::min(screen.width, screen.height) / 24);
    const std::string note = "This screen's name on the status broker";
    const int name_h = metrics.line_height(FontFace::bold, px);
    const int note_h = metrics.line_height(FontFace::regular, note_px);
    const int top = (screen.height - name_h - note_h) / 2;
    auto centred = [&](const std::string& text, FontFace face, int size, int y, int h) {
        int w = std::min(screen.width, metrics.text_width(text, face, size));
        return Rect{(screen.width - w) / 2, y, w, h};
    };
    out.lines.push_back({name, "name", FontFace::bold, px, centred(name, FontFace::bold, px, top, name_h), Paint::text});
    out.lines.push_back({note, "message", FontFace::regular, note_px,
                         centred(note, FontFace::regular, note_px, top + name_h, note_h), Paint::accent});
    out.missing_glyphs = metrics.missing_glyphs(name);
    return out;
}

}  // namespace placard
