#include "render/png.h"

#include <SDL_image.h>

#include "render/painter.h"

namespace placard {

namespace {

// An SDL_RWops that appends what is written to a string: SDL_image writes
// PNG files through one, and memory has no size known in advance.
SDL_RWops* string_writer(std::string& out)
{
    SDL_RWops* rw = SDL_AllocRW();
    if (!rw) return nullptr;
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = &out;
    rw->size = [](SDL_RWops* ops) -> Sint64 { return static_cast<Sint64>(static_cast<std::string*>(ops->hidden.unknown.data1)->size()); };
    rw->seek = [](SDL_RWops* ops, Sint64, int) -> Sint64 { return static_cast<Sint64>(static_cast<std::string*>(ops->hidden.unknown.data1)->size()); };
    rw->read = [](SDL_RWops*, void*, size_t, size_t) -> size_t { return 0; };
    rw->write = [](SDL_RWops* ops, const void* data, size_t size, size_t count) -> size_t {
        static_cast<std::string*>(ops->hidden.unknown.data1)->append(static_cast<const char*>(data), size * count);
        return count;
    };
    rw->close = [](SDL_RWops* ops) -> int {
        SDL_FreeRW(ops);
        return 0;
    };
    return rw;
}

}  // namespace

Result<std::string> encode_png(std::span<const std::uint32_t> pixels, Size size)
{
    if (size.width <= 0 || size.height <= 0
        || pixels.size() < static_cast<std::size_t>(size.width) * static_cast<std::size_t>(size.height))
        return Error{"no picture to encode", ErrorKind::environment};
    // SDL does not write through the pointer when saving; the const_cast only fits its signature.
    sdl::Surface surface(SDL_CreateRGBSurfaceWithFormatFrom(const_cast<std::uint32_t*>(pixels.data()), size.width, size.height,
                                                            32, size.width * 4, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) return Error{std::string("cannot wrap the picture: ") + SDL_GetError(), ErrorKind::environment};
    std::string out;
    SDL_RWops* rw = string_writer(out);
    if (!rw) return Error{std::string("cannot allocate a writer: ") + SDL_GetError(), ErrorKind::environment};
    if (IMG_SavePNG_RW(surface.get(), rw, 1) != 0)
        return Error{std::string("cannot encode the PNG: ") + IMG_GetError(), ErrorKind::environment};
    return out;
}

Result<bool> write_slide_png(FontSet& fonts, const Theme& theme, const SlideLayout& layout, double progress,
                             const std::string& path, Logo* logo)
{
    const Size size = layout.screen;
    sdl::Surface surface(SDL_CreateRGBSurfaceWithFormat(0, size.width, size.height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) return Error{std::string("cannot allocate an image: ") + SDL_GetError(), ErrorKind::environment};
    sdl::Renderer renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) return Error{std::string("cannot create the software renderer: ") + SDL_GetError(), ErrorKind::environment};
    SDL_SetRenderDrawColor(renderer.get(), theme.background.r, theme.background.g, theme.background.b, 255);
    SDL_RenderClear(renderer.get());
    auto picture = SlidePicture::build(renderer.get(), fonts, layout);
    if (!picture) return picture.error();
    picture->draw(renderer.get(), theme, ScreenTransform{size, 0}, 255, progress);
    if (logo) logo->draw(renderer.get(), ScreenTransform{size, 0}, layout.logo_box);
    SDL_RenderPresent(renderer.get());
    if (IMG_SavePNG(surface.get(), path.c_str()) != 0)
        return Error{path + ": cannot write the PNG (" + IMG_GetError() + "); check the folder exists and is writable",
                     ErrorKind::environment};
    return true;
}

}  // namespace placard
