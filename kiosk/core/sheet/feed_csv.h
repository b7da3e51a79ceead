#pragma once
// A spreadsheet saved as CSV is a feed. The sheet has a header row naming its
// columns (feeds/examples/sheet-template.csv; feeds/FORMAT.md lists them), one
// row per item, and optionally one row whose kind is "event" for the feed as a
// whole. It is turned into the same JSON Feed document a person would write and
// checked by the same parser, so a sheet has exactly the rules, limits and
// warnings of a JSON feed; only the places are named the sheet's way:
// "row 7, starts_at" rather than "/items/5/_placard/starts_at".
#include <string>
#include <string_view>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/feed/feed_parse.h"

namespace placard {

struct SheetConversion {
    std::string json;                    // the feed as JSON text; empty when the sheet could not be read at all
    std::vector<FeedProblem> errors;     // problems found reading the cells; pointer holds "row 7, starts_at"
    std::vector<FeedProblem> warnings;
    // Where each part of the JSON came from: a JSON Pointer and "row 7, starts_at".
    std::map<std::string, std::string> places;
    std::set<std::string> failed;  // pointers of members left out because their cell could not be read
    // The sheet's place for a problem the feed parser reported at a JSON Pointer.
    std::string place_of(std::string_view pointer) const;
};

enum class JsonStyle { compact, indented };

class TimeZones;

// zones: the named time zones a time_zone cell may give; nullptr for the
// ones linked in (system_time_zones()).
SheetConversion convert_sheet(std::string_view csv, JsonStyle style = JsonStyle::compact, const TimeZones* zones = nullptr);

// The sheet converted and parsed as a feed, with every problem at its row and column.
// `now` as for parse_feed.
FeedCheck parse_sheet_feed(std::string_view csv, std::optional<std::int64_t> now = std::nullopt,
                           const TimeZones* zones = nullptr);

}  // namespace placard
