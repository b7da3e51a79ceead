#include "render/painter.h"

#include "core/qr.h"

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
        // A right-to-left line keeps its right edge where layout put it, even
        // when its glyphs reach further than they measured.
        if (line.direction == TextDirection::rtl) box.x = line.box.right() - surface->w;
        box.w = surface->w;
        box.h = surface->h;
        picture.texture_bytes_ += static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
        picture.pieces_.push_back({std::move(texture), box, line.paint, line.role});
    }
    if (!layout.qr_url.empty() && !picture.build_qr(renderer))
        return Error{std::string("cannot draw the QR code: ") + SDL_GetError(), ErrorKind::environment};
    return picture;
}

std::size_t SlidePicture::retext(SDL_Renderer* renderer, FontSet& fonts, const std::string& role, const std::string& text)
{
    std::size_t uploaded = 0;
    for (std::size_t i = 0; i < layout_.lines.size(); ++i) {
        TextLine& line = layout_.lines[i];
        if (line.role != role || line.text == text) continue;
        line.text = text;
        sdl::Surface surface = fonts.render_line(text, line.direction, line.face, line.px);
        if (!surface) continue;
        for (Piece& piece : pieces_) {
            if (piece.role != role) continue;
            sdl::Texture texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
            if (!texture) continue;
            SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
            piece.texture = std::move(texture);
            piece.box.w = surface->w;
            piece.box.h = surface->h;
            uploaded += static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
        }
    }
    return uploaded;
}

bool SlidePicture::build_qr(SDL_Renderer* renderer)
{
    auto matrix = make_qr(layout_.qr_url);
    if (!matrix) return true;  // too long to encode: the slide simply has no code
    int side = matrix->modules + 2 * qr_quiet_modules;
    sdl::Surface surface(SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface) return false;
    SDL_FillRect(surface.get(), nullptr, SDL_MapRGB(surface->format, 255, 255, 255));
    Uint32 dark = SDL_MapRGB(surface->format, 0, 0, 0);
    for (int y = 0; y < matrix->modules; ++y)
        for (int x = 0; x < matrix->modules; ++x)
            if (matrix->at(x, y)) {
                SDL_Rect module{x + qr_quiet_modules, y + qr_quiet_modules, 1, 1};
                SDL_FillRect(surface.get(), &module, dark);
            }
    // Whole pixels per module, so every module is the same size and sharp.
    int scale = std::max(1, layout_.qr_box.w / side);
    int drawn = side * scale;
    layout_.qr_box = {layout_.qr_box.x + (layout_.qr_box.w - drawn), layout_.qr_box.y + (layout_.qr_box.h - drawn), drawn, drawn};
    qr_.reset(SDL_CreateTextureFromSurface(renderer, surface.get()));
    if (!qr_) return false;
    SDL_SetTextureScaleMode(qr_.get(), SDL_ScaleModeNearest);
    SDL_SetTextureBlendMode(qr_.get(), SDL_BLENDMODE_BLEND);
    texture_bytes_ += static_cast<std::size_t>(side * side * 4);
    return true;
}

void SlidePicture::draw_progress(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform,
                                 double progress) const
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    auto fill = [&](const Rect& r, Rgb c) {
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 255);
        SDL_Rect out = transform.map(r);
        SDL_RenderFillRect(renderer, &out);
    };
    fill(layout_.progress, theme.paint(Paint::track));
    Rect done = layout_.progress;
    done.w = static_cast<int>(std::lround(std::clamp(progress, 0.0, 1.0) * done.w));
    if (done.w > 0) fill(done, theme.paint(Paint::accent));
}

void SlidePicture::draw(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
                        double progress, int shift_x) const
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    auto moved = [shift_x](Rect r) {
        r.x += shift_x;
        return r;
    };
    auto fill = [&](const Rect& r, Paint paint) {
        Rgb c = theme.paint(paint);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, alpha);
        SDL_Rect out = transform.map(moved(r));
        SDL_RenderFillRect(renderer, &out);
    };
    for (const Block& block : layout_.blocks) fill(block.box, block.paint);
    if (layout_.progress.w > 0 && progress > 0) {
        Rect done = layout_.progress;
        done.w = static_cast<int>(std::lround(std::clamp(progress, 0.0, 1.0) * done.w));
        fill(done, Paint::accent);
    }
    if (qr_) {
        SDL_SetTextureAlphaMod(qr_.get(), alpha);
        SDL_Rect dst = transform.map(moved(layout_.qr_box));
        SDL_RenderCopyEx(renderer, qr_.get(), nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
    }
    for (const Piece& piece : pieces_) {
        Rgb c = theme.paint(piece.paint);
        SDL_SetTextureColorMod(piece.texture.get(), c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(piece.texture.get(), alpha);
        if (transform.rotation == 0) {
            SDL_Rect dst{piece.box.x + shift_x, piece.box.y, piece.box.w, piece.box.h};
            SDL_RenderCopy(renderer, piece.texture.get(), nullptr, &dst);
            continue;
        }
        // Rotate about the piece's centre after moving the centre to its place on the panel.
        SDL_Rect turned = transform.map(moved(piece.box));
        SDL_Rect dst{turned.x + turned.w / 2 - piece.box.w / 2, turned.y + turned.h / 2 - piece.box.h / 2, piece.box.w,
                     piece.box.h};
        SDL_RenderCopyEx(renderer, piece.texture.get(), nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
    }
}

}  // namespace placard
