#pragma once
// The pictures a feed's statements, posts and pictures name in "image": fetched with the feed's
// rules (the same client, size cap, redirects and timeouts), checked against
// the SHA-256 the feed gives (required when the feed is signed), checked and
// decoded within limits, made small and kept as PNG files in a folder of the
// cache, so that a restart without network still shows them. A picture that
// is missing or refused leaves its slide as it would be without one.
// Safe to use from two threads: the poller fetches pictures on a thread of
// their own while the feed's thread asks which are ready.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "core/feed/image_header.h"
#include "core/plan/plan.h"

namespace placard {

// More than this many different pictures in one feed: the rest are not fetched.
inline constexpr std::size_t max_pictures = 64;
// A picture's download is given up when it brings less than this many bytes a
// second for the request's low_speed_time (10 s): at that speed even a small
// photo would take minutes, holding a connection for nothing.
inline constexpr long picture_low_speed_bytes = 1024;

struct PictureProblem {
    std::string item_id;
    std::string url;
    std::string reason;
};

class ImageShelf {
public:
    // dir: where the prepared pictures are kept ("CACHE/pictures").
    ImageShelf(std::string dir, std::string ca_file) : dir_(std::move(dir)), ca_file_(std::move(ca_file)) {}

    // Fetches and prepares every picture of the feed's statements that is not
    // on the shelf yet; one that failed is tried again after retry_seconds.
    // signed_feed: a picture without image_sha256 is refused unfetched.
    // cancel abandons the download in progress; superseded (when given) is
    // asked before each download, and true ends the round (a newer feed).
    // Returns whether any picture became ready. Logs each new problem once.
    bool fetch(const Feed& feed, bool signed_feed, std::int64_t wall_now, const std::atomic<bool>* cancel = nullptr,
               const std::function<bool()>& superseded = {});

    // The pictures of the feed's statements that are ready, by item id.
    Pictures ready(const Feed& feed, bool signed_feed);

    // Deletes prepared pictures that no statement of this feed names.
    void prune(const Feed& feed);

    // The pictures of the last feed fetched that are not shown, and why.
    std::vector<PictureProblem> problems(const Feed& feed, bool signed_feed) const;
    // How many statements have a picture, and how many of those are ready.
    std::pair<std::size_t, std::size_t> counts(const Feed& feed, bool signed_feed);

    void set_limits(const ImageLimits& limits) { limits_ = limits; }
    void set_retry_seconds(std::int64_t seconds) { retry_seconds_ = seconds; }
    void log_problems(bool on) { log_ = on; }
    const std::string& dir() const { return dir_; }

private:
    struct Failure {
        std::string reason;
        std::int64_t at = 0;
    };
    std::string path_of(const std::string& key) const { return dir_ + "/" + key + ".png"; }
    // Width / height of a prepared picture, 0 when there is none. With mutex_ held.
    double aspect(const std::string& key);
    // Why a picture is not even tried: "" when it may be fetched.
    std::string refusal(const Item& item, bool signed_feed, std::size_t index) const;

    std::string dir_;
    std::string ca_file_;
    ImageLimits limits_;
    std::int64_t retry_seconds_ = 600;
    bool log_ = true;
    mutable std::mutex mutex_;                  // guards the two maps below
    std::map<std::string, double> aspects_;     // key -> width / height, for those on the shelf
    std::map<std::string, Failure> failures_;   // key -> the last failure
};

}  // namespace placard
