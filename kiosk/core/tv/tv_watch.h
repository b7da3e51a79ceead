#pragma once
// The TV's power over CEC, decided: what to send it and when, from the
// schedule, the fleet's tv-on and tv-off, and what the TV says of itself.
// Pure: the shell (screen/tv_control) passes in the time, the adapter's
// state and the bytes that arrive, and sends what step() returns.
//
//  - At start, and whenever the schedule changes its mind, the TV is told
//    the state it says: "on" is Image View On then Active Source (some TVs
//    wake on one, some on the other), "off" is Standby.
//  - tv-on and tv-off from the fleet hold until the schedule next changes.
//  - The TV is asked its power status once a minute, and every 2 s while it
//    is on its way or just after an order. A TV that still reports the other
//    state 10 s after an order is told again, twice at most.
//  - Two asks in a row without an answer: its power is unknown, and silent()
//    says so (the shell logs it once).
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/tv/cec_message.h"
#include "core/tv/tv_schedule.h"

namespace placard {

class TvWatch {
public:
    using Millis = std::int64_t;  // Unix milliseconds

    static constexpr Millis ask_every = 60'000;
    static constexpr Millis ask_soon = 2'000;       // while on its way, and after an order
    static constexpr Millis watch_order = 30'000;   // how long after an order asks are frequent
    static constexpr Millis order_again = 10'000;   // a TV still in the other state is told again
    static constexpr int max_orders_again = 2;
    static constexpr Millis answer_time = 5'000;    // an ask without a word back by then is unanswered

    explicit TvWatch(TvSchedule schedule = {}) : schedule_(std::move(schedule)) {}

    // The adapter has its logical address (and the screen its physical
    // address): the state wanted is ordered (again: the TV may have been
    // unplugged meanwhile).
    void adapter_ready(std::uint8_t logical, std::uint16_t physical);
    // The adapter lost its addresses (the HDMI cable out): nothing is sent.
    void adapter_lost();
    bool ready() const { return ready_; }

    // The fleet's tv-on (true) or tv-off: sent at the next step, held until
    // the schedule next changes its mind.
    void command(bool on, Millis now);

    // What to send now, in order. Call again at next_step() or when something
    // happens.
    std::vector<CecBytes> step(Millis now);
    Millis next_step(Millis now) const;

    // A message from the bus (as the kernel gives it, any bytes at all).
    // Returns whether the TV's reported power changed.
    bool heard(std::span<const std::uint8_t> bytes, Millis now);
    // The power status asked for did not come: not acknowledged, timed out,
    // or refused with Feature Abort.
    void unanswered(Millis now);

    TvPower power() const { return power_; }
    // The state wanted now: the fleet's word, else the schedule's; nothing
    // without either.
    std::optional<bool> wanted(Millis now) const;
    // The last two asks went unanswered.
    bool silent() const { return misses_ >= 2; }
    // Off hours on a TV not known to be on (unknown, standby, on its way):
    // the kiosk draws black, so no slide burns in on a TV that ignores CEC.
    bool show_black(Millis now) const;

private:
    TvSchedule schedule_;
    bool ready_ = false;
    std::uint8_t logical_ = 0;
    std::uint16_t physical_ = no_physical_address;
    struct Override {
        bool on = true;
        std::optional<Millis> until;
    };
    std::optional<Override> override_;
    std::optional<bool> ordered_;   // the last state sent
    bool order_now_ = false;        // send it even if it is the last one sent
    Millis ordered_at_ = 0;
    int orders_again_ = 0;
    TvPower power_ = TvPower::unknown;
    std::optional<Millis> asked_at_;  // an ask awaiting its answer
    Millis next_ask_ = 0;
    int misses_ = 0;
};

}  // namespace placard
