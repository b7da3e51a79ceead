#pragma once
// Where two pictures can differ: the screen areas a crossfade has to blend.
// Everything outside them is the plain background in both slides, so a frame
// of the fade leaves it alone, and only these areas are sent to the screen.
#include <vector>

#include "core/layout/layout.h"

namespace placard {

// Disjoint horizontal bands that together cover every rectangle given: each
// band spans the full height of a run of rectangles that overlap vertically,
// and from the leftmost to the rightmost of them. Empty rectangles are
// ignored; the bands are clipped to the screen and come top to bottom.
// Disjoint matters: an area blended twice in one frame would fade too fast.
std::vector<Rect> covering_bands(const std::vector<Rect>& rects, Size screen);

// Pixels in the bands, for --stats and the benchmarks.
long long area_of(const std::vector<Rect>& bands);

}  // namespace placard

namespace placard {

// The opacity of each step of a crossfade drawn onto a screen that keeps its
// pixels: the screen shows old*(1-b) + new*b, and a step that blends the new
// slide over it at a = (f-b)/(1-b) makes that old*(1-f) + new*f. Steps are
// whole 1/255ths, as the renderer blends, and the step at f = 1 is opaque, so
// the fade always ends exactly on the new slide.
class FadeSteps {
public:
    int step(double fade);        // 0..255: the opacity to blend the new slide with now
    double shown() const { return shown_; }

private:
    double shown_ = 0;
};

}  // namespace placard
