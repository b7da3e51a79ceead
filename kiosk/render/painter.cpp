#include "render/painter.h"

#include <cstdio>

#include "core/layout/mirror.h"
#include "core/layout/qr.h"
#include "render/logo.h"
#include "render/photo.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <malloc.h>

namespace placard {

namespace {

Rect united(const Rect& a, const Rect& b)
{
    int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
    return {x0, y0, std::max(a.right(), b.right()) - x0, std::max(a.bottom(), b.bottom()) - y0};
}

// A line's texture and where it goes: a right-to-left line keeps its right
// edge where layout put it, even when its glyphs reach further than they
// measured.
Rect placed(const TextLine& line, const SDL_Surface& surface)
{
    Rect box = line.box;
    if (line.direction == TextDirection::rtl) box.x = line.box.right() - surface.w;
    box.w = surface.w;
    box.h = surface.h;
    return box;
}

// The composed picture's pixel format: the window's, so that a copy to the
// screen needs no conversion.
Uint32 picture_format(SDL_Renderer* renderer)
{
    SDL_Window* window = SDL_RenderGetWindow(renderer);
    Uint32 format = window ? SDL_GetWindowPixelFormat(window) : Uint32{SDL_PIXELFORMAT_UNKNOWN};
    return format == SDL_PIXELFORMAT_UNKNOWN ? Uint32{SDL_PIXELFORMAT_RGB888} : format;
}

SDL_Rect sdl_rect(const Rect& r) { return {r.x, r.y, r.w, r.h}; }

}  // namespace

void keep_pictures_out_of_heap() { mallopt(M_MMAP_THRESHOLD, 1 << 20); }

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

Result<SlidePicture::Piece> SlidePicture::rasterise(SDL_Renderer* renderer, FontSet& fonts, const TextLine& line)
{
    // Rendered white and tinted when drawn or composed; emoji in colour apart, never tinted.
    sdl::Surface colour;
    sdl::Surface surface = fonts.render_line(line.text, line.direction, line.face, line.px, &colour);
    if (!surface) return Error{std::string("cannot render text: ") + TTF_GetError(), ErrorKind::environment};
    sdl::Texture texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
    if (!texture) return Error{std::string("cannot create a texture: ") + SDL_GetError(), ErrorKind::environment};
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    rasterised_bytes_ += static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
    sdl::Texture colour_texture;
    if (colour) {
        colour_texture.reset(SDL_CreateTextureFromSurface(renderer, colour.get()));
        if (!colour_texture) return Error{std::string("cannot create a texture: ") + SDL_GetError(), ErrorKind::environment};
        SDL_SetTextureBlendMode(colour_texture.get(), SDL_BLENDMODE_BLEND);
        rasterised_bytes_ += static_cast<std::size_t>(colour->w) * static_cast<std::size_t>(colour->h) * 4;
    }
    return Piece{std::move(texture), std::move(colour_texture), placed(line, *surface), line.paint, line.role};
}

Result<bool> SlidePicture::rasterise_all(SDL_Renderer* renderer, FontSet& fonts)
{
    pieces_.clear();
    for (const TextLine& line : layout_.lines) {
        if (line.text.empty()) continue;
        auto piece = rasterise(renderer, fonts, line);
        if (!piece) return piece.error();
        pieces_.push_back(std::move(*piece));
    }
    texture_bytes_ += rasterised_bytes_;
    return true;
}

Result<bool> SlidePicture::build_extras(SDL_Renderer* renderer)
{
    if (!layout_.qr_url.empty() && !build_qr(renderer))
        return Error{std::string("cannot draw the QR code: ") + SDL_GetError(), ErrorKind::environment};
    if (!layout_.photo_file.empty() && layout_.photo_box.w > 0 && layout_.photo_box.h > 0) {
        // A picture that cannot be read now (the cache was cleared) leaves its
        // place empty: the slide is shown all the same, never a broken box.
        auto photo = load_photo(layout_.photo_file);
        if (photo) {
            photo_.reset(SDL_CreateTextureFromSurface(renderer, photo->get()));
            photo_size_ = {(*photo)->w, (*photo)->h};
            photo_shown_ = static_cast<bool>(photo_);
        }
        if (!photo) std::fprintf(stderr, "placard: %s; the slide is shown without it\n", photo.error().message.c_str());
        if (photo_) {
            SDL_SetTextureBlendMode(photo_.get(), SDL_BLENDMODE_BLEND);
            SDL_SetTextureScaleMode(photo_.get(), SDL_ScaleModeBest);
        }
    }
    return true;
}

Result<SlidePicture> SlidePicture::build(SDL_Renderer* renderer, FontSet& fonts, const SlideLayout& layout, Lines lines)
{
    SlidePicture picture;
    picture.layout_ = layout;
    if (lines == Lines::now) {
        if (auto made = picture.rasterise_all(renderer, fonts); !made) return made.error();
    } else {
        picture.deferred_fonts_ = &fonts;
    }
    if (auto extras = picture.build_extras(renderer); !extras) return extras.error();
    return picture;
}

Result<bool> SlidePicture::compose(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Logo* logo)
{
    if (picture_) return true;
    FontSet* deferred = std::exchange(deferred_fonts_, nullptr);
    // Lines not yet rasterised are, if the picture cannot be made, so that the
    // slide is drawn line by line all the same.
    auto fall_back = [&](Error error) -> Result<bool> {
        if (deferred) {
            if (auto made = rasterise_all(renderer, *deferred); !made) return made.error();
        }
        return error;
    };
    sdl::Texture target(SDL_CreateTexture(renderer, picture_format(renderer), SDL_TEXTUREACCESS_TARGET,
                                          transform.panel.width, transform.panel.height));
    if (!target) return fall_back(Error{std::string("cannot make the slide's picture: ") + SDL_GetError(), ErrorKind::environment});
    SDL_Texture* before = SDL_GetRenderTarget(renderer);
    if (SDL_SetRenderTarget(renderer, target.get()) != 0)
        return fall_back(Error{std::string("cannot draw into the slide's picture: ") + SDL_GetError(), ErrorKind::environment});
    SDL_SetRenderDrawColor(renderer, theme.background.r, theme.background.g, theme.background.b, 255);
    SDL_RenderClear(renderer);
    draw_pieces(renderer, theme, transform, 255, 0);
    if (deferred) {
        // Each line drawn as it is rasterised, and its texture freed at once.
        for (const TextLine& line : layout_.lines) {
            if (line.text.empty()) continue;
            auto piece = rasterise(renderer, *deferred, line);
            if (!piece) {
                SDL_SetRenderTarget(renderer, before);
                return piece.error();
            }
            draw_piece(renderer, *piece, theme, transform, 255, 0);
            piece->texture.reset();
            piece->colour.reset();
            pieces_.push_back(std::move(*piece));
        }
    }
    if (logo && layout_.logo_box.w > 0) {
        logo->draw(renderer, transform, layout_.logo_box);
        logo_ink_ = layout_.logo_box;
    }
    SDL_SetRenderTarget(renderer, before);
    SDL_SetTextureBlendMode(target.get(), SDL_BLENDMODE_NONE);
    picture_ = std::move(target);
    theme_ = theme;
    transform_ = transform;
    // The lines' textures are not needed again (a retext makes its own); the
    // boxes stay, to say where the slide has ink.
    for (Piece& piece : pieces_) {
        piece.texture.reset();
        piece.colour.reset();
    }
    qr_.reset();
    photo_.reset();
    texture_bytes_ = static_cast<std::size_t>(transform.panel.width) * static_cast<std::size_t>(transform.panel.height) * 4;
    return true;
}

void SlidePicture::draw_piece(SDL_Renderer* renderer, const Piece& piece, const Theme& theme,
                              const ScreenTransform& transform, Uint8 alpha, int shift_x) const
{
    if (!piece.texture) return;
    Rgb c = theme.paint(piece.paint);
    SDL_SetTextureColorMod(piece.texture.get(), c.r, c.g, c.b);
    Rect moved = piece.box;
    moved.x += shift_x;
    // Rotated about the piece's centre after moving the centre to its place on the panel.
    SDL_Rect turned = transform.map(moved);
    SDL_Rect dst = transform.rotation == 0 ? sdl_rect(moved)
                                           : SDL_Rect{turned.x + turned.w / 2 - piece.box.w / 2,
                                                      turned.y + turned.h / 2 - piece.box.h / 2, piece.box.w, piece.box.h};
    for (SDL_Texture* texture : {piece.texture.get(), piece.colour.get()}) {
        if (!texture) continue;
        SDL_SetTextureAlphaMod(texture, alpha);
        if (transform.rotation == 0) SDL_RenderCopy(renderer, texture, nullptr, &dst);
        else SDL_RenderCopyEx(renderer, texture, nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
    }
}

void SlidePicture::draw_pieces(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform,
                               Uint8 alpha, int shift_x) const
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    for (const Block& block : layout_.blocks) {
        Rgb c = theme.paint(block.paint);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, alpha);
        Rect moved = block.box;
        moved.x += shift_x;
        SDL_Rect out = transform.map(moved);
        SDL_RenderFillRect(renderer, &out);
    }
    if (qr_) {
        SDL_SetTextureAlphaMod(qr_.get(), alpha);
        Rect moved = layout_.qr_box;
        moved.x += shift_x;
        SDL_Rect dst = transform.map(moved);
        SDL_RenderCopyEx(renderer, qr_.get(), nullptr, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
    }
    draw_photo(renderer, transform, alpha, shift_x);
    for (const Piece& piece : pieces_) draw_piece(renderer, piece, theme, transform, alpha, shift_x);
}

void SlidePicture::draw(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
                        double progress, int shift_x) const
{
    if (picture_) {
        Size l = transform.logical();
        SDL_Rect dst = transform.map({shift_x, 0, l.width, l.height});
        SDL_SetTextureBlendMode(picture_.get(), alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(picture_.get(), alpha);
        SDL_RenderCopy(renderer, picture_.get(), nullptr, &dst);
    } else {
        draw_pieces(renderer, theme, transform, alpha, shift_x);
    }
    if (layout_.progress.w > 0 && progress > 0) {
        Rect done = progress_done(layout_, progress);
        done.x += shift_x;
        Rgb c = theme.paint(Paint::accent);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, alpha);
        SDL_Rect out = transform.map(done);
        SDL_RenderFillRect(renderer, &out);
    }
}

void SlidePicture::blend_areas(SDL_Renderer* renderer, const std::vector<Rect>& areas, Uint8 alpha) const
{
    if (!picture_) return;
    SDL_SetTextureBlendMode(picture_.get(), alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(picture_.get(), alpha);
    for (const Rect& area : areas) {
        SDL_Rect r = sdl_rect(area);
        SDL_RenderCopy(renderer, picture_.get(), &r, &r);
    }
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
    Rect done = progress_done(layout_, progress);
    if (done.w > 0) fill(done, theme.paint(Paint::accent));
}

std::vector<Rect> SlidePicture::ink(const ScreenTransform& transform) const
{
    std::vector<Rect> logical;
    for (const Piece& piece : pieces_) logical.push_back(piece.box);
    for (const Block& block : layout_.blocks) logical.push_back(block.box);
    logical.push_back(layout_.progress);
    if (!layout_.qr_url.empty()) logical.push_back(layout_.qr_box);
    if (logo_ink_.w > 0) logical.push_back(logo_ink_);
    if (!layout_.photo_file.empty()) logical.push_back(layout_.photo_box);
    std::vector<Rect> panel;
    for (const Rect& r : logical) {
        SDL_Rect p = transform.map(r);
        panel.push_back({p.x, p.y, p.w, p.h});
    }
    return panel;
}

SlidePicture::Retexted SlidePicture::retext(SDL_Renderer* renderer, FontSet& fonts, const std::string& role,
                                            const std::string& text)
{
    Retexted out;
    for (const TextLine& line : layout_.lines) {
        if (line.role != role || line.text == text) continue;
        sdl::Surface surface = fonts.render_line(text, line.direction, line.face, line.px);
        if (!surface) continue;
        auto piece = std::find_if(pieces_.begin(), pieces_.end(), [&](const Piece& p) { return p.role == role; });
        if (piece == pieces_.end()) continue;
        sdl::Texture texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
        if (!texture) continue;
        SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
        out.bytes += static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
        const Rect old_box = piece->box;
        piece->texture = std::move(texture);
        piece->colour.reset();
        piece->box = placed(line, *surface);
        if (picture_) {
            // The old text is covered with the background (and any block
            // under it), and the new one drawn over it, in the picture.
            Rect area = united(old_box, piece->box);
            SDL_Texture* before = SDL_GetRenderTarget(renderer);
            SDL_SetRenderTarget(renderer, picture_.get());
            SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
            SDL_SetRenderDrawColor(renderer, theme_.background.r, theme_.background.g, theme_.background.b, 255);
            SDL_Rect cover = transform_.map(area);
            SDL_RenderFillRect(renderer, &cover);
            for (const Block& block : layout_.blocks) {
                Rgb c = theme_.paint(block.paint);
                SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 255);
                SDL_Rect b = transform_.map(block.box);
                SDL_Rect both;
                if (SDL_IntersectRect(&b, &cover, &both)) SDL_RenderFillRect(renderer, &both);
            }
            draw_piece(renderer, *piece, theme_, transform_, 255, 0);
            SDL_SetRenderTarget(renderer, before);
            piece->texture.reset();
            out.area = out.area ? united(*out.area, Rect{cover.x, cover.y, cover.w, cover.h})
                                : Rect{cover.x, cover.y, cover.w, cover.h};
        }
    }
    for (TextLine& line : layout_.lines)
        if (line.role == role) line.text = text;
    return out;
}

void SlidePicture::draw_photo(SDL_Renderer* renderer, const ScreenTransform& transform, Uint8 alpha, int shift_x) const
{
    if (!photo_) return;
    const Rect& box = layout_.photo_box;
    // The middle of the picture at the box's shape (layout keeps odd shapes
    // within bounds), so nothing is stretched.
    SDL_Rect source{0, 0, photo_size_.width, photo_size_.height};
    double box_aspect = static_cast<double>(box.w) / box.h;
    if (static_cast<double>(source.w) / source.h > box_aspect) {
        source.w = std::max(1, static_cast<int>(source.h * box_aspect));
        source.x = (photo_size_.width - source.w) / 2;
    } else {
        source.h = std::max(1, static_cast<int>(source.w / box_aspect));
        source.y = (photo_size_.height - source.h) / 2;
    }
    SDL_SetTextureAlphaMod(photo_.get(), alpha);
    Rect moved = box;
    moved.x += shift_x;
    SDL_Rect turned = transform.map(moved);
    SDL_Rect dst{turned.x + turned.w / 2 - box.w / 2, turned.y + turned.h / 2 - box.h / 2, box.w, box.h};
    SDL_RenderCopyEx(renderer, photo_.get(), &source, &dst, transform.rotation, nullptr, SDL_FLIP_NONE);
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

}  // namespace placard
