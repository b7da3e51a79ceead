#pragma once
// A feed planned for this screen on the kiosk's loop, a slice at a time,
// between frames and never during a transition, so that a 2,000-item feed
// never holds up events, drawing or the watchdog. What is on screen stays
// until the plan is complete, except that a screen with nothing on it shows
// the first slides at once; the whole plan replaces them at the next slide
// boundary.
#include <memory>
#include <optional>

#include "screen/stats.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/schedule/schedule.h"
#include "core/setup/config.h"
#include "core/text/measure_cache.h"

namespace placard {

class FeedPlanning {
public:
    // A slice ends after the item that passes this much time.
    static constexpr Millis slice{12};

    FeedPlanning(FontMetrics& fonts, const Config& config, bool demo, Rotation& rotation, RunStats& stats)
        : config_(config), demo_(demo), rotation_(rotation), stats_(stats), measure_(fonts) {}

    // Starts planning a feed for a screen of this size. pictures: the feed's
    // pictures that are ready; null keeps the ones known.
    void start(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures, Size screen, const SlideLook& look);
    // The screen changed shape: the feed is planned again, since its pages and
    // sizes change with it.
    void follow_screen(Size screen, const SlideLook& look);

    // Plans items until a slice's time is used. Returns whether the rotation
    // was given slides to show, so that the frame is drawn whole.
    bool plan_some(Millis now);
    bool under_way() const { return planner_.has_value(); }

    // The feed as received, before planning for this screen; null before the first.
    const Feed* received() const { return raw_feed_.get(); }

    // For --stats: the loop waited for events while a feed was being planned,
    // and how far planning had come when the first frame was drawn.
    void count_wait();
    void report_first_frame() const;

private:
    const Config& config_;
    bool demo_ = false;
    Rotation& rotation_;
    RunStats& stats_;
    std::shared_ptr<const Feed> raw_feed_;
    std::shared_ptr<const Pictures> pictures_;  // its pictures that are ready
    Size planned_for_;
    MeasureCache measure_;                  // text widths, while a feed is planned
    std::optional<SlidePlanner> planner_;   // the feed being planned while the last one shows
    std::optional<LayoutFit> fit_;          // what it is planned for: this screen, measured by measure_
    RunStats::Plan plan_stats_;             // the feed being planned, so far
    bool provisional_ = false;              // on screen: the first slides of the feed being planned
};

}  // namespace placard
