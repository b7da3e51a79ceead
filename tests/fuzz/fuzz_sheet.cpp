// Spreadsheet feeds (CSV): any bytes give a feed or errors, never a crash; a
// feed exactly when there are no errors; the JSON a sheet converts to is
// accepted by the JSON parser exactly when the sheet is; and a quote left open
// is reported at a row the file has.
#include <algorithm>

#include "core/sheet/csv_table.h"
#include "core/sheet/feed_csv.h"
#include "core/feed/feed_parse.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = fuzz::text(data, size);
    placard::FeedCheck check = placard::parse_sheet_feed(bytes);
    fuzz::require(check.feed.has_value() == check.errors.empty(), "a feed exactly when there are no errors");
    for (const auto& problem : check.errors) fuzz::require(!problem.message.empty(), "error text");
    const placard::CsvTable table = placard::read_csv(bytes, 256, placard::FeedLimits::max_items + 3);
    if (table.error) {
        const auto line_ends = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')
                                                        + std::count(bytes.begin(), bytes.end(), '\r'));
        fuzz::require(table.error->row <= line_ends + 1, "the row named is in the file");
        fuzz::require(!check.ok(), "a sheet that cannot be read is refused");
    }
    if (check.ok()) {
        placard::SheetConversion sheet = placard::convert_sheet(bytes, placard::JsonStyle::indented);
        placard::FeedCheck json = placard::parse_feed(sheet.json);
        fuzz::require(json.ok(), "a good sheet converts to a good JSON feed");
        fuzz::require(json.feed->items.size() == check.feed->items.size(), "with the same items");
    }
    return 0;
}
