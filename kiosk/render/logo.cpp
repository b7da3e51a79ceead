#include "render/logo.h"

#include <SDL_image.h>

namespace placard {

Result<Logo> Logo::load(const std::string& path)
{
    Logo logo;
    logo.image_.reset(IMG_Load(path.c_str()));
    if (!logo.image_)
        return Error{path + ": cannot read the logo (" + IMG_GetError() + "); use a PNG or SVG file", ErrorKind::environment};
    if (logo.image_->w < 1 || logo.image_->h < 1) return Error{path + ": the logo has no pixels"};
    return logo;
}

void Logo::draw(SDL_Renderer* renderer, const ScreenTransform& transform, const Rect& box)
{
    if (box.w <= 0 || box.h <= 0) return;
    if (!texture_ || texture_renderer_ != renderer) {
        texture_.reset(SDL_CreateTextureFromSurface(renderer, image_.get()));
        texture_renderer_ = renderer;
        if (!texture_) return;
        SDL_SetTextureBlendMode(texture_.get(), SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(texture_.get(), SDL_ScaleModeBest);
    }
    SDL_Rect turned = transform.map(box);
    SDL_Rect dst{turned.x + turned.w / 2 - box.w / 2, turned.y + turned.h / 2 - box.h / 2, box.w, box.h};
    SDL_RenderCopyEx(renderer, texture_.get(), nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
}

}  // namespace placard
