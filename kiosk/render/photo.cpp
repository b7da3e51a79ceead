#include "render/photo.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <span>

#include <SDL_image.h>

#include "render/png.h"

namespace placard {

sdl::Surface shrink_surface(sdl::Surface image, int width, int height)
{
    // One linear step from 4000 to 500 pixels would skip most of the source
    // and leave the picture speckled.
    while (image && image->w / 2 >= width && image->h / 2 >= height) {
        sdl::Surface half(SDL_CreateRGBSurfaceWithFormat(0, image->w / 2, image->h / 2, 32, SDL_PIXELFORMAT_ARGB8888));
        if (!half || SDL_SoftStretchLinear(image.get(), nullptr, half.get(), nullptr) != 0) return nullptr;
        image = std::move(half);
    }
    if (!image) return image;
    sdl::Surface out(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!out || SDL_SoftStretchLinear(image.get(), nullptr, out.get(), nullptr) != 0) return nullptr;
    return out;
}

Result<sdl::Surface> decode_picture(std::string_view bytes, const ImageHeader& header, int max_side)
{
    if (header.type == ImageType::svg) return Error{"an SVG drawing is not decoded as a picture"};
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    if (!rw) return Error{std::string("cannot read the picture: ") + SDL_GetError(), ErrorKind::environment};
    // As the type the header showed, never guessed: no other decoder sees it.
    sdl::Surface decoded(IMG_LoadTyped_RW(rw, 1, header.type == ImageType::png ? "PNG" : "JPG"));
    if (!decoded) return Error{std::string("the ") + to_string(header.type) + " file cannot be decoded (" + IMG_GetError()
                               + "); save it again"};
    if (decoded->w != header.width || decoded->h != header.height)
        return Error{std::string("the ") + to_string(header.type) + " file's pixels are not the size its header says; save it again"};
    // A phone photo is brought near its final size in the same step as it
    // takes 32-bit pixels, so a second full-size copy is never held.
    int longer = std::max(decoded->w, decoded->h);
    double scale = longer > 2 * max_side ? 2.0 * max_side / longer : 1.0;
    int w = std::max(1, static_cast<int>(decoded->w * scale)), h = std::max(1, static_cast<int>(decoded->h * scale));
    sdl::Surface argb(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (argb) {
        SDL_SetSurfaceBlendMode(decoded.get(), SDL_BLENDMODE_NONE);
        if (SDL_BlitScaled(decoded.get(), nullptr, argb.get(), nullptr) != 0) argb.reset();
    }
    if (!argb) return Error{std::string("cannot convert the picture: ") + SDL_GetError(), ErrorKind::environment};
    return argb;
}

Result<PreparedPhoto> prepare_photo(std::string_view bytes, const ImageLimits& limits)
{
    auto header = inspect_image(bytes, limits);
    if (!header) return header.error();
    auto decoded = decode_picture(bytes, *header, prepared_photo_side);
    if (!decoded) return decoded.error();
    sdl::Surface image = std::move(*decoded);
    double scale = std::min(1.0, static_cast<double>(prepared_photo_side) / std::max(image->w, image->h));
    int w = std::max(1, static_cast<int>(image->w * scale)), h = std::max(1, static_cast<int>(image->h * scale));
    if (w != image->w || h != image->h) image = shrink_surface(std::move(image), w, h);
    if (!image) return Error{std::string("cannot scale the picture: ") + SDL_GetError(), ErrorKind::environment};
    if (SDL_LockSurface(image.get()) != 0) return Error{SDL_GetError(), ErrorKind::environment};
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const char*>(image->pixels) + y * image->pitch);
        std::copy(row, row + w, pixels.begin() + static_cast<std::ptrdiff_t>(y) * w);
    }
    SDL_UnlockSurface(image.get());
    auto png = encode_png(pixels, {w, h});
    if (!png) return png.error();
    return PreparedPhoto{std::move(*png), w, h};
}

Result<sdl::Surface> load_photo(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open the prepared picture", ErrorKind::environment};
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ImageLimits limits;
    limits.max_side = prepared_photo_side;
    auto header = inspect_image(bytes, limits);
    if (!header) return Error{path + ": " + header.error().message};
    auto decoded = decode_picture(bytes, *header, prepared_photo_side);
    if (!decoded) return Error{path + ": " + decoded.error().message};
    return std::move(*decoded);
}

}  // namespace placard
