// A picture's bytes as they arrive from a server, and an organiser's logo
// file: any bytes are refused or accepted with a size within the limits,
// before any decoder sees them.
#include "core/feed/image_header.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view bytes = fuzz::text(data, size);
    placard::ImageLimits limits;
    if (auto header = placard::inspect_image(bytes, limits)) {
        fuzz::require(header->type != placard::ImageType::svg, "a picture is a PNG or JPEG");
        fuzz::require(header->width > 0 && header->height > 0, "an accepted picture has pixels");
        fuzz::require(static_cast<std::int64_t>(header->width) * header->height <= limits.max_pixels,
                      "an accepted picture is within the pixel limit");
        fuzz::require(bytes.size() <= limits.max_bytes, "an accepted picture is within the byte limit");
    } else {
        fuzz::require(!header.error().message.empty(), "a refusal says why");
    }
    const placard::ImageLimits& logo = placard::logo_limits;
    if (auto header = placard::inspect_logo(bytes)) {
        fuzz::require(bytes.size() <= logo.max_bytes, "an accepted logo is within the byte limit");
        if (header->type == placard::ImageType::svg) {
            fuzz::require(bytes.find("<svg") != std::string_view::npos, "an SVG logo has an <svg element");
        } else {
            fuzz::require(header->width > 0 && header->height > 0, "an accepted logo has pixels");
            fuzz::require(header->width <= logo.max_side && header->height <= logo.max_side,
                          "an accepted logo is within the side limit");
            fuzz::require(static_cast<std::int64_t>(header->width) * header->height <= logo.max_pixels,
                          "an accepted logo is within the pixel limit");
        }
    } else {
        fuzz::require(!header.error().message.empty(), "a refused logo says why");
    }
    return 0;
}
