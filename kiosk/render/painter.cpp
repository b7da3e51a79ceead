#include "render/painter.h"

#include <algorithm>
#include <cmath>

namespace placard {

SDL_Rect ScreenTransform::map(const Rect& r) const
{
    Size l = logical();
    switch (rotation) {
    case 90: return {l.height - r.bottom(), r.x, r.h, r.w};
    case 180: return {l.width - r.right(), l.height - r.bottom(), r.w, r.h};
    case 270: return {r.y, l.width - r.right(), r.h, r.w};
    default: return {r.x, r.y, r.w, r.h};
    }
}

Result<SlidePicture> SlidePicture::build(SDL_Renderer* renderer, FontSet& fonts, const SlideLayout& layout)
{
    SlidePicture picture;
    picture.layout_ = layout;
    for (const TextLine& line : layout.lines) {
        if (line.text.empty()) continue;
        // Rendered white and tinted at draw time, so a theme change needs no re-rasterising.
        sdl::Surface surface = fonts.render_line(line.text, line.direction, line.face, line.px);
        if (!surface) return Error{std::string("cannot render text: ") + TTF_GetError(), ErrorKind::environment};
        sdl::Texture texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
        if (!texture) return Error{std::string("cannot create a texture: ") + SDL_GetError(), ErrorKind::environment};
        SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
        Rect box = line.box;
        box.w = surface->w;
        box.h = surface->h;
        picture.texture_bytes_ += static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
        picture.pieces_.push_back({std::move(texture), box, line.paint});
    }
    return picture;
}

void SlidePicture::draw(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
                        double progress) const
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    auto fill = [&](const Rect& r, Paint paint) {
        Rgb c = theme.paint(paint);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, alpha);
        SDL_Rect out = transform.map(r);
        SDL_RenderFillRect(renderer, &out);
    };
    for (const Block& block : layout_.blocks) fill(block.box, block.paint);
    if (layout_.progress.w > 0 && progress > 0) {
        Rect done = layout_.progress;
        done.w = static_cast<int>(std::lround(std::clamp(progress, 0.0, 1.0) * done.w));
        fill(done, Paint::accent);
    }
    for (const Piece& piece : pieces_) {
        Rgb c = theme.paint(piece.paint);
        SDL_SetTextureColorMod(piece.texture.get(), c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(piece.texture.get(), alpha);
        if (transform.rotation == 0) {
            SDL_Rect dst{piece.box.x, piece.box.y, piece.box.w, piece.box.h};
            SDL_RenderCopy(renderer, piece.texture.get(), nullptr, &dst);
            continue;
        }
        // Rotate about the piece's centre after moving the centre to its place on the panel.
        SDL_Rect turned = transform.map(piece.box);
        SDL_Rect dst{turned.x + turned.w / 2 - piece.box.w / 2, turned.y + turned.h / 2 - piece.box.h / 2, piece.box.w,
                     piece.box.h};
        SDL_RenderCopyEx(renderer, piece.texture.get(), nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
    }
}

}  // namespace placard
