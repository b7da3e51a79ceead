#pragma once
// Telling a spreadsheet feed from a JSON one, and parsing either.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/feed/feed_parse.h"

namespace placard {

enum class FeedFormat { json, sheet };

// Which a feed is: a sheet when the server says CSV (text/csv), when the name
// or URL ends in .csv, or is a spreadsheet's CSV link ("...?output=csv",
// "...?format=csv"); JSON when the server says JSON or the text starts with
// "{"; else a sheet when the first line names Placard's columns, so a cached
// copy needs no record of how it was served.
FeedFormat feed_format(std::string_view name, std::string_view content_type, std::string_view bytes);

// parse_feed or parse_sheet_feed, as feed_format decides.
FeedCheck parse_feed_from(std::string_view bytes, std::string_view name, std::string_view content_type = {},
                          std::optional<std::int64_t> now = std::nullopt);

}  // namespace placard
