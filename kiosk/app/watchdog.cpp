#include "app/watchdog.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

#ifdef PLACARD_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace placard {

namespace {

#ifdef PLACARD_HAVE_SYSTEMD
std::optional<std::uint64_t> watchdog_usec()
{
    std::uint64_t usec = 0;
    // > 0 only when WATCHDOG_USEC is set for this very process (WATCHDOG_PID).
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) return usec;
    return std::nullopt;
}
void notify(const std::string& state) { sd_notify(0, state.c_str()); }
#else
std::optional<std::uint64_t> watchdog_usec() { return std::nullopt; }
void notify(const std::string&) {}
#endif

}  // namespace

Watchdog::Watchdog()
{
    if (auto usec = watchdog_usec())
        period_ = std::max(Millis{1}, std::chrono::duration_cast<Millis>(std::chrono::microseconds(*usec / 3)));
}

void Watchdog::ready(const std::string& status)
{
    if (ready_sent_) return;
    notify(status.empty() ? std::string("READY=1") : "READY=1\nSTATUS=" + status);
    ready_sent_ = true;
}

void Watchdog::status(const std::string& text) { notify("STATUS=" + text); }

std::optional<Millis> Watchdog::kick(Millis now)
{
    if (!period_) return std::nullopt;
    if (!last_kick_ || now - *last_kick_ >= *period_) {
        notify("WATCHDOG=1");
        last_kick_ = now;
    }
    return *last_kick_ + *period_;
}

}  // namespace placard
