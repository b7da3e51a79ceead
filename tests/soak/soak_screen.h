#pragma once
// The kiosk's pictures, drawn offscreen for the soak run: a slide is laid out
// and built into textures once, while the slide before it stands, the slide
// before is kept only until the crossfade ends, a tally's number is rasterised
// again while it counts up, and the offline banner is rebuilt only when its
// words change, as the kiosk (kiosk/screen/) does. Drawn with SDL's software renderer into a surface
// (as kiosk/render/png.cpp does), so no display is needed.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/layout/bands.h"
#include "core/result.h"
#include "core/schedule/schedule.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/painter.h"
#include "render/sdl.h"

namespace placard::soak {

class SoakScreen {
public:
    static Result<std::unique_ptr<SoakScreen>> open(Size size, FontSet& fonts);

    // Brings the pictures up to date with the rotation at this moment, draws
    // a frame when the picture changed, fades or counts, and once it stands
    // still builds the upcoming slide.
    Result<bool> update(const Plan* plan, const std::optional<SlideNow>& slide, const std::optional<SlideNow>& upcoming);
    Result<bool> set_banner(const std::string& text);

    // Frees every texture and sets SDL_ttf's glyph caches to one known state
    // (a short line in every script at one size), so that what SDL holds
    // afterwards can be compared from hour to hour.
    void drop_pictures();

    std::size_t slides_built() const { return slides_built_; }
    std::size_t frames() const { return frames_; }
    std::size_t retexts() const { return retexts_; }
    bool banner_shown() const { return banner_.has_value(); }
    // The textures held now, in bytes: the current slide, the one fading out, the next one, the banner.
    std::size_t held_texture_bytes() const;

private:
    SoakScreen(Size size, FontSet& fonts) : size_(size), fonts_(fonts) {}
    void draw(double fade);
    Result<SlidePicture> build(const Plan* plan, const std::optional<SlideNow>& slide,
                               SlidePicture::Lines lines = SlidePicture::Lines::now);

    struct Key {
        const Plan* plan = nullptr;
        std::size_t item = 0;
        std::size_t position = 0;
        bool operator==(const Key&) const = default;
    };

    Size size_;
    FontSet& fonts_;
    Theme theme_ = dark_theme();
    sdl::Surface surface_;
    sdl::Renderer renderer_;
    std::optional<Key> key_;
    std::optional<SlidePicture> current_;
    std::vector<Rect> bands_;               // where the crossfade blends (core/bands.h)
    std::optional<FadeSteps> steps_;
    std::optional<Key> upcoming_key_;
    std::optional<SlidePicture> upcoming_;
    std::optional<SlidePicture> banner_;
    std::string banner_text_;
    std::size_t slides_built_ = 0;
    std::size_t frames_ = 0;
    std::size_t retexts_ = 0;
};

}  // namespace placard::soak
