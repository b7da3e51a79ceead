#pragma once
// Turns a laid-out slide into textures once, then draws it as often as needed:
// text is rasterised when a slide is built, never per frame.
#include <cstddef>
#include <vector>

#include "core/layout.h"
#include "core/result.h"
#include "core/theme.h"
#include "render/fonts.h"
#include "render/sdl.h"

namespace placard {

// How the picture is turned on the panel: the layout is made for the screen as
// the viewer sees it, and drawn rotated by this many degrees clockwise.
struct ScreenTransform {
    Size panel;        // the output in pixels, as the hardware scans it
    int rotation = 0;  // 0, 90, 180 or 270

    Size logical() const { return rotation % 180 == 0 ? panel : Size{panel.height, panel.width}; }
    SDL_Rect map(const Rect& r) const;  // an axis-aligned logical rect on the panel
};

class SlidePicture {
public:
    static Result<SlidePicture> build(SDL_Renderer* renderer, FontSet& fonts, const SlideLayout& layout);

    // Draws with the given opacity (0..255), moved shift_x logical pixels to the
    // right (for the slide transition); progress 0..1 fills the progress track.
    void draw(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
              double progress, int shift_x = 0) const;

    // Only the progress track, drawn opaque over what is there: while a slide
    // stands, the step of its progress bar is all that changes.
    void draw_progress(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, double progress) const;

    const SlideLayout& layout() const { return layout_; }

    // Replaces the text of the lines with this role (the tally's number while
    // it counts up): only that line is rasterised again. Returns the bytes of
    // texture uploaded, 0 when the text was already shown (for --stats).
    std::size_t retext(SDL_Renderer* renderer, FontSet& fonts, const std::string& role, const std::string& text);
    std::size_t texture_bytes() const { return texture_bytes_; }

private:
    struct Piece {
        sdl::Texture texture;
        Rect box;
        Paint paint;
        std::string role;
    };
    bool build_qr(SDL_Renderer* renderer);
    SlideLayout layout_;
    std::vector<Piece> pieces_;
    sdl::Texture qr_;  // dark modules on white, scaled without smoothing
    std::size_t texture_bytes_ = 0;
};

}  // namespace placard
