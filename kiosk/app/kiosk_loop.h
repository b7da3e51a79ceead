#pragma once
// The kiosk's state and loop, shared by the files that implement it: kiosk.cpp
// (the loop, input and feeds) and kiosk_pictures.cpp (what is rasterised when).
// Only those include this; everyone else uses app/kiosk.h.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include "app/display.h"
#include "app/fleet.h"
#include "app/feed_keeper.h"
#include "app/poller.h"
#include "app/stats.h"
#include "app/watchdog.h"
#include "core/layout/bands.h"
#include "core/text/measure_cache.h"
#include "core/fetch/poll_policy.h"
#include "core/schedule/schedule.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/setup/status.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/logo.h"
#include "render/painter.h"
#include "render/sdl.h"
#include "app/kiosk.h"

namespace placard::kiosk_detail {

constexpr Millis progress_step{1000};         // the progress bar moves once a second, so idle stays idle
constexpr Millis count_up_time{1200};         // a tally's number counts up as it appears
// Planning a feed runs on the loop a slice at a time, between frames and never
// during a transition, so a 2,000-item feed never holds up events, drawing or
// the watchdog. A slice ends after the item that passes this much time.
constexpr Millis planning_slice{12};

// What identifies the picture of one slide: rebuilt only when this changes.
struct SlideKey {
    const Plan* plan = nullptr;
    std::size_t item = 0;
    std::size_t position = 0;
    Size screen;
    std::string status;  // the status card's text, when there is no slide
    std::string id;      // the item's id: not compared, since a feed planned further keeps its slides
    bool operator==(const SlideKey& o) const
    {
        return plan == o.plan && item == o.item && position == o.position && screen.width == o.screen.width
               && screen.height == o.screen.height && status == o.status;
    }
};

class Kiosk {
public:
    Kiosk(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats)
        : display_(display), fonts_(fonts), config_(config), source_(source), stats_(stats)
    {
        if (auto theme = make_theme(config.theme, config.accent)) theme_ = *theme;  // checked when the config was read
        if (!config.logo.empty()) {
            // A missing logo is the organiser's to fix, but no reason to leave the screen dark.
            auto logo = Logo::load(config.logo);
            if (logo) logo_ = std::move(*logo);
            else std::fprintf(stderr, "placard: warning: %s\n", logo.error().message.c_str());
        }
        // The cached or fixed feed is on screen in the first frame, before any network attempt.
        if (source.feed) show_feed(source.feed, nullptr);
        else if (source.remote && source.remote->feed()) show_feed(source.remote->feed(), source.remote->pictures());
        // The clock is judged first, so that items out of their window never
        // reach the first slide.
        check_clock();
        // Its first slides are planned before the poller starts, so a fetch can
        // never overtake the cache to the first frame.
        if (planner_) plan_some(shared_now());
        if (source.remote) {
            wake_event_ = SDL_RegisterEvents(1);
            poller_.emplace(*source.remote, config.poll_seconds, [type = wake_event_] {
                SDL_Event e{};
                e.type = type;
                SDL_PushEvent(&e);  // thread-safe: wakes the render loop
            });
        }
        start_fleet();
    }

    const std::vector<FetchRecord>* fetches() const { return poller_ ? &last_snapshot_.fetches : nullptr; }

    // The state at the end of the run, for the --stats report.
    void describe_state(RunStats& stats) const
    {
        stats.note("state_showing", describe_showing(rotation_.plan() ? rotation_.plan()->feed.get() : nullptr));
        stats.note("state_banner", banner_text_);
        stats.note("state_card", status_text_);
        stats.note("state_overlay", overlay_text_);
        if (poller_ && last_snapshot_.last_success)
            stats.note("state_last_success_unix", std::to_string(*last_snapshot_.last_success));
        if (poller_ && last_snapshot_.offline_since)
            stats.note("state_offline_since_unix", std::to_string(*last_snapshot_.offline_since));
    }

    // Returns the exit code.
    int run(std::optional<Millis> run_for, double started_at);

private:
    Millis now() const
    {
        return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - epoch_);
    }
    // The rotation's time: the monotonic clock, shifted onto UTC when the wall
    // clock is trustworthy so that screens with the same feed stay in step.
    Millis shared_now() const { return now() + clock_offset_; }
    void check_clock();
    ScreenTransform transform() const { return {display_.output_size(), config_.rotation}; }
    void handle(const SDL_Event& event, bool& quit);
    void drop_pictures();
    // Both return whether they rasterised a slide.
    bool refresh_pictures(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    std::optional<SlidePicture> build_picture(const std::optional<SlideNow>& slide, Size screen);
    bool prepare_upcoming(const ScreenTransform& t);
    // A whole frame, sent whole; a step of a crossfade, sent as the areas it
    // changed; or one area of the slide on screen (a counting number).
    void draw(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    bool draw_fade_step(double fade, const ScreenTransform& t);
    void draw_area(const Rect& area, const ScreenTransform& t);
    void start_fade(const ScreenTransform& t);
    Millis frame_interval() const { return Millis{1000 / config_.frame_rate}; }
    static double progress_at(const std::optional<SlideNow>& slide);
    void take_new_feed();
    bool count_up(const std::optional<SlideNow>& slide);
    // pictures: the feed's pictures that are ready; null keeps the ones known.
    void show_feed(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures);
    bool plan_some(Millis now);
    void refresh_banner(const ScreenTransform& t);
    // The fleet (kiosk_fleet.cpp): reporting to the status broker, and its commands.
    void start_fleet();
    ScreenStatus screen_status(const std::optional<SlideNow>& slide) const;
    void fleet_turn(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    void fleet_draw(SDL_Renderer* renderer, const ScreenTransform& t);
    std::optional<Millis> fleet_wake() const;
    SlideLook look() const { return {config_.qr_codes, config_.margin_percent, logo_ ? logo_->aspect() : 0}; }
    // The organiser's screens, in kiosk_status.cpp.
    const DeviceFacts& facts();
    std::optional<LastAttempt> last_attempt() const;
    void refresh_status();
    std::optional<SlideLayout> status_layout(const Item* item, const SlideContext& context);
    std::string banner_cause();
    void toggle_diagnostics();
    void refresh_overlay(const ScreenTransform& t);
    void page_down_held(const SDL_KeyboardEvent& key);

    Display& display_;
    FontSet& fonts_;
    const Config& config_;
    const FeedSource& source_;
    RunStats& stats_;
    Theme theme_;
    std::optional<Logo> logo_;
    Rotation rotation_;
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
    Millis clock_offset_{0};                // added to now() for the rotation's time
    Millis wall_offset_{0};                 // added to now() for UTC
    bool wall_trusted_ = false;
    std::optional<SlideKey> current_key_;
    std::optional<SlidePicture> current_;
    std::optional<SlidePicture> outgoing_;      // kept for the slide transition, and where frames are drawn whole
    // A crossfade on a screen that keeps what was drawn (the software
    // renderer): each frame blends the new slide over the screen once, in the
    // areas where the two slides differ (core/bands.h).
    std::optional<FadeSteps> blended_;
    std::vector<Rect> fade_bands_;
    std::vector<Rect> screen_ink_;              // panel areas where the screen may show anything but background
    std::optional<Rect> count_area_;            // where the tally's number last changed
    std::optional<SlideKey> upcoming_key_;      // the next slide, rasterised ahead while idle
    std::optional<SlidePicture> upcoming_;
    bool dirty_ = true;
    int exit_code_ = 0;
    Watchdog watchdog_;
    Uint32 wake_event_ = 0;
    std::optional<Poller> poller_;
    std::shared_ptr<const Feed> raw_feed_;  // as received, before planning for this screen
    std::shared_ptr<const Pictures> pictures_;  // its pictures that are ready
    Size planned_for_;
    MeasureCache measure_{fonts_};          // text widths, kept from one feed to the next
    std::optional<SlidePlanner> planner_;   // the feed being planned while the last one shows
    std::optional<LayoutFit> fit_;          // what it is planned for: this screen, measured by measure_
    RunStats::Plan plan_stats_;             // the feed being planned, so far
    bool provisional_ = false;              // on screen: the first slides of the feed being planned
    PollSnapshot last_snapshot_;
    std::string banner_text_;
    std::optional<SlidePicture> banner_;
    Size banner_screen_;
    DeviceFacts facts_;
    std::optional<Millis> facts_at_;              // when facts_ were gathered
    std::optional<StatusCard> status_card_;       // shown while there is no feed to show
    std::string status_text_;
    bool diagnostics_shown_ = false;
    std::string overlay_text_;
    std::optional<SlidePicture> overlay_;
    LongPress page_down_;                         // held, it opens the diagnostics
    std::unique_ptr<Fleet> fleet_;  // last, so it stops (and says goodbye) before the rest goes
};

}  // namespace placard::kiosk_detail
