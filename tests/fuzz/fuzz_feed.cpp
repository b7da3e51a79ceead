// The feed parser and validator: any bytes give a feed or errors, never a
// crash, and a feed comes back exactly when there are no errors; an item
// whose speaker is withheld holds nothing that names them.
#include "core/feed/feed_parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    placard::FeedCheck check = placard::parse_feed(fuzz::text(data, size));
    fuzz::require(check.feed.has_value() == check.errors.empty(), "a feed exactly when there are no errors");
    for (const auto& problem : check.errors) fuzz::require(!placard::format_problem("f", problem).empty(), "error text");
    for (const auto& problem : check.warnings) (void)placard::format_problem("f", problem);
    if (check.feed)
        for (const placard::Item& item : check.feed->items)
            if (item.withheld)
                fuzz::require(item.speaker.empty() && item.role.empty() && item.organisation.empty() && item.image.empty()
                                  && item.image_sha256.empty() && item.kind != placard::ItemKind::picture,
                              "a withheld item keeps no name, role, organisation or picture");
    return 0;
}
