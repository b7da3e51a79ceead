#pragma once
// Parses and validates a feed in one pass. Every problem is reported at once,
// each with a JSON Pointer to the place and a message that says the fix. A feed
// with any error is refused whole; warnings never refuse a feed.
#include <cstddef>
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

FeedCheck parse_feed(std::string_view bytes);

// "FILE: /pointer: message" lines, as placard-feed validate prints them.
std::string format_problem(std::string_view file, const FeedProblem& problem);

}  // namespace placard
