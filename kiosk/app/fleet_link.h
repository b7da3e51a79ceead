#pragma once
// The kiosk's side of the fleet (app/fleet.h): what it reports, and what it
// does for refresh, screenshot, identify, tv-on and tv-off. Called from the loop in three
// places: turn once a turn, draw before a full frame is presented, wake for
// when the loop must look again. Without a broker in the config it does nothing.
#include <memory>
#include <optional>
#include <string>

#include "screen/display.h"
#include "app/fleet.h"
#include "app/kiosk.h"
#include "screen/kiosk_clock.h"
#include "store/poller.h"
#include "screen/stats.h"
#include "screen/feed_view.h"
#include "screen/tv_control.h"

namespace placard {

class FleetLink {
public:
    FleetLink(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats,
              const KioskClock& clock, TvControl& tv)
        : display_(display), fonts_(fonts), config_(config), source_(source), stats_(stats), clock_(clock), tv_(tv) {}

    // Connects to the broker the config names, if any, on the link's own thread.
    void start();

    // Takes the commands that came in and reports the screen's state. poller:
    // what a refresh polls; null for a fixed feed. Returns whether the frame
    // is drawn whole (for a screenshot, or while the identify card is up).
    bool turn(const std::optional<SlideNow>& slide, const ScreenTransform& t, const FeedView& view, Poller* poller,
              const std::string& banner);
    // Before a full frame is presented: the identify card over it, and the
    // screenshot taken from it.
    void draw(SDL_Renderer* renderer, const ScreenTransform& t, const Theme& theme);
    // When the loop must look again: the next report, the card's end.
    std::optional<Millis> wake() const;
    // The identify card's texture goes, before the renderer does.
    void drop_pictures();

private:
    ScreenStatus screen_status(const std::optional<SlideNow>& slide, const FeedView& view, const std::string& banner) const;

    Display& display_;
    FontSet& fonts_;
    const Config& config_;
    const FeedSource& source_;
    RunStats& stats_;
    const KioskClock& clock_;
    TvControl& tv_;
    std::unique_ptr<Fleet> fleet_;
    struct Showing {
        std::uint64_t changes = 0;  // the rotation's, when worked out
        ScreenStatus status;  // its showing, showing_count and showing_digest
    };
    mutable std::optional<Showing> showing_;
};

}  // namespace placard
