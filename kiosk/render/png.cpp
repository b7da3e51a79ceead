#include "render/png.h"

#include <SDL_image.h>

#include "render/painter.h"

namespace placard {

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
