#pragma once
// The organiser's logo (PNG, JPEG or SVG, through SDL2_image), drawn in the
// header of every slide. Checked from its header before it is decoded, and
// kept no larger than logo_side (core/feed/image_header.h) on its longer side.
#include <string>
#include <string_view>

#include "core/feed/image_header.h"
#include "core/layout/layout.h"
#include "core/result.h"
#include "render/painter.h"
#include "render/sdl.h"

namespace placard {

class Logo {
public:
    // The file's bytes (read by the caller, which names the file in the
    // error); fails with what is wrong and what would work.
    static Result<Logo> decode(std::string_view bytes);

    double aspect() const { return static_cast<double>(image_->w) / static_cast<double>(image_->h); }
    // "PNG, 4000x1000 pixels, kept at 1024x256" or "SVG, drawn at 1024x256", for --check.
    std::string describe() const;

    // Draws into box (from the slide layout); the texture is made once per renderer.
    void draw(SDL_Renderer* renderer, const ScreenTransform& transform, const Rect& box);

private:
    ImageHeader header_;
    sdl::Surface image_;
    sdl::Texture texture_;
    SDL_Renderer* texture_renderer_ = nullptr;
};

}  // namespace placard
