#pragma once
// Where the feed on screen comes from.
#include <memory>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "store/feed_keeper.h"

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

}  // namespace placard
