#include "core/sheet/feed_format.h"

#include <algorithm>
#include <string>

#include "core/text/text.h"
#include "core/sheet/csv_table.h"
#include "core/sheet/feed_csv.h"

namespace placard {
namespace {

}  // namespace

FeedFormat feed_format(std::string_view name, std::string_view content_type, std::string_view bytes)
{
    const std::string type = ascii_lower(content_type);
    if (type.find("csv") != std::string::npos || type.find("comma-separated") != std::string::npos
        || type.find("tab-separated") != std::string::npos)
        return FeedFormat::sheet;
    if (type.find("json") != std::string::npos) return FeedFormat::json;
    std::string lower_name = ascii_lower(name);
    const std::size_t query = lower_name.find_first_of("?#");
    const std::string path = lower_name.substr(0, query);
    const std::string rest = query == std::string::npos ? std::string{} : lower_name.substr(query);
    auto ends_with = [&](std::string_view end) {
        return path.size() >= end.size() && path.compare(path.size() - end.size(), end.size(), end) == 0;
    };
    if (ends_with(".csv") || ends_with(".tsv")) return FeedFormat::sheet;
    for (std::string_view q : {"output=csv", "format=csv", "output=tsv", "format=tsv"})
        if (rest.find(q) != std::string::npos) return FeedFormat::sheet;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || bytes[first] == '{' || bytes[first] == '[') return FeedFormat::json;
    const std::size_t end = std::min(bytes.find_first_of("\r\n", first), first + 4096);
    CsvTable header = read_csv(bytes.substr(first, end - first), 256, 1);
    if (!header.rows.empty())
        for (const std::string& cell : header.rows.front().cells)
            if (ascii_lower(cell) == "text") return FeedFormat::sheet;
    return FeedFormat::json;
}

FeedCheck parse_feed_from(std::string_view bytes, std::string_view name, std::string_view content_type,
                          std::optional<std::int64_t> now)
{
    if (feed_format(name, content_type, bytes) == FeedFormat::sheet) return parse_sheet_feed(bytes, now);
    return parse_feed(bytes, now);
}

}  // namespace placard
