#pragma once
// What checking a feed gives: the feed when it may be shown, and every problem
// found, each at its JSON Pointer. Also the limits a feed is held to.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/feed/feed.h"

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
    // Different pictures a screen fetches (an "image" and its "image_sha256");
    // those after are not shown, and validating the feed warns.
    static constexpr std::size_t max_pictures = 64;
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

}  // namespace placard
