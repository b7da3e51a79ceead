#include "app/console_watch.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <linux/vt.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "store/files.h"

namespace placard {

namespace {

Millis monotonic_now()
{
    return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now().time_since_epoch());
}

// Returns early when a signal arrives, so that SIGTERM is seen at once.
void sleep_for(Millis span)
{
    span = std::max(span, Millis{1});
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(span.count() / 1000);
    ts.tv_nsec = static_cast<long>(span.count() % 1000) * 1000000L;
    ::nanosleep(&ts, nullptr);
}

}  // namespace

ConsoleWatch::ConsoleWatch(std::string own_tty, std::string active_path)
    : own_tty_(std::move(own_tty)), active_path_(std::move(active_path))
{
    on_ = read().owner != ConsoleOwner::unknown;
}

ConsoleWatch ConsoleWatch::of_kiosk(std::string_view video_driver)
{
    if (video_driver != "kmsdrm") return {};
    const char* own = ::ttyname(STDIN_FILENO);
    if (!own) return {};
    return ConsoleWatch(own, active_file);
}

bool ConsoleWatch::show(int n) const
{
    if (!on_ || n < 1) return false;
    // Allowed on the process's own controlling terminal, which the unit's
    // TTYPath= and StandardInput=tty-force make tty1.
    return ::ioctl(STDIN_FILENO, VT_ACTIVATE, n) == 0;
}

Console ConsoleWatch::read() const
{
    if (own_tty_.empty()) return {};
    // A VT's name is a few bytes: anything longer is not one.
    auto text = read_file(active_path_, 64);
    if (!text) return {};
    return judge_console(*text, own_tty_);
}

std::optional<Console> ConsoleWatch::moved_away(Millis now)
{
    if (!on_ || (last_read_ && now - *last_read_ < every)) return std::nullopt;
    last_read_ = now;
    Console console = read();
    if (console.owner != ConsoleOwner::other) return std::nullopt;
    return console;
}

std::optional<Millis> ConsoleWatch::next_read() const
{
    if (!on_) return std::nullopt;
    return last_read_ ? *last_read_ + every : Millis{0};
}

bool wait_for_own_console(const ConsoleWatch& watch, Watchdog& watchdog, const std::function<bool()>& stop)
{
    if (!watch.on()) return true;
    Console console = watch.read();
    if (console.owner != ConsoleOwner::other) return true;
    std::fprintf(stderr, "placard: %s\n", console_waiting_message(console).c_str());
    // systemd would otherwise give up on the start (TimeoutStartSec=) and kill it.
    watchdog.ready(console_waiting_status(console));
    for (;;) {
        if (stop()) {
            std::fprintf(stderr, "placard: stopped while waiting for %s\n", vt_name(console.own).c_str());
            return false;
        }
        const Millis now = monotonic_now();
        Millis nap = ConsoleWatch::every;
        if (auto ping = watchdog.kick(now)) nap = std::min(nap, *ping - now);
        sleep_for(nap);
        Console seen = watch.read();
        if (seen.owner == ConsoleOwner::other) continue;
        if (seen.owner == ConsoleOwner::ours)
            std::fprintf(stderr, "placard: the console is on %s again: taking the screen\n", vt_name(console.own).c_str());
        else
            std::fprintf(stderr, "placard: %s no longer names a VT: taking the screen\n", watch.active_path().c_str());
        watchdog.status("");
        return true;
    }
}

}  // namespace placard
