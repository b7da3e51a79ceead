#pragma once
// The last good feed on disk (its files' format is core/fetch/cache_file.h).
// feed.cache holds, in one file, the feed's exact
// bytes, its signature (on a screen that verifies them) and what the server
// said about it, so the feed and its signature are replaced together: any
// interruption (ENOSPC, EIO, SIGKILL, power loss) leaves the old pair or the
// new one, never the old feed beside the new signature. feed.sequence.json
// holds the newest signed sequence accepted, the replay floor. Every write is
// atomic: temporary file, fsync, rename, fsync of the folder.
//
// Caches written before feed.cache existed (feed.json, feed.json.sig and
// feed.meta.json side by side) are still read, and replaced by the first save.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/fetch/cache_file.h"
#include "core/result.h"

namespace placard {


// Called before each step of a write ("create", "write", "flush", "rename",
// "sync folder", "remove"): 0 goes on, an errno fails that step as if the
// system had. Lets tests fail or kill a write at every step.
using WriteFaultHook = std::function<int(std::string_view step)>;

class FeedStore {
public:
    explicit FeedStore(std::string dir) : dir_(std::move(dir)) {}

    // The cached feed; nothing when there is none; an error when it is damaged.
    // Validators are kept only when they belong to these exact bytes.
    Result<std::optional<CachedFeed>> load() const;
    Result<bool> save(const CachedFeed& feed) const;
    // A newly accepted feed, then, given one, its sequence as the replay floor.
    // An error: the feed is not on disk, and the floor was not raised either, so
    // the cache is still the old pair with its own floor. The value is a warning,
    // empty when all went well: a floor lost after the feed was saved is not a
    // replay risk, since the cached feed's sequence is a floor too.
    Result<std::string> keep(const CachedFeed& feed, const std::optional<SequenceMark>& mark) const;
    // The replay floor for url: nothing when none was saved or it was another URL's,
    // so a screen moved to a new event's feed starts afresh.
    std::optional<SequenceMark> load_mark(const std::string& url) const;
    Result<bool> save_mark(const std::string& url, const SequenceMark& mark) const;
    // Deletes temporary files left by interrupted writes; load() does it first.
    void remove_leftovers() const;

    void set_fault_hook(WriteFaultHook hook) { fault_ = std::move(hook); }

    const std::string& dir() const { return dir_; }
    std::string cache_path() const { return dir_ + "/feed.cache"; }
    std::string mark_path() const { return dir_ + "/feed.sequence.json"; }

private:
    std::optional<CachedFeed> load_old_layout() const;

    std::string dir_;
    WriteFaultHook fault_;
};

// /var/cache/placard when writable, else $XDG_CACHE_HOME/placard, else
// ~/.cache/placard.
std::string default_cache_dir();

// Writes data to path atomically; creates the folder when missing. The
// parts are written one after the other, as one file.
Result<bool> write_file_atomically(const std::string& path, std::initializer_list<std::string_view> parts,
                                   const WriteFaultHook& fault = {});
inline Result<bool> write_file_atomically(const std::string& path, const std::string& data,
                                          const WriteFaultHook& fault = {})
{
    return write_file_atomically(path, {std::string_view(data)}, fault);
}

}  // namespace placard
