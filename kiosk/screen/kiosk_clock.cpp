#include "screen/kiosk_clock.h"

namespace placard {

Millis KioskClock::now() const
{
    return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - epoch_);
}

bool KioskClock::judge(const Feed& feed)
{
    using namespace std::chrono;
    std::int64_t wall_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    bool trusted = clock_is_plausible(wall_ms / 1000, feed);
    // sync only decides whether the rotation runs on UTC (screens in step); a
    // trusted wall clock decides validity windows either way.
    Millis wall_offset = Millis(wall_ms) - now();
    if (trusted == wall_trusted_ && std::chrono::abs(wall_offset - wall_offset_) < Millis{1000}) return false;
    wall_trusted_ = trusted;
    wall_offset_ = wall_offset;
    offset_ = trusted && sync_ ? wall_offset : Millis{0};
    return true;
}

}  // namespace placard
