// The browser checker (feeds/check/): the feed parser and rules compiled to
// WebAssembly, called by the page's script. It says what placard-feed validate
// says about one file, line for line, and then what the screens will do with
// each item. No files, network or clock here: the page passes the bytes, their
// name and the time.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>
#include <nlohmann/json.hpp>

#include "check/screen_glyphs.h"
#include "core/feed/feed_report.h"
#include "core/feed/rfc3339.h"
#include "core/plan/plan.h"
#include "core/schedule/schedule.h"
#include "core/sheet/feed_format.h"

namespace placard {
namespace {

using json = nlohmann::json;

// A string for the page's script, which frees it.
char* handed_over(const json& value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out) std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

// "2026-06-15 13:00 (UTC+02:00)": a time as the feed wrote it, in its own zone.
std::string written_time(std::string_view text)
{
    auto loose = parse_loose_date_time(text);
    if (!loose) return std::string(text);
    const std::string wall = format_rfc3339(loose->wall_seconds);  // "2026-06-15T13:00:00Z"
    std::string out = wall.substr(0, 10) + " " + wall.substr(11, 5);
    if (!loose->offset_seconds) return out;
    const int offset = *loose->offset_seconds;
    if (offset == 0) return out + " (UTC)";
    const std::string zoned = format_rfc3339(loose->wall_seconds - offset, offset);  // "...+02:00"
    return out + " (UTC" + zoned.substr(zoned.size() - 6) + ")";
}

// What a screen does with each item at the time given (none: windows not judged).
json items_on_screen(const std::shared_ptr<const Feed>& feed, std::optional<std::int64_t> now)
{
    const Plan plan = plan_as_written(feed);
    std::vector<bool> shown(plan.slides.size(), false);
    for (std::size_t i : rotation_order(plan, now)) shown[i] = true;
    json items = json::array();
    for (std::size_t i = 0; i < feed->items.size(); ++i) {
        const Item& item = feed->items[i];
        json entry = {{"id", item.id},
                      {"kind", to_string(item.kind)},
                      {"priority", to_string(item.priority)},
                      {"title", item.title},
                      {"text", item.text},
                      {"speaker", item.speaker},
                      {"language", item.language},
                      {"seconds", std::chrono::duration_cast<std::chrono::seconds>(reading_time(item)).count()}};
        if (!item.starts_at.empty()) entry["starts_at"] = written_time(item.starts_at);
        if (!item.expires_at.empty()) entry["expires_at"] = written_time(item.expires_at);
        std::string state = "now";
        if (now && !in_window(item, *now)) {
            auto expires = parse_rfc3339(item.expires_at);
            state = expires && *now >= *expires ? "expired" : "later";
        } else if (!shown[i]) {
            state = "waiting";  // an urgent item is on screen, and only urgent items are shown
        }
        entry["state"] = state;
        items.push_back(std::move(entry));
    }
    return items;
}

}  // namespace
}  // namespace placard

using namespace placard;

extern "C" {

// The largest file read: one byte over the feed limit, so that the parser
// gives its own message for a feed just too large, as placard-feed validate does.
EMSCRIPTEN_KEEPALIVE double placard_read_limit()
{
    return static_cast<double>(FeedLimits::max_body_bytes + 1);
}

// Unix seconds for an RFC 3339 time ("2013-12-11T13:00:00+01:00"), or NaN.
EMSCRIPTEN_KEEPALIVE double placard_parse_time(const char* text)
{
    auto at = parse_rfc3339(text);
    return at ? static_cast<double>(*at) : std::nan("");
}

// Checks one feed: name as placard-feed validate would name the file (or the
// address it came from), its bytes (at most placard_read_limit() + 1: the page
// reads no further), the server's Content-Type if any, and the time to judge
// expired and not yet started items at (NaN: not judged, as --no-clock).
// Returns JSON: {"lines": [...], "valid", "errors", "warnings", "feed", "items"}.
EMSCRIPTEN_KEEPALIVE char* placard_check(const char* name, const char* bytes, double size, const char* content_type,
                                         double now_seconds)
{
    const std::string file = name;
    const std::string_view data(bytes, static_cast<std::size_t>(size));
    json out = {{"lines", json::array()}, {"valid", false}, {"errors", 0}, {"warnings", 0}, {"items", json::array()}};
    if (data.size() > FeedLimits::max_body_bytes + 1) {
        out["lines"].push_back(too_large_message(file, FeedLimits::max_body_bytes + 1));
        out["errors"] = 1;
        return handed_over(out);
    }
    std::optional<std::int64_t> now;
    if (std::isfinite(now_seconds)) now = static_cast<std::int64_t>(std::floor(now_seconds));
    FeedCheck check = parse_feed_from(data, file, content_type, now);
    if (check.ok() && !check.feed->items.empty()) {
        ScreenGlyphs fonts;
        auto glyphs = glyph_warnings(*check.feed, data, fonts);
        check.warnings.insert(check.warnings.end(), glyphs.begin(), glyphs.end());
    }
    const FeedReport report = report_of(file, check);
    for (const std::string& line : report.problems) out["lines"].push_back(line);
    out["lines"].push_back(report.verdict);
    out["valid"] = check.ok();
    out["errors"] = check.errors.size();
    out["warnings"] = check.warnings.size();
    if (check.ok()) {
        auto feed = std::make_shared<const Feed>(std::move(*check.feed));
        out["feed"] = {{"title", feed->title}, {"language", feed->language}, {"event", feed->event.name},
                       {"venue", feed->event.venue}};
        if (feed->sequence) out["feed"]["sequence"] = *feed->sequence;
        out["items"] = items_on_screen(feed, now);
    }
    return handed_over(out);
}

}  // extern "C"
