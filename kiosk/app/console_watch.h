#pragma once
// The Linux console the kiosk runs on, watched (core/setup/console.h). Through
// KMSDRM the kiosk keeps the screen whatever VT the kernel shows, so when an
// organiser switches to a login prompt (Ctrl+Alt+F2) the loop ends cleanly and
// gives the screen back (systemd starts it again), and a kiosk started while
// another VT is shown waits for its own before opening the display. On a
// desktop, over ssh, or where /sys/class/tty/tty0/active cannot be read, it
// watches nothing.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/watchdog.h"
#include "core/schedule/schedule.h"
#include "core/setup/console.h"

namespace placard {

class ConsoleWatch {
public:
    static constexpr Millis every{500};  // how often the active VT is read
    static constexpr const char* active_file = "/sys/class/tty/tty0/active";

    // Watches nothing.
    ConsoleWatch() = default;
    // Watches own_tty's VT through active_path, when own_tty is a VT and
    // active_path names one now; otherwise watches nothing.
    ConsoleWatch(std::string own_tty, std::string active_path);

    // The kiosk's own: its stdin's terminal and active_file, on the KMSDRM
    // driver only (a desktop handles its VTs itself).
    static ConsoleWatch of_kiosk(std::string_view video_driver);

    bool on() const { return on_; }
    const std::string& active_path() const { return active_path_; }

    // The console as it is now: unknown when there is no VT of our own, or the
    // active file is unreadable.
    Console read() const;

    // Another VT shown, read when `every` has passed since the last read at
    // now (the monotonic clock); nothing otherwise.
    std::optional<Console> moved_away(Millis now);

    // Asks the kernel to show VT n (VT_ACTIVATE on the kiosk's own terminal),
    // as Ctrl+Alt+Fn would: SDL's KMSDRM driver turns the console's keyboard
    // off while it runs (so that keys typed do not reach the console), which
    // also stops the kernel from seeing Ctrl+Alt+Fn, so the kiosk passes them
    // on. False when watching nothing or the kernel refused.
    bool show(int n) const;

    // When the next read is due, for the loop to wake; nothing when off.
    std::optional<Millis> next_read() const;

private:
    bool on_ = false;
    std::string own_tty_;
    std::string active_path_;
    std::optional<Millis> last_read_;
};

// Before the display is opened: while another VT is shown, waits, reading the
// active VT every half second, with systemd told that it is up and waiting
// (READY=1, STATUS=) and its watchdog pinged. Returns true when the kiosk's own
// VT is shown (at once when it is, or when watching nothing), false when stop()
// says to end (SIGTERM, SIGINT).
bool wait_for_own_console(const ConsoleWatch& watch, Watchdog& watchdog, const std::function<bool()>& stop);

}  // namespace placard
