#pragma once
// A small copy of the picture on screen, for the fleet's screenshot command:
// the panel's pixels turned into what the viewer sees and box-filtered down.
#include <cstdint>
#include <span>
#include <vector>

#include "core/layout/layout.h"

namespace placard {

// The viewer's picture (logical size) scaled to fit in longest x longest,
// keeping its shape: 1920x1080 gives 480x270, a portrait 1080x1920 270x480.
Size thumbnail_size(Size logical, int longest = 480);

// pixels: ARGB8888 rows as the panel scans them (panel.width pixels a row);
// rotation: degrees clockwise the picture is turned on the panel (0, 90, 180,
// 270). Returns out.width x out.height ARGB8888 pixels, opaque, each the
// average of the viewer's pixels it covers.
std::vector<std::uint32_t> thumbnail(std::span<const std::uint32_t> pixels, Size panel, int rotation, Size out);

}  // namespace placard
