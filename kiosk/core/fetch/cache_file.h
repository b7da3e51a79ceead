#pragma once
// What the cache's own files hold, read and written as pure code: the shell
// (store/feed_store) does the I/O. Both files are an input path like any
// other: a damaged, cut or hostile file gives an error, never a crash, and is
// fuzzed (tests/fuzz/fuzz_cache.cpp).
//
// feed.cache: a one-line JSON header (metadata and the two lengths), then the
// signature's bytes, then the feed's. decode refuses anything whose lengths do
// not add up, so a cut file is never half-read. The header keeps the server's
// Content-Type, so a sheet served as text/csv from an address that does not
// end in .csv is read back as a sheet.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/fetch/fetch_judge.h"
#include "core/result.h"

namespace placard {

struct CachedFeed {
    std::string bytes;
    std::string url;
    std::string etag;
    std::string last_modified;
    std::int64_t fetched_at = 0;  // Unix seconds, when it was accepted
    std::string signature;        // the text of its .sig; empty for an unsigned feed
    std::string content_type;     // as the server sent it; empty for a file, or a cache from before it was kept
};

// The longest header line decode reads, and the longest Content-Type kept.
inline constexpr std::size_t max_cache_header_bytes = 64 * 1024;
inline constexpr std::size_t max_content_type_bytes = 256;

// The file is its head (a one-line JSON header, then the signature) and then
// the feed's bytes: written in two parts, so saving a 4 MiB feed does not copy it.
std::string encode_cache_head(const CachedFeed& feed);
std::string encode_cache_file(const CachedFeed& feed);  // the head and the bytes in one string
Result<CachedFeed> decode_cache_file(std::string_view data);

// The cached feed parsed as it was served: a sheet or JSON, by its
// Content-Type, its address, then its first bytes (feed_format).
FeedCheck parse_cached_feed(const CachedFeed& feed, std::optional<std::int64_t> now = std::nullopt);

// A cache from before feed.cache: feed.json, feed.json.sig and feed.meta.json
// side by side, the metadata tied to the feed by a fingerprint. Sets feed's
// address, validators and time from meta_text when its fingerprint matches.
void add_old_metadata(CachedFeed& feed, std::string_view meta_text);

// feed.sequence.json: the replay floor, kept for one feed address.
std::string encode_mark_file(const std::string& url, const SequenceMark& mark);
// The floor saved for url: nothing when the text is damaged or another address's.
std::optional<SequenceMark> decode_mark_file(std::string_view text, const std::string& url);

}  // namespace placard
