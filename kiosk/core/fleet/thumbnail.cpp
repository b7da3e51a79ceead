#include "core/fleet/thumbnail.h"

#include <algorithm>
#include <cmath>

namespace placard {

Size thumbnail_size(Size logical, int longest)
{
    if (logical.width <= 0 || logical.height <= 0) return {0, 0};
    double scale = std::min(1.0, static_cast<double>(longest) / std::max(logical.width, logical.height));
    return {std::max(1, static_cast<int>(std::lround(logical.width * scale))),
            std::max(1, static_cast<int>(std::lround(logical.height * scale)))};
}

std::vector<std::uint32_t> thumbnail(std::span<const std::uint32_t> pixels, Size panel, int rotation, Size out)
{
    const Size l = rotation % 180 == 0 ? panel : Size{panel.height, panel.width};
    if (out.width <= 0 || out.height <= 0 || l.width <= 0 || l.height <= 0
        || pixels.size() < static_cast<std::size_t>(panel.width) * static_cast<std::size_t>(panel.height))
        return {};
    struct Sum {
        std::uint64_t r = 0, g = 0, b = 0, n = 0;
    };
    std::vector<Sum> sums(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int y = 0; y < l.height; ++y) {
        const int oy = static_cast<int>(static_cast<long long>(y) * out.height / l.height);
        for (int x = 0; x < l.width; ++x) {
            // Where the viewer's pixel (x, y) is on the panel (see ScreenTransform::map).
            int px = x, py = y;
            switch (rotation) {
            case 90: px = l.height - 1 - y; py = x; break;
            case 180: px = l.width - 1 - x; py = l.height - 1 - y; break;
            case 270: px = y; py = l.width - 1 - x; break;
            default: break;
            }
            const std::uint32_t p = pixels[static_cast<std::size_t>(py) * static_cast<std::size_t>(panel.width)
                                           + static_cast<std::size_t>(px)];
            const int ox = static_cast<int>(static_cast<long long>(x) * out.width / l.width);
            Sum& s = sums[static_cast<std::size_t>(oy) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(ox)];
            s.r += (p >> 16) & 0xFF;
            s.g += (p >> 8) & 0xFF;
            s.b += p & 0xFF;
            ++s.n;
        }
    }
    std::vector<std::uint32_t> result(sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const Sum& s = sums[i];
        const std::uint64_t n = std::max<std::uint64_t>(1, s.n);
        result[i] = 0xFF000000u | static_cast<std::uint32_t>((s.r + n / 2) / n) << 16
                    | static_cast<std::uint32_t>((s.g + n / 2) / n) << 8 | static_cast<std::uint32_t>((s.b + n / 2) / n);
    }
    return result;
}

}  // namespace placard
