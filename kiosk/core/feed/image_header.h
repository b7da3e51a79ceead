#pragma once
// What a speaker's photo or an organisation's logo must be before any decoder
// sees it: a whole PNG or JPEG file, within a size in bytes and in pixels.
// Read from the file's own header and structure only, so a decompression bomb
// (a small file that claims a huge picture) or a cut download is refused
// before a single pixel is decoded. Pure: bytes in, a verdict out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace placard {

enum class ImageType { png, jpeg, svg };

struct ImageHeader {
    ImageType type = ImageType::png;
    int width = 0;
    int height = 0;
};

struct ImageLimits {
    // A phone's photo saved for the web is well under this; a camera's original may not be.
    std::size_t max_bytes = 4u * 1024u * 1024u;
    // 4096x3072: a 12-megapixel phone photo fits; decoding it takes 48 MiB for a moment.
    std::int64_t max_pixels = 4096ll * 3072ll;
    int max_side = 8192;
};

// The picture's type and size, or why it is refused ("cut short", "not a PNG
// or JPEG", "20000x20000 pixels ..."), in words an editor can act on.
Result<ImageHeader> inspect_image(std::string_view bytes, const ImageLimits& limits = {});

// The organiser's logo is drawn at most a quarter of the screen wide: 960
// pixels on a 4K screen. It is kept no larger than logo_side on its longer
// side, and a PNG or JPEG is refused above a 4K screen's worth of pixels
// (3840x2160, 32 MiB decoded) or 4096 on a side, before it is decoded.
inline constexpr int logo_side = 1024;
inline constexpr ImageLimits logo_limits{4u * 1024u * 1024u, 3840ll * 2160ll, 4096};

// A logo's file: a PNG or JPEG as inspect_image reads it, within logo_limits,
// or an SVG drawing (type svg, width and height 0: it is drawn at the size
// Placard chooses, whatever it declares).
Result<ImageHeader> inspect_logo(std::string_view bytes);

const char* to_string(ImageType type);

// SHA-256 of the bytes, 64 lowercase hex digits: what `sha256sum` prints, and
// what a signed feed's "image_sha256" holds. In image_digest.cpp, with
// libsodium, which the browser checker leaves out (it fetches no pictures).
std::string sha256_hex(std::string_view bytes);

// 64 hex digits (either case).
bool is_sha256_hex(std::string_view text);

}  // namespace placard
