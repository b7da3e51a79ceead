#pragma once
// The kiosk's clocks: the monotonic one its loop runs on, and the wall clock,
// which it follows only once it is plausible for the feed. A Raspberry Pi has
// no clock battery and may boot believing it is 1970, then be stepped by NTP.
#include <chrono>
#include <optional>

#include "core/feed/feed.h"
#include "core/schedule/schedule.h"

namespace placard {

class KioskClock {
public:
    // sync: once the wall clock is trusted, the rotation runs on UTC, so that
    // screens with the same feed stay in step.
    explicit KioskClock(bool sync) : sync_(sync) {}

    // Milliseconds since the kiosk started, on the monotonic clock.
    Millis now() const;
    // The rotation's time: the monotonic clock, shifted onto UTC when the wall
    // clock is trustworthy and screens are to stay in step.
    Millis shared_now() const { return now() + offset_; }
    // What shared_now() adds to now().
    Millis offset() const { return offset_; }
    bool wall_trusted() const { return wall_trusted_; }

    // Judges the wall clock against the feed. Returns whether the rotation's
    // clock changed: the wall clock was first trusted, or it was stepped, not
    // every millisecond of jitter between the two clocks.
    bool judge(const Feed& feed);

    // For Rotation::use_clock: whether the rotation runs on UTC, and what
    // turns its time into UTC (nothing while the wall clock is not trusted).
    bool on_utc() const { return wall_trusted_ && sync_; }
    std::optional<Millis> to_utc() const
    {
        return wall_trusted_ ? std::optional<Millis>(wall_offset_ - offset_) : std::nullopt;
    }

private:
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
    bool sync_ = true;
    Millis offset_{0};       // added to now() for the rotation's time
    Millis wall_offset_{0};  // added to now() for UTC
    bool wall_trusted_ = false;
};

}  // namespace placard
