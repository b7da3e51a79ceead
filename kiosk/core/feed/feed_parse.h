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

#include "core/feed/feed_check.h"

namespace placard {

// With `now` (Unix seconds; placard-feed validate gives its clock), items
// that have expired or not yet started are warned about too. The screen
// leaves it out: it decides what to show at each moment, and logs a feed once.
FeedCheck parse_feed(std::string_view bytes, std::optional<std::int64_t> now = std::nullopt);

// The texts `placard-feed new` writes for the editor to replace.
bool is_starter_placeholder(std::string_view text);

// "FILE: /pointer: message" lines, as placard-feed validate prints them.
std::string format_problem(std::string_view file, const FeedProblem& problem);

}  // namespace placard
