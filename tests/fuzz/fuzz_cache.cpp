// The cache's own files as an input path (a damaged SD card, a hand edit, a
// write cut short): any bytes as feed.cache, feed.sequence.json or an old
// feed.meta.json give a value or an error, never a crash; what decodes
// encodes back to the same file, and its feed parses as it was served.
#include "core/fetch/cache_file.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    auto cached = placard::decode_cache_file(text);
    if (cached) {
        auto again = placard::decode_cache_file(placard::encode_cache_file(*cached));
        fuzz::require(again.ok(), "an encoded cache file decodes");
        fuzz::require(again->bytes == cached->bytes && again->signature == cached->signature
                          && again->content_type == cached->content_type && again->url == cached->url,
                      "a cache file round-trips");
        placard::FeedCheck check = placard::parse_cached_feed(*cached, 1386752400);
        fuzz::require(check.ok() || !check.errors.empty(), "a refused cached feed says why");
    }
    (void)placard::decode_mark_file(text, "https://example.org/feed.json");
    placard::CachedFeed old;
    old.bytes = "{}";
    placard::add_old_metadata(old, text);
    return 0;
}
