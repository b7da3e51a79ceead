#pragma once
// The last good feed on disk: its exact bytes in feed.json, its signature in
// feed.json.sig (on a screen that verifies them), what the server said about
// it in feed.meta.json, and the newest signed sequence accepted in
// feed.sequence.json. Every write is atomic (temporary
// file, fsync, rename, fsync of the folder), so a power cut or SIGKILL leaves
// either the old feed or the new one, never half of one.
#include <cstdint>
#include <optional>
#include <string>

#include "core/fetch_judge.h"
#include "core/result.h"

namespace placard {

struct CachedFeed {
    std::string bytes;
    std::string url;
    std::string etag;
    std::string last_modified;
    std::int64_t fetched_at = 0;  // Unix seconds, when it was accepted
    std::string signature;        // the text of its .sig; empty for an unsigned feed
};

class FeedStore {
public:
    explicit FeedStore(std::string dir) : dir_(std::move(dir)) {}

    // The cached feed, or nothing. Validators are kept only when they belong
    // to these exact bytes; a missing or unreadable cache is simply nothing.
    std::optional<CachedFeed> load() const;
    Result<bool> save(const CachedFeed& feed) const;
    // The replay floor for url: nothing when none was saved or it was another URL's,
    // so a screen moved to a new event's feed starts afresh.
    std::optional<SequenceMark> load_mark(const std::string& url) const;
    Result<bool> save_mark(const std::string& url, const SequenceMark& mark) const;
    // Deletes temporary files left by interrupted writes; load() does it first.
    void remove_leftovers() const;

    const std::string& dir() const { return dir_; }
    std::string feed_path() const { return dir_ + "/feed.json"; }
    std::string signature_path() const { return dir_ + "/feed.json.sig"; }
    std::string mark_path() const { return dir_ + "/feed.sequence.json"; }

private:
    std::string dir_;
};

// /var/cache/placard when writable, else $XDG_CACHE_HOME/placard, else
// ~/.cache/placard.
std::string default_cache_dir();

// Writes data to path atomically; creates the folder when missing.
Result<bool> write_file_atomically(const std::string& path, const std::string& data);

}  // namespace placard
