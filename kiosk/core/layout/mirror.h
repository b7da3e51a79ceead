#pragma once
// Right-to-left slides: the whole slide mirrored, header and footer included,
// so it reads from the right as its text does.
#include "core/layout/slide_layout.h"

namespace placard {

// Every box of a laid-out slide reflected about the screen's vertical centre
// line (x becomes width - x - w): lines, blocks, the QR code, the picture and
// the logo; the progress bar then fills from the right. Each line keeps its
// own direction, so a Latin name or a number inside still reads left to right.
void mirror_slide(SlideLayout& layout);

// The filled part of the progress track at progress 0..1: from the left, or
// from the right on a mirrored slide.
Rect progress_done(const SlideLayout& layout, double progress);

}  // namespace placard
