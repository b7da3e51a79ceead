#pragma once
// The organiser's logo (PNG or SVG, through SDL2_image), drawn in the header
// of every slide.
#include <string>

#include "core/layout/layout.h"
#include "core/result.h"
#include "render/painter.h"
#include "render/sdl.h"

namespace placard {

class Logo {
public:
    // Fails with a message that names the file and says what would work.
    static Result<Logo> load(const std::string& path);

    double aspect() const { return static_cast<double>(image_->w) / static_cast<double>(image_->h); }

    // Draws into box (from the slide layout); the texture is made once per renderer.
    void draw(SDL_Renderer* renderer, const ScreenTransform& transform, const Rect& box);

private:
    sdl::Surface image_;
    sdl::Texture texture_;
    SDL_Renderer* texture_renderer_ = nullptr;
};

}  // namespace placard
