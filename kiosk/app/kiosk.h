#pragma once
// The kiosk: a window, the rotation, and a loop that sleeps until the picture
// next has to change.
#include "app/files.h"
#include "core/setup/config.h"
#include "core/setup/options.h"

namespace placard {

class FeedKeeper;

// What the kiosk shows: a fixed feed (a file or the demo), or a remote source
// whose keeper already holds the cached feed, if any, and is polled on a thread.
struct FeedSource {
    std::shared_ptr<const Feed> feed;
    std::string name;
    bool demo = false;
    FeedKeeper* remote = nullptr;
    bool signature_rejected = false;  // a fixed feed's signature was refused: feed is empty, the banner says why
    std::string config_error;         // the config could not be used: no feed, a card says why
    std::vector<std::string> config_files;  // the config files read, for the diagnostics
};

// Runs until the user quits, SIGINT/SIGTERM, or --run-for elapses. Returns the
// process exit code.
int run_kiosk(const Config& config, const FeedSource& source, const Options& options, double started_at_seconds);

// Seconds on the monotonic clock, for measuring start-up from main().
double monotonic_seconds();

}  // namespace placard
