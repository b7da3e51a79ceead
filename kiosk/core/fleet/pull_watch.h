#pragma once
// An item followed off the screens, for placard-feed screens pull and
// showing: which online screens still show it, by the ids in their statuses
// (fleet_status.h). Pure: the statuses come in as read from the broker.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/fleet/fleet_status.h"

namespace placard {

class PullWatch {
public:
    explicit PullWatch(std::string item) : item_(std::move(item)) {}

    // A screen's status, read from its own topic; seconds: since the pull
    // began. Returns a line for the editor when the screen's answer changed
    // ("room-xxi: dropped it (0.42 s)"), or nothing.
    std::string take(const ScreenStatus& status, double seconds);

    // Every online screen has said it does not show the item.
    bool done() const { return waiting_.empty(); }
    // The online screens that show it, or cannot be said not to, a line each
    // with the reason, sorted by name.
    std::vector<std::string> left() const;
    // The screens that are offline: they drop it at their first fetch once back.
    const std::set<std::string>& offline() const { return offline_; }
    std::size_t dropped() const { return dropped_.size(); }
    // The online screens still waited for, by name.
    std::vector<std::string> waiting() const;

private:
    std::string item_;
    std::map<std::string, ScreenStatus> waiting_;
    std::set<std::string> dropped_;
    std::set<std::string> offline_;
};

}  // namespace placard
