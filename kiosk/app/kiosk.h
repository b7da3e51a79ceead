#pragma once
// The kiosk: a window, the rotation, and a loop that sleeps until the picture
// next has to change.
#include <memory>

#include "store/feed_source.h"
#include "core/setup/config.h"
#include "core/setup/options.h"

namespace placard {

// Runs until the user quits, SIGINT/SIGTERM, or --run-for elapses. Returns the
// process exit code.
int run_kiosk(const Config& config, const FeedSource& source, const Options& options, double started_at_seconds);

// Seconds on the monotonic clock, for measuring start-up from main().
double monotonic_seconds();

}  // namespace placard
