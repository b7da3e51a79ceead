#pragma once
// The slides on screen: what is rasterised when (the slide due now, the next
// one prepared while the screen is idle, a tally's number counting up) and how
// a frame of them is drawn. A slide composed into one picture is one copy; a
// crossfade on a screen that keeps its pixels is one blend a frame of the new
// slide, only where the two slides differ; a counting number is its own area.
#include <optional>
#include <string>
#include <vector>

#include "screen/display.h"
#include "screen/kiosk_clock.h"
#include "screen/stats.h"
#include "core/layout/bands.h"
#include "core/layout/theme.h"
#include "core/schedule/schedule.h"
#include "render/logo.h"
#include "render/painter.h"
#include "screen/status_layer.h"

namespace placard {

class SlideShow {
public:
    static constexpr Millis progress_step{1000};  // the progress bar moves once a second, so idle stays idle
    static constexpr Millis count_up_time{1200};  // a tally's number counts up as it appears

    // Loads the theme and the logo the config names. The status layer's cards
    // take a slide's place, and its banner and overlay lie over the slides.
    SlideShow(Display& display, FontSet& fonts, const Config& config, bool demo, RunStats& stats, const Rotation& rotation,
              StatusLayer& status, const KioskClock& clock);

    const Theme& theme() const { return theme_; }
    SlideLook look() const { return {config_.qr_codes, config_.margin_percent, logo_ ? logo_->aspect() : 0}; }

    // The picture of the slide due now (or, with none, the status or event
    // card), rasterised when it changed and, when it replaces one on the same
    // screen, faded in.
    struct Shown {
        bool rasterised = false;  // a costly step was taken
        bool redraw = false;      // the frame is drawn whole: the same slide, drawn again for its new counter
    };
    Shown show(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    // The next slide, rasterised ahead while the screen is idle, in the last
    // seconds before it is due (not earlier: its lines would be held for the
    // whole of this slide); returns whether it was (a costly step).
    static constexpr Millis upcoming_lead{3000};
    bool prepare_upcoming(const ScreenTransform& t, Millis now);

    bool fading(const std::optional<SlideNow>& slide) const
    {
        return slide && slide->fade < 1.0 && config_.transition != Transition::none;
    }
    // Sets a tally's number for this moment; returns whether it is still counting.
    bool count_up(const std::optional<SlideNow>& slide);
    // Nothing moves: the old slide's textures go and, where the screen keeps
    // its pixels, the composed picture of the one standing too, once it has
    // been drawn whole (not with the slide transition, which moves it out
    // whole); a later whole frame composes it again. With fonts_too, the
    // fonts' open sizes close as well.
    void rest(bool fonts_too);

    // Frames drawn in part, where the screen keeps its pixels: the counting
    // number's area, the progress bar's step, a step of a crossfade.
    bool can_draw_count() const { return count_area_ && current_ && current_->composed() && display_.presents_areas(); }
    void draw_count(const ScreenTransform& t);
    bool can_draw_progress() const { return current_ && display_.presents_areas(); }
    void draw_progress(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    // Returns whether it drew and sent the step; if not, the frame is drawn whole.
    bool draw_fade_step(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    // A whole frame: the slides and the status layer's pictures over them, not yet presented.
    void draw(const std::optional<SlideNow>& slide, const ScreenTransform& t);

    // The renderer's textures are gone: every picture is built again.
    void drop_pictures();

private:
    // What identifies the picture of one slide: rebuilt only when this changes.
    struct Key {
        const Plan* plan = nullptr;
        std::size_t item = 0;
        std::size_t position = 0;
        Size screen;
        std::string status;  // the status card's text, when there is no slide
        std::string id;      // the item's id: not compared, since a feed planned further keeps its slides
        bool operator==(const Key& o) const
        {
            return plan == o.plan && item == o.item && position == o.position && screen.width == o.screen.width
                   && screen.height == o.screen.height && status == o.status;
        }
    };
    std::optional<SlidePicture> build_picture(const std::optional<SlideNow>& slide, Size screen, SlidePicture::Lines lines);
    void compose(SlidePicture& picture, const ScreenTransform& t);  // counted in --stats
    void start_fade(const ScreenTransform& t);
    void draw_area(const Rect& area, const ScreenTransform& t);
    static double progress_at(const std::optional<SlideNow>& slide);

    Display& display_;
    FontSet& fonts_;
    const Config& config_;
    bool demo_ = false;
    RunStats& stats_;
    const Rotation& rotation_;
    StatusLayer& status_;
    const KioskClock& clock_;
    Theme theme_;
    std::optional<Logo> logo_;
    std::optional<Key> current_key_;
    std::optional<SlidePicture> current_;
    bool drawn_whole_ = false;                  // current_ has been drawn whole since it went up
    void recompose(const ScreenTransform& t);
    std::optional<SlidePicture> outgoing_;      // kept for the slide transition, and where frames are drawn whole
    // A crossfade on a screen that keeps what was drawn (the software
    // renderer): each frame blends the new slide over the screen once, in the
    // areas where the two slides differ (core/bands.h).
    std::optional<FadeSteps> blended_;
    std::vector<Rect> fade_bands_;
    std::vector<Rect> screen_ink_;              // panel areas where the screen may show anything but background
    std::optional<Rect> count_area_;            // where the tally's number last changed
    std::optional<Key> upcoming_key_;           // the next slide, rasterised ahead while idle
    std::optional<SlidePicture> upcoming_;
};

}  // namespace placard
