#include "core/fetch/cache_file.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "core/feed/feed_rules.h"
#include "core/sheet/feed_format.h"

namespace placard {
namespace {

constexpr int cache_format = 1;
// The header and the mark are flat objects; anything nested deeper is not ours.
constexpr std::size_t max_depth = 4;

// A flat JSON object from text, or null: nesting is checked before parsing,
// so a hostile file cannot make the parser or the value's destructor recurse.
nlohmann::json flat_object(std::string_view text)
{
    if (too_deep_at(text, max_depth)) return nullptr;
    auto value = nlohmann::json::parse(text, nullptr, false);
    return value.is_object() ? value : nullptr;
}

std::string text_member(const nlohmann::json& object, const char* name)
{
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::uint64_t> size_member(const nlohmann::json& object, const char* name)
{
    auto it = object.find(name);
    if (it == object.end() || !it->is_number_unsigned()) return std::nullopt;
    return it->get<std::uint64_t>();
}

}  // namespace

std::string encode_cache_head(const CachedFeed& feed)
{
    nlohmann::json header = {{"placard_cache", cache_format},
                             {"url", feed.url},
                             {"etag", feed.etag},
                             {"last_modified", feed.last_modified},
                             {"fetched_at", feed.fetched_at},
                             {"content_type", feed.content_type.substr(0, max_content_type_bytes)},
                             {"signature_bytes", feed.signature.size()},
                             {"feed_bytes", feed.bytes.size()}};
    // Replaced, not escaped: the header is one line, and these are not the feed's bytes.
    return header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" + feed.signature;
}

std::string encode_cache_file(const CachedFeed& feed)
{
    return encode_cache_head(feed) + feed.bytes;
}

Result<CachedFeed> decode_cache_file(std::string_view data)
{
    auto damaged = [](const std::string& why) { return Error{"damaged cache file: " + why}; };
    std::size_t end = data.find('\n');
    if (end == std::string_view::npos || end > max_cache_header_bytes) return damaged("no header line");
    nlohmann::json header = flat_object(data.substr(0, end));
    if (!header.is_object()) return damaged("the header is not a flat JSON object");
    auto format = size_member(header, "placard_cache");
    if (!format || *format != cache_format) return damaged("an unknown format");
    auto signature_bytes = size_member(header, "signature_bytes");
    auto feed_bytes = size_member(header, "feed_bytes");
    std::string_view rest = data.substr(end + 1);
    if (!signature_bytes || !feed_bytes || *signature_bytes > max_signature_bytes
        || *feed_bytes > FeedLimits::max_body_bytes || *signature_bytes + *feed_bytes != rest.size())
        return damaged("its lengths do not match its size (" + std::to_string(rest.size()) + " bytes)");
    CachedFeed feed;
    feed.url = text_member(header, "url");
    feed.etag = text_member(header, "etag");
    feed.last_modified = text_member(header, "last_modified");
    feed.content_type = text_member(header, "content_type").substr(0, max_content_type_bytes);
    if (auto it = header.find("fetched_at"); it != header.end() && it->is_number_integer())
        feed.fetched_at = it->get<std::int64_t>();
    feed.signature = std::string(rest.substr(0, *signature_bytes));
    feed.bytes = std::string(rest.substr(*signature_bytes));
    return feed;
}

FeedCheck parse_cached_feed(const CachedFeed& feed, std::optional<std::int64_t> now)
{
    return parse_feed_from(feed.bytes, feed.url, feed.content_type, now);
}

void add_old_metadata(CachedFeed& feed, std::string_view meta_text)
{
    nlohmann::json meta = flat_object(meta_text);
    std::string fingerprint = std::to_string(feed.bytes.size()) + ":" + std::to_string(std::hash<std::string>{}(feed.bytes));
    if (!meta.is_object() || text_member(meta, "fingerprint") != fingerprint) return;
    feed.url = text_member(meta, "url");
    feed.etag = text_member(meta, "etag");
    feed.last_modified = text_member(meta, "last_modified");
    if (auto it = meta.find("fetched_at"); it != meta.end() && it->is_number_integer())
        feed.fetched_at = it->get<std::int64_t>();
}

std::string encode_mark_file(const std::string& url, const SequenceMark& mark)
{
    nlohmann::json json = {{"url", url}, {"sequence", mark.sequence}, {"digest", mark.digest}};
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<SequenceMark> decode_mark_file(std::string_view text, const std::string& url)
{
    nlohmann::json mark = flat_object(text);
    if (!mark.is_object() || text_member(mark, "url") != url || !mark.contains("sequence")
        || !mark["sequence"].is_number_integer())
        return std::nullopt;
    return SequenceMark{mark["sequence"].get<std::int64_t>(), text_member(mark, "digest")};
}

}  // namespace placard
