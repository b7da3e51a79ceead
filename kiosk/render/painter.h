#pragma once
// Turns a laid-out slide into pictures once, then draws it as often as needed:
// text is rasterised when a slide is built and composed with everything else
// into one texture, never drawn line by line per frame.
#include <cstddef>
#include <optional>
#include <vector>

#include "core/layout/layout.h"
#include "core/result.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/sdl.h"

namespace placard {

class Logo;

// A slide's picture is megabytes, made and freed once a slide. Call once at
// start: pictures then come straight from the system and go back to it when
// freed (glibc would otherwise raise its threshold after the first one is
// freed and keep later ones in a heap that only grows).
void keep_pictures_out_of_heap();

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
    // now: rasterises the layout's text, one texture a line, rendered white.
    // when_composed: each line is rasterised as compose draws it, and freed
    // once drawn, so a line's texture never outlives its copy into the picture
    // (the largest slides' lines are 3.3 MB at 1080p, beside the 8.3 MB
    // picture). Until composed, such a picture has no lines to draw.
    enum class Lines { now, when_composed };
    static Result<SlidePicture> build(SDL_Renderer* renderer, FontSet& fonts, const SlideLayout& layout,
                                      Lines lines = Lines::now);

    // Draws the whole slide but its progress fill (background, blocks, QR
    // code, logo, text tinted in the theme's colours) into one texture the
    // size of the panel, and frees the line textures: from then on a frame
    // of this slide is one copy. Done once; a slide left uncomposed (the
    // banner) is drawn line by line over what is there.
    Result<bool> compose(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Logo* logo);
    bool composed() const { return static_cast<bool>(picture_); }
    // Frees the composed picture once the screen shows it and nothing moves
    // (the screen keeps its own pixels): a slide that stands holds only its
    // layout. Released, it is built and composed again for a whole frame.
    void release_picture()
    {
        picture_.reset();
        released_ = true;
        texture_bytes_ = 0;
    }
    bool released() const { return released_; }
    // The statement's picture was read and is part of the slide.
    bool shows_photo() const { return photo_shown_; }

    // Draws the slide with the given opacity (0..255), moved shift_x logical
    // pixels to the right (for the slide transition); progress 0..1 fills the
    // progress track from its start (the right on a right-to-left slide).
    // Composed, it is one copy and covers the whole screen.
    void draw(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
              double progress, int shift_x = 0) const;

    // A step of a crossfade onto what the screen already shows: these panel
    // areas of the composed picture blended over it with this opacity.
    void blend_areas(SDL_Renderer* renderer, const std::vector<Rect>& areas, Uint8 alpha) const;

    // Only the progress track, drawn opaque over what is there: while a slide
    // stands, the step of its progress bar is all that changes.
    void draw_progress(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, double progress) const;

    // Panel areas where this slide is not plain background: its lines,
    // blocks, QR code and logo.
    std::vector<Rect> ink(const ScreenTransform& transform) const;

    const SlideLayout& layout() const { return layout_; }

    // Replaces the text of the lines with this role (the tally's number while
    // it counts up): only that line is rasterised again and, composed, drawn
    // into the picture. Returns the bytes of texture uploaded, 0 when the text
    // was already shown (for --stats), and the panel area that changed.
    struct Retexted {
        std::size_t bytes = 0;
        std::optional<Rect> area;
    };
    Retexted retext(SDL_Renderer* renderer, FontSet& fonts, const std::string& role, const std::string& text);
    // The textures it holds: its lines' until composed, then the picture's.
    std::size_t texture_bytes() const { return texture_bytes_; }
    // The bytes of text rasterised for it so far, whether kept or drawn and freed (for --stats).
    std::size_t rasterised_bytes() const { return rasterised_bytes_; }

private:
    struct Piece {
        sdl::Texture texture;
        sdl::Texture colour;  // glyphs in colours of their own (emoji), drawn over the text untinted
        Rect box;
        Paint paint;
        std::string role;
    };
    bool build_qr(SDL_Renderer* renderer);
    Result<bool> build_extras(SDL_Renderer* renderer);
    // One line, rendered white: its texture (and its colour glyphs') and place.
    Result<Piece> rasterise(SDL_Renderer* renderer, FontSet& fonts, const TextLine& line);
    Result<bool> rasterise_all(SDL_Renderer* renderer, FontSet& fonts);
    void draw_pieces(SDL_Renderer* renderer, const Theme& theme, const ScreenTransform& transform, Uint8 alpha,
                     int shift_x) const;
    void draw_piece(SDL_Renderer* renderer, const Piece& piece, const Theme& theme, const ScreenTransform& transform,
                    Uint8 alpha, int shift_x) const;

    SlideLayout layout_;
    std::vector<Piece> pieces_;   // until composed
    sdl::Texture qr_;             // dark modules on white, scaled without smoothing; until composed
    sdl::Texture photo_;          // the statement's picture, when it could be read; until composed
    Size photo_size_;             // its pixels
    bool photo_shown_ = false;
    void draw_photo(SDL_Renderer* renderer, const ScreenTransform& transform, Uint8 alpha, int shift_x) const;
    sdl::Texture picture_;        // the composed slide, panel-sized
    bool released_ = false;       // composed, shown, then freed (release_picture)
    Theme theme_;                 // what it was composed with, for retext
    ScreenTransform transform_;   // likewise
    Rect logo_ink_;               // where the logo was drawn, in logical pixels
    std::size_t texture_bytes_ = 0;
    std::size_t rasterised_bytes_ = 0;
    FontSet* deferred_fonts_ = nullptr;  // Lines::when_composed, until composed
};

}  // namespace placard
