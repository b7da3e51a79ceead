#pragma once
// The kiosk's loop and the parts it turns, each with one job: the slide show
// (pictures and fades), the status layer (card, banner, diagnostics), the
// planning of feeds, the clock and the fleet link. Only kiosk.cpp includes
// this; everyone else uses app/kiosk.h.
#include <chrono>
#include <optional>

#include "screen/display.h"
#include "screen/drm_cards.h"
#include "screen/tv_control.h"
#include "app/console_watch.h"
#include "app/feed_planning.h"
#include "app/fleet_link.h"
#include "app/kiosk.h"
#include "screen/kiosk_clock.h"
#include "store/poller.h"
#include "screen/stats.h"
#include "app/watchdog.h"
#include "render/fonts.h"
#include "screen/slide_show.h"
#include "screen/status_layer.h"

namespace placard::kiosk_detail {

// One turn of the loop: when it began, the times it runs on, and the slide it shows.
struct Turn {
    std::chrono::steady_clock::time_point began = std::chrono::steady_clock::now();
    double cpu_began = process_cpu_seconds();
    Millis mono{0};  // the monotonic clock
    Millis now{0};   // the rotation's time
    ScreenTransform t;
    std::optional<SlideNow> slide;

    double milliseconds() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    }
    double cpu_seconds() const { return process_cpu_seconds() - cpu_began; }
};

// What the loop remembers from one turn to the next.
struct Frames {
    double started_at = 0;                      // when the process started, for the first frame's time
    bool first = true;                          // the first frame, which ends start-up, is still to be drawn
    std::optional<long long> progress_step;     // the progress bar's step last drawn
    bool faded = false;                         // the last frame was a step of a transition
    std::chrono::steady_clock::time_point busy_since = std::chrono::steady_clock::now();  // when the loop last waited for events
};

class Kiosk {
public:
    Kiosk(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats);

    const std::vector<FetchRecord>* fetches() const { return poller_ ? &last_snapshot_.fetches : nullptr; }

    // The state at the end of the run, for the --stats report.
    void describe_state(RunStats& stats) const;

    // Returns the exit code.
    int run(std::optional<Millis> run_for, double started_at);

private:
    // The steps of one turn of the loop, in order.
    void begin_turn(Turn& turn);
    bool draw_turn(const Turn& turn, Frames& frames);
    bool work_ahead(const Turn& turn, bool busy);
    Millis next_wake(const Turn& turn, bool moving, bool more, std::optional<Millis> run_for);
    bool wait_for_events(Millis wake, Frames& frames);

    ScreenTransform transform() const { return {display_.output_size(), config_.rotation}; }
    Millis frame_interval() const { return Millis{1000 / config_.frame_rate}; }
    FeedView view() const { return {planning_.received(), rotation_.plan(), poller_ ? &last_snapshot_ : nullptr, &rotation_}; }
    // pictures: the feed's pictures that are ready; null keeps the ones known.
    void show_feed(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures);
    void take_new_feed(Millis now);
    void check_clock();
    void handle(const SDL_Event& event, bool& quit);
    void draw(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    void drop_pictures();
    void outputs_changed();

    Display& display_;
    const Config& config_;
    RunStats& stats_;
    Rotation rotation_;
    KioskClock clock_;
    StatusLayer status_;  // before slides_, which lays out its cards
    SlideShow slides_;
    FeedPlanning planning_;
    Watchdog watchdog_;
    ConsoleWatch console_;  // on a console through KMSDRM: another VT shown ends the loop
    std::optional<Poller> poller_;
    PollSnapshot last_snapshot_;
    bool dirty_ = true;  // the next frame is drawn whole
    int exit_code_ = 0;
    TvControl tv_;         // the TV's power over HDMI-CEC, on its own thread
    bool black_ = false;   // the schedule's off hours on a TV not known to be on
    Uint32 outputs_event_ = 0;
    std::optional<OutputWatch> outputs_;  // under kmsdrm: a TV switched off and on
    FleetLink fleet_;  // last, so it stops (and says goodbye) before the rest goes
};

}  // namespace placard::kiosk_detail
