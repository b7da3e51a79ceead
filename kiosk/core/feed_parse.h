#pragma once
// Parses and validates a feed in one pass. Every problem is reported at once,
// each with a JSON Pointer to the place and a message that says the fix. A feed
// with any error is refused whole; warnings never refuse a feed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feed.h"

namespace placard {

struct FeedLimits {
    static constexpr std::size_t max_body_bytes = 4u * 1024u * 1024u;
    static constexpr std::size_t max_items = 2000;
    static constexpr std::size_t max_item_text_chars = 4000;  // code points
    static constexpr std::size_t max_string_bytes = 64u * 1024u;
    static constexpr int max_duration_seconds = 3600;
    // What fits on a slide, in characters: longer is refused, not cut, so
    // that what the screen shows is what the editor wrote.
    static constexpr std::size_t max_title_chars = 300;         // feed and item titles, event name and venue
    static constexpr std::size_t max_speaker_chars = 200;       // authors[].name
    static constexpr std::size_t max_attribution_chars = 300;   // role, organisation, a tally's source
    static constexpr std::size_t max_label_chars = 100;         // a breakdown's labels, the hashtag
    static constexpr std::size_t max_breakdown_entries = 12;
};

struct FeedProblem {
    std::string pointer;  // RFC 6901 JSON Pointer; "" is the whole document
    std::string message;
};

struct FeedCheck {
    std::optional<Feed> feed;  // present exactly when errors is empty
    std::vector<FeedProblem> errors;
    std::vector<FeedProblem> warnings;
    bool ok() const { return errors.empty(); }
};

// With `now` (Unix seconds; placard-feed validate gives its clock), items
// that have expired or not yet started are warned about too. The screen
// leaves it out: it decides what to show at each moment, and logs a feed once.
FeedCheck parse_feed(std::string_view bytes, std::optional<std::int64_t> now = std::nullopt);

// The texts `placard-feed new` writes for the editor to replace.
bool is_starter_placeholder(std::string_view text);

// "FILE: /pointer: message" lines, as placard-feed validate prints them.
std::string format_problem(std::string_view file, const FeedProblem& problem);

}  // namespace placard
