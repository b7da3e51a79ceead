#pragma once
// Pictures from a feed (speaker photos, organisation logos) decoded with
// SDL_image, only after core/image_header.h has checked the file's type,
// completeness and size, and only as the type it says it is.
#include <string>
#include <string_view>

#include "core/feed/image_header.h"
#include "core/result.h"
#include "render/sdl.h"

namespace placard {

// The longer side of a prepared picture: about the largest a photo is shown
// on a 1080p screen.
inline constexpr int prepared_photo_side = 768;

struct PreparedPhoto {
    std::string png;  // the picture made small, as a PNG file's bytes
    int width = 0;
    int height = 0;
};

// Checks, decodes and shrinks a downloaded picture to at most
// prepared_photo_side on its longer side. Refused: anything inspect_image
// refuses, a file the decoder cannot read, or one whose pixels are not the
// size its header said.
Result<PreparedPhoto> prepare_photo(std::string_view bytes, const ImageLimits& limits = {});

// A PNG or JPEG that inspect_image (or inspect_logo) accepted as header,
// decoded as that type only and turned into ARGB8888 at no more than twice
// max_side on its longer side.
Result<sdl::Surface> decode_picture(std::string_view bytes, const ImageHeader& header, int max_side);

// A prepared picture read back for drawing (checked again: the cache is a file like any other).
Result<sdl::Surface> load_photo(const std::string& path);

// Scaled down in halves, then one linear step to exactly width x height, as ARGB8888.
sdl::Surface shrink_surface(sdl::Surface image, int width, int height);

}  // namespace placard
