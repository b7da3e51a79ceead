#include "core/setup/console.h"

namespace placard {

namespace {

constexpr int max_vt = 63;  // MAX_NR_CONSOLES

}  // namespace

std::string vt_name(int n) { return "tty" + std::to_string(n); }

std::optional<int> vt_number(std::string_view name)
{
    constexpr std::string_view prefix = "tty";
    if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string_view digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 2 || digits.front() == '0') return std::nullopt;
    int n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    if (n > max_vt) return std::nullopt;
    return n;
}

std::optional<int> own_vt(std::string_view tty_path)
{
    constexpr std::string_view dev = "/dev/";
    if (tty_path.substr(0, dev.size()) != dev) return std::nullopt;
    return vt_number(tty_path.substr(dev.size()));
}

Console judge_console(std::string_view active_text, std::string_view own_tty)
{
    Console c;
    auto own = own_vt(own_tty);
    if (!own) return c;
    c.own = *own;
    if (!active_text.empty() && active_text.back() == '\n') active_text.remove_suffix(1);
    auto active = vt_number(active_text);
    if (!active) return c;
    c.active = *active;
    c.owner = *active == *own ? ConsoleOwner::ours : ConsoleOwner::other;
    return c;
}

std::string vt_keys(int n)
{
    if (n >= 1 && n <= 12) return "Ctrl+Alt+F" + std::to_string(n);
    return "the command chvt " + std::to_string(n);
}

std::string console_left_message(const Console& console)
{
    return "the console switched to " + vt_name(console.active) + ": giving the screen back until "
           + vt_keys(console.own);
}

std::string console_waiting_message(const Console& console)
{
    return "the console is on " + vt_name(console.active) + "; waiting for " + vt_name(console.own) + " ("
           + vt_keys(console.own) + ") before taking the screen";
}

std::string console_waiting_status(const Console& console)
{
    return "Waiting for " + vt_name(console.own) + " (" + vt_keys(console.own) + "): the console shows "
           + vt_name(console.active);
}

}  // namespace placard
