#include "core/layout/mirror.h"

#include <algorithm>
#include <cmath>

namespace placard {
namespace {

void reflect(Rect& box, int width)
{
    box.x = width - box.right();
}

}  // namespace

void mirror_slide(SlideLayout& layout)
{
    const int width = layout.screen.width;
    for (TextLine& line : layout.lines) reflect(line.box, width);
    for (Block& block : layout.blocks) reflect(block.box, width);
    reflect(layout.safe, width);
    reflect(layout.progress, width);
    if (!layout.qr_url.empty()) reflect(layout.qr_box, width);
    if (!layout.photo_file.empty()) reflect(layout.photo_box, width);
    if (layout.logo_box.w > 0) reflect(layout.logo_box, width);
    layout.progress_from_right = !layout.progress_from_right;
}

Rect progress_done(const SlideLayout& layout, double progress)
{
    Rect done = layout.progress;
    done.w = static_cast<int>(std::lround(std::clamp(progress, 0.0, 1.0) * layout.progress.w));
    if (layout.progress_from_right) done.x = layout.progress.right() - done.w;
    return done;
}

}  // namespace placard
