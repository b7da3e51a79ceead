#include "render/logo.h"

#include <algorithm>

#include <SDL_image.h>

#include "render/photo.h"

namespace placard {

Result<Logo> Logo::decode(std::string_view bytes)
{
    auto header = inspect_logo(bytes);
    if (!header) return header.error();
    Logo logo;
    logo.header_ = *header;
    if (header->type == ImageType::svg) {
        // Drawn to fit logo_side x logo_side whatever size it declares.
        SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
        if (!rw) return Error{std::string("cannot read the logo: ") + SDL_GetError(), ErrorKind::environment};
        logo.image_.reset(IMG_LoadSizedSVG_RW(rw, logo_side, logo_side));
        SDL_RWclose(rw);
        if (!logo.image_)
            return Error{std::string("the SVG drawing cannot be read (") + IMG_GetError() + "); save it again, or as PNG"};
    } else {
        auto decoded = decode_picture(bytes, *header, logo_side);
        if (!decoded) return decoded.error();
        logo.image_ = std::move(*decoded);
        double scale = std::min(1.0, static_cast<double>(logo_side) / std::max(logo.image_->w, logo.image_->h));
        int w = std::max(1, static_cast<int>(logo.image_->w * scale)), h = std::max(1, static_cast<int>(logo.image_->h * scale));
        if (w != logo.image_->w || h != logo.image_->h) logo.image_ = shrink_surface(std::move(logo.image_), w, h);
        if (!logo.image_) return Error{std::string("cannot scale the logo: ") + SDL_GetError(), ErrorKind::environment};
    }
    if (logo.image_->w < 1 || logo.image_->h < 1) return Error{"the logo has no pixels"};
    return logo;
}

std::string Logo::describe() const
{
    std::string kept = std::to_string(image_->w) + "x" + std::to_string(image_->h);
    if (header_.type == ImageType::svg) return "SVG, drawn at " + kept;
    std::string size = std::to_string(header_.width) + "x" + std::to_string(header_.height);
    return std::string(to_string(header_.type)) + ", " + size + " pixels" + (size == kept ? "" : ", kept at " + kept);
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
