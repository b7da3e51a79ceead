#include "core/fleet/pull_watch.h"

#include <cstdio>

#include "core/text/terminal.h"

namespace placard {

std::string PullWatch::take(const ScreenStatus& status, double seconds)
{
    const std::string& name = status.screen;
    char when[32];
    std::snprintf(when, sizeof when, " (%.2f s)", seconds);
    if (!status.online) {
        bool was_waiting = waiting_.erase(name) > 0;
        dropped_.erase(name);
        offline_.insert(name);
        return was_waiting ? name + ": went offline; it drops the item at its first fetch once back" : std::string{};
    }
    offline_.erase(name);
    if (shows_item(status, item_) == Shows::no) {
        bool was_waiting = waiting_.erase(name) > 0;
        if (!dropped_.insert(name).second) return {};
        return name + (was_waiting ? ": dropped it" + std::string(when) : ": does not show it");
    }
    bool was_dropped = dropped_.erase(name) > 0;
    waiting_[name] = status;
    return was_dropped ? name + ": shows it again" + std::string(when) : std::string{};
}

std::vector<std::string> PullWatch::waiting() const
{
    std::vector<std::string> names;
    for (const auto& entry : waiting_) names.push_back(entry.first);
    return names;
}

std::vector<std::string> PullWatch::left() const
{
    std::vector<std::string> lines;
    for (const auto& [name, status] : waiting_) {
        // Its last fetch's failure, if that is why (in the screen's words, made safe for a terminal).
        if (shows_item(status, item_) == Shows::yes)
            lines.push_back(name + ": shows it" + (status.last_error.empty() ? "" : " (its last fetch: " + terminal_safe(status.last_error) + ")"));
        else if (!status.showing_count)
            lines.push_back(name + ": cannot tell: it does not report the ids it shows (an older version; update it)");
        else
            lines.push_back(name + ": cannot tell: its status lists only " + std::to_string(status.showing.size()) + " of its "
                            + std::to_string(*status.showing_count) + " ids");
    }
    return lines;
}

}  // namespace placard
