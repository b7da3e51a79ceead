#include "core/layout/bands.h"

#include <algorithm>
#include <cmath>

namespace placard {

std::vector<Rect> covering_bands(const std::vector<Rect>& rects, Size screen)
{
    std::vector<Rect> clipped;
    for (const Rect& r : rects) {
        int x0 = std::max(0, r.x), y0 = std::max(0, r.y);
        int x1 = std::min(screen.width, r.right()), y1 = std::min(screen.height, r.bottom());
        if (x1 > x0 && y1 > y0) clipped.push_back({x0, y0, x1 - x0, y1 - y0});
    }
    std::sort(clipped.begin(), clipped.end(), [](const Rect& a, const Rect& b) { return a.y < b.y; });
    std::vector<Rect> bands;
    for (const Rect& r : clipped) {
        if (!bands.empty() && r.y < bands.back().bottom()) {
            Rect& b = bands.back();
            int x0 = std::min(b.x, r.x), x1 = std::max(b.right(), r.right());
            int y1 = std::max(b.bottom(), r.bottom());
            b = {x0, b.y, x1 - x0, y1 - b.y};
        } else {
            bands.push_back(r);
        }
    }
    return bands;
}

long long area_of(const std::vector<Rect>& bands)
{
    long long sum = 0;
    for (const Rect& b : bands) sum += static_cast<long long>(b.w) * b.h;
    return sum;
}

}  // namespace placard

namespace placard {

int FadeSteps::step(double fade)
{
    if (fade >= 1.0) {
        shown_ = 1.0;
        return 255;
    }
    if (fade <= shown_) return 0;
    double a = (fade - shown_) / (1.0 - shown_);
    int alpha = std::clamp(static_cast<int>(std::lround(255 * a)), 0, 255);
    shown_ += (1.0 - shown_) * alpha / 255.0;
    return alpha;
}

}  // namespace placard
