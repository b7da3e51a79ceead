#pragma once
// What is on screen when: the rotation of a feed's items, driven entirely by the
// time values passed in (the core never reads a clock).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/feed/feed.h"
#include "core/plan/plan.h"

namespace placard {

using Millis = std::chrono::milliseconds;

struct ReadingPace {
    static constexpr int words_per_minute = 130;  // read from a distance, often while walking
    static constexpr int cjk_chars_per_minute = 260;
    static constexpr Millis lead_in{3000};        // to notice the change and find the start
    static constexpr Millis floor{8000};
    static constexpr Millis ceiling{45000};
};

// How long an item stays on screen: duration_seconds when the feed sets it,
// otherwise the time to read it at a pace suited to a room, within bounds.
Millis reading_time(const Item& item);
// A planned slide: its item with the text this page shows.
Millis reading_time(const PlannedSlide& slide);
Millis reading_time(const Item& item, std::string_view text);

// The order slides are shown in, as indexes into plan.slides. Urgent items, when
// there are any, are all that is shown; pinned items come back every other slide.
// With a trustworthy wall clock (Unix seconds), items outside their
// starts_at..expires_at window are left out; without one, windows are ignored
// so a board that boots in 1970 still shows its feed. With only, items whose
// id is not in it are left out, before urgent and pinned items are chosen.
using ItemIds = std::unordered_set<std::string>;
std::vector<std::size_t> rotation_order(const Plan& plan, std::optional<std::int64_t> wall_seconds = std::nullopt,
                                        const ItemIds* only = nullptr);

// Whether an item is inside its starts_at..expires_at window at this wall time.
bool in_window(const Item& item, std::int64_t wall_seconds);

// One line per item outside its window at this wall time, for --check:
// "room-change: expired at 2027-01-01T10:00:00Z, not shown".
std::vector<std::string> describe_out_of_window(const Feed& feed, std::int64_t wall_seconds);

// Whether a wall clock reading can be trusted for validity windows: not before
// this build's era and not before the feed says it was generated. A Raspberry
// Pi has no clock battery and may boot believing it is 1970 or last month.
bool clock_is_plausible(std::int64_t wall_seconds, const Feed& feed);

struct SlideNow {
    std::size_t item = 0;                     // index into plan()->slides
    Millis elapsed{0};                        // since this slide started
    Millis duration{0};
    double fade = 1.0;                        // 0 = the slide before is fully shown, 1 = transition done
    std::size_t position = 0;                 // place in the rotation, for "3 / 10"
    std::size_t count = 0;
};

class Rotation {
public:
    static constexpr Millis fade_time{700};

    // Shows a feed planned for this screen. The first one starts at once; later
    // ones take effect at the next slide boundary so no one loses the sentence
    // they are reading, except that a new urgent item interrupts immediately.
    void set_plan(std::shared_ptr<const Plan> plan, Millis now);

    // A new feed is being planned while this plan shows: the slide on screen
    // stays past its time until the new plan comes (set_plan), which then
    // follows it at once, or for at most plan_wait. The next slide of the old
    // plan would otherwise be rasterised (a picture the size of the screen)
    // beside both feeds, the old plan and the new one being made: the
    // largest feed's peak. A feed planned in milliseconds is never seen to
    // wait; screens in step on a shared clock do not wait.
    static constexpr Millis plan_wait{30000};
    void await_plan(Millis now);
    bool awaiting_plan() const { return awaited_until_.has_value(); }

    // The plan on screen with more of its feed planned: its slides are the
    // ones shown so far, followed by more. The slide on screen stays, with its
    // timing; the rotation goes on through the fuller plan.
    void extend_plan(std::shared_ptr<const Plan> plan, Millis now);

    // The ids of the newest feed accepted, before it is planned: a slide of
    // an item that is not among them (taken out of the feed, or withdrawn)
    // leaves the screen now, not at the end of its time, for the slide after
    // it; and no plan of an older feed shows it again.
    void keep_only(std::shared_ptr<const ItemIds> ids, Millis now);
    const ItemIds* only() const { return only_.get(); }
    // The ids of the items this screen has to show (the plan's, less those
    // keep_only left out), sorted, each once.
    std::vector<std::string> item_ids() const;
    // Counts the changes of plan and of keep_only's ids: item_ids() changes only with it.
    std::uint64_t changes() const { return changes_; }

    static constexpr Millis rejoin_after{60000};

    // Screens in step: with a shared clock, now is milliseconds since the Unix
    // epoch and the rotation is anchored to it, so two screens with the same
    // feed and synchronised clocks show the same slide at the same moment,
    // without talking to each other. Without one, the rotation starts where the
    // screen started.
    // wall_offset, given when the wall clock is trusted, turns now into Unix
    // milliseconds (0 when shared): validity windows apply then, in step or
    // not, because an expired notice is expired on every screen.
    void use_clock(bool shared, std::optional<Millis> wall_offset);

    // The slide at time now.
    std::optional<SlideNow> at(Millis now);

    void next(Millis now);
    void previous(Millis now);
    void toggle_pause(Millis now);
    bool paused() const { return paused_; }

    // When the picture next changes by itself: the end of a fade or of a slide.
    std::optional<Millis> next_change(Millis now) const;

    const Plan* plan() const { return plan_.get(); }

    // The slide due after the current one, if nothing changes before then: the
    // kiosk prepares its picture while the screen is idle.
    std::optional<SlideNow> upcoming() const;

private:
    void apply_pending(Millis now, const std::string& resume_at_id);
    void advance(Millis slide_start, std::ptrdiff_t step);
    void follow_shared_clock(Millis now);
    void enter_manual(Millis now);
    void refresh_order(Millis now);
    Millis duration_of(std::size_t position) const;
    std::vector<std::size_t> order_of(const Plan& plan, Millis now) const
    {
        return rotation_order(plan, wall_seconds(now), only_.get());
    }

    std::shared_ptr<const Plan> plan_;
    std::shared_ptr<const Plan> pending_;
    std::optional<Millis> awaited_until_;  // see await_plan
    bool holding(Millis now);
    void end_wait(Millis now);  // a plan came: a slide held for it goes on now
    std::shared_ptr<const ItemIds> only_;
    std::uint64_t changes_ = 0;
    std::vector<std::size_t> order_;
    std::size_t position_ = 0;
    Millis slide_start_{0};
    bool paused_ = false;
    Millis paused_at_{0};
    std::optional<std::int64_t> wall_seconds(Millis now) const;

    bool shared_ = false;
    std::optional<Millis> wall_offset_;
    bool fade_in_ = true;           // false while one slide follows itself (a lone item): it stays still
    bool manual_ = false;           // a person is navigating: the shared rotation waits
    Millis last_input_{0};
};

}  // namespace placard
