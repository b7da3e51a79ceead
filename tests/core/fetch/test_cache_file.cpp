// The cache's own files as an input path: what the screen wrote comes back
// the same, and a cut, damaged or hostile file is refused without a crash.
#include <doctest/doctest.h>

#include "core/fetch/cache_file.h"

using namespace placard;

namespace {

CachedFeed sheet_from_a_spreadsheet()
{
    CachedFeed feed;
    feed.url = "https://docs.example.org/spreadsheets/d/e/x/pub?gid=0&single=true";
    feed.content_type = "text/csv; charset=utf-8";
    feed.etag = "\"v7\"";
    feed.last_modified = "Wed, 11 Dec 2013 09:00:00 GMT";
    feed.fetched_at = 1386752400;
    // No "text" column and no .csv in the address: only the Content-Type says it is a sheet.
    feed.bytes = "id,title,speaker\r\na1,Around 30 States have not accepted any visit,Ann\r\n";
    return feed;
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("feed.cache gives back what was written, and a cut or padded one is refused")
{
    CachedFeed feed = sheet_from_a_spreadsheet();
    feed.signature = "untrusted comment: placard\nRWQ...\n";
    std::string data = encode_cache_file(feed);
    auto back = decode_cache_file(data);
    REQUIRE(back.ok());
    CHECK(back->bytes == feed.bytes);
    CHECK(back->signature == feed.signature);
    CHECK(back->url == feed.url);
    CHECK(back->etag == feed.etag);
    CHECK(back->last_modified == feed.last_modified);
    CHECK(back->fetched_at == feed.fetched_at);
    CHECK(back->content_type == feed.content_type);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, data.find('\n') + 1, data.size() - 1})
        CHECK_FALSE(decode_cache_file(std::string_view(data).substr(0, cut)).ok());
    CHECK_FALSE(decode_cache_file(data + "x").ok());
    CHECK_FALSE(decode_cache_file("{\"placard_cache\": 1, \"signature_bytes\": -1, \"feed_bytes\": 0}\n").ok());
}

TEST_CASE("a sheet served as text/csv is read back from the cache as a sheet")
{
    CachedFeed feed = sheet_from_a_spreadsheet();
    auto back = decode_cache_file(encode_cache_file(feed));
    REQUIRE(back.ok());
    FeedCheck check = parse_cached_feed(*back);
    REQUIRE(check.ok());
    CHECK(check.feed->items.size() == 1);
    // A cache from before the Content-Type was kept reads as before: by its address and bytes.
    back->content_type.clear();
    CHECK_FALSE(parse_cached_feed(*back).ok());
    back->url = "https://example.org/feed.csv";
    CHECK(parse_cached_feed(*back).ok());
}

TEST_CASE("a header with no content type is an older cache and still read")
{
    std::string body = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": []}";
    std::string old = "{\"placard_cache\": 1, \"url\": \"https://example.org/f\", \"signature_bytes\": 0, \"feed_bytes\": "
                      + std::to_string(body.size()) + "}\n" + body;
    auto back = decode_cache_file(old);
    REQUIRE(back.ok());
    CHECK(back->content_type.empty());
    CHECK(back->url == "https://example.org/f");
}

TEST_CASE("hostile cache files are refused without recursion: deep nesting, long types, wrong kinds")
{
    // 60,000 levels fit in the 64 KiB header line; parsed and freed
    // recursively they would take the stack.
    std::string deep = "{\"placard_cache\": 1, \"url\": " + nested(30000) + ", \"signature_bytes\": 0, \"feed_bytes\": 0}\n";
    auto refused = decode_cache_file(deep);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("damaged cache file") != std::string::npos);
    CHECK_FALSE(decode_cache_file(nested(30000) + "\n").ok());
    CHECK_FALSE(decode_cache_file("[1, 2]\n").ok());
    CHECK_FALSE(decode_cache_file("{\"placard_cache\": 2, \"signature_bytes\": 0, \"feed_bytes\": 0}\n").ok());

    CachedFeed feed = sheet_from_a_spreadsheet();
    feed.content_type = std::string(100000, 'c');
    auto back = decode_cache_file(encode_cache_file(feed));
    REQUIRE(back.ok());
    CHECK(back->content_type.size() == max_content_type_bytes);

    CHECK_FALSE(decode_mark_file("{\"url\": \"u\", \"sequence\": 4, \"digest\": " + nested(30000) + "}", "u"));
    CHECK_FALSE(decode_mark_file(nested(30000), "u"));
    CachedFeed old;
    old.bytes = "{}";
    add_old_metadata(old, "{\"fingerprint\": " + nested(30000) + "}");
    CHECK(old.url.empty());
}

TEST_CASE("the replay floor is kept for one address only")
{
    std::string text = encode_mark_file("https://example.org/feed.json", SequenceMark{42, "abc"});
    auto mark = decode_mark_file(text, "https://example.org/feed.json");
    REQUIRE(mark);
    CHECK(mark->sequence == 42);
    CHECK(mark->digest == "abc");
    CHECK_FALSE(decode_mark_file(text, "https://example.org/other.json"));
    CHECK_FALSE(decode_mark_file("{\"url\": \"u\", \"sequence\": \"42\"}", "u"));
    CHECK_FALSE(decode_mark_file("", "u"));
}
