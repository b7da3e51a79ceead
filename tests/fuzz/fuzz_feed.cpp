// The feed parser and validator: any bytes give a feed or errors, never a
// crash, and a feed comes back exactly when there are no errors.
#include "core/feed/feed_parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    placard::FeedCheck check = placard::parse_feed(fuzz::text(data, size));
    fuzz::require(check.feed.has_value() == check.errors.empty(), "a feed exactly when there are no errors");
    for (const auto& problem : check.errors) fuzz::require(!placard::format_problem("f", problem).empty(), "error text");
    for (const auto& problem : check.warnings) (void)placard::format_problem("f", problem);
    return 0;
}
