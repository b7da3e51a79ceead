#pragma once
// The screen's console on Linux: which virtual terminal the kernel shows. On a
// console the kiosk draws through KMS and keeps the screen whatever the kernel
// shows, so when an organiser switches to a login prompt (Ctrl+Alt+F2) the
// kiosk must give the screen back, and must not take it while another VT is
// shown. Pure: the shell reads /sys/class/tty/tty0/active ("tty2\n") and the
// name of the kiosk's own terminal (ttyname of its stdin, "/dev/tty1").
#include <optional>
#include <string>
#include <string_view>

namespace placard {

// The number of a virtual terminal's name: "tty1" is 1, up to "tty63" (the
// kernel's MAX_NR_CONSOLES). Nothing for anything else: "tty0" (the current
// VT, not one of its own), "tty01", "ttyS0", "tty", "/dev/tty1".
std::optional<int> vt_number(std::string_view name);

// A VT's name: "tty2".
std::string vt_name(int n);

// The VT the kiosk runs on, from the path of its terminal: "/dev/tty3" is 3.
// Nothing when it is not a VT (/dev/pts/3 over ssh, /dev/ttyS0, a pipe's
// empty name): then there is no console to watch.
std::optional<int> own_vt(std::string_view tty_path);

enum class ConsoleOwner {
    ours,     // the kiosk's own VT is shown
    other,    // another VT is shown: the screen belongs to it
    unknown,  // not a VT of our own, or the text is not a VT's name: change nothing
};

struct Console {
    ConsoleOwner owner = ConsoleOwner::unknown;
    int active = 0;  // the VT shown, when known
    int own = 0;     // the kiosk's own VT, when it has one
};

// What the active file says, for a kiosk on own_tty. One name and at most one
// line end: anything else (empty, a NUL, several lines, a long text) is unknown.
Console judge_console(std::string_view active_text, std::string_view own_tty);

// The keys that show VT n: "Ctrl+Alt+F2"; beyond F12, the command "chvt 13".
std::string vt_keys(int n);

// The log's line when the kiosk gives the screen back: "the console switched to
// tty2: giving the screen back until Ctrl+Alt+F1".
std::string console_left_message(const Console& console);

// The log's line when the kiosk starts while another VT is shown: "the console
// is on tty2; waiting for tty1 (Ctrl+Alt+F1) before taking the screen".
std::string console_waiting_message(const Console& console);

// systemd's STATUS= line while it waits: "Waiting for tty1 (Ctrl+Alt+F1): the
// console shows tty2".
std::string console_waiting_status(const Console& console);

}  // namespace placard
