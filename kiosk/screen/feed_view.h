#pragma once
// What the kiosk has of its feed at one turn of its loop, as the layers over
// the slides and the fleet's report read it.
#include "store/poller.h"
#include "core/plan/plan.h"
#include "core/schedule/schedule.h"

namespace placard {

struct FeedView {
    const Feed* received = nullptr;        // the feed as received, before planning; null before the first
    const Plan* plan = nullptr;            // what the rotation shows; null while there is nothing to show
    const PollSnapshot* polled = nullptr;  // the poller's last snapshot; null for a fixed feed
    const Rotation* rotation = nullptr;    // the slides in turn, and the ids of their items
};

}  // namespace placard
