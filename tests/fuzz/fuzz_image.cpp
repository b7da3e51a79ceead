// A picture's bytes as they arrive from a server: any bytes are refused or
// accepted with a size within the limits, before any decoder sees them.
#include "core/feed/image_header.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view bytes = fuzz::text(data, size);
    placard::ImageLimits limits;
    if (auto header = placard::inspect_image(bytes, limits)) {
        fuzz::require(header->width > 0 && header->height > 0, "an accepted picture has pixels");
        fuzz::require(static_cast<std::int64_t>(header->width) * header->height <= limits.max_pixels,
                      "an accepted picture is within the pixel limit");
        fuzz::require(bytes.size() <= limits.max_bytes, "an accepted picture is within the byte limit");
    } else {
        fuzz::require(!header.error().message.empty(), "a refusal says why");
    }
    return 0;
}
