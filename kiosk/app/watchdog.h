#pragma once
// Tells systemd that the kiosk is up (READY=1, after the first frame) and that
// its render loop still turns (WATCHDOG=1), so that a hung loop is killed and
// restarted (placard.service: Type=notify, WatchdogSec=). Outside systemd, or
// in a build without libsystemd, every call does nothing.
#include <optional>
#include <string>

#include "core/schedule/schedule.h"

namespace placard {

class Watchdog {
public:
    // Reads the interval systemd asks for (WatchdogSec=, via sd_watchdog_enabled).
    Watchdog();

    // READY=1, the first time only; with a STATUS= line when one is given.
    void ready(const std::string& status = "");

    // STATUS=: the line systemctl status shows for the unit; empty clears it.
    void status(const std::string& text);

    // WATCHDOG=1 when one is due at `now` (on the loop's clock). Returns when the
    // next one is due, so the loop wakes for it; nothing without a watchdog.
    std::optional<Millis> kick(Millis now);

private:
    std::optional<Millis> period_;  // a third of WatchdogSec: a slow frame still leaves a ping to spare
    std::optional<Millis> last_kick_;
    bool ready_sent_ = false;
};

}  // namespace placard
