#pragma once
// The kiosk: a window, the rotation, and a loop that sleeps until the picture
// next has to change.
#include <memory>

#include "app/feed_keeper.h"
#include "app/files.h"
#include "core/setup/config.h"
#include "core/setup/options.h"

namespace placard {

// What the kiosk shows, opened once from the settings for the kiosk and for
// --check alike: a fixed feed (a file or the demo), or a remote source whose
// keeper already holds the cached feed, if any, and is polled on a thread.
struct FeedSource {
    std::shared_ptr<const Feed> feed;
    std::string name;
    bool demo = false;
    std::unique_ptr<FeedKeeper> remote;
    bool signature_rejected = false;  // a fixed feed's signature was refused: feed is empty, the banner says why
    std::string signature;            // a fixed feed's, where keys are trusted: "verified, key …" or "rejected: …"
    std::string config_error;         // the config could not be used: no feed, a card says why
    std::vector<std::string> config_files;  // the config files read, for the diagnostics
};

// Runs until the user quits, SIGINT/SIGTERM, or --run-for elapses. Returns the
// process exit code.
int run_kiosk(const Config& config, const FeedSource& source, const Options& options, double started_at_seconds);

// Seconds on the monotonic clock, for measuring start-up from main().
double monotonic_seconds();

}  // namespace placard
