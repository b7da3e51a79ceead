#pragma once
// Holds the last good feed of a remote source: loads it from the cache at
// start, polls the source, and replaces it only with a complete, valid feed.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/feed_store.h"
#include "core/feed.h"
#include "core/fetch_judge.h"

namespace placard {

struct FetchRecord {
    std::int64_t at = 0;          // Unix seconds
    long status = 0;
    std::size_t bytes = 0;
    bool not_modified = false;
    std::string verdict;
    std::string error;
};

class FeedKeeper {
public:
    FeedKeeper(std::string url, std::string cache_dir, std::string ca_file);

    // Puts the cached feed up, if there is a valid one. Returns a warning when
    // the cache exists but cannot be used.
    std::optional<std::string> load_cache();

    // One fetch and its consequences; wall_now is Unix seconds.
    Judgement poll(std::int64_t wall_now, const std::atomic<bool>* cancel = nullptr);

    std::shared_ptr<const Feed> feed() const { return feed_; }
    std::optional<std::int64_t> feed_fetched_at() const { return feed_fetched_at_; }
    std::optional<std::int64_t> last_success() const { return last_success_; }
    std::optional<std::int64_t> offline_since() const { return offline_since_; }
    int failures() const { return failures_; }
    const std::vector<FetchRecord>& fetches() const { return fetches_; }
    const std::string& url() const { return url_; }
    const std::string& cache_dir() const { return store_.dir(); }

private:
    std::string url_;
    FeedStore store_;
    std::string ca_file_;
    std::shared_ptr<const Feed> feed_;
    std::optional<CachedFeed> cached_;
    std::optional<std::int64_t> feed_fetched_at_;
    std::optional<std::int64_t> last_success_;
    std::optional<std::int64_t> offline_since_;
    int failures_ = 0;
    std::string last_logged_;
    std::vector<FetchRecord> fetches_;
};

// "Showing: sequence 7, items a b c" or "Showing: nothing yet".
std::string describe_showing(const Feed* feed);

}  // namespace placard
