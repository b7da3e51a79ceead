#pragma once
// RFC 3339 timestamps, parsed without reading any clock or time zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace placard {

// Seconds since 1970-01-01T00:00:00Z for a full RFC 3339 date-time
// ("2013-12-11T10:00:00Z", "2013-12-11T11:00:00.5+01:00"), or nothing.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// A full-date ("2013-12-11") or a full date-time; midnight UTC for a date.
std::optional<std::int64_t> parse_rfc3339_date_or_time(std::string_view text);

// A JSON Feed date as blog software writes it: a full RFC 3339 date-time, or
// one without seconds ("2017-04-11T07:00") or without an offset, which feed
// readers accept. The date and time are kept as written, in their own zone.
struct LooseDateTime {
    std::int64_t wall_seconds = 0;      // the written date and time, counted as if it were UTC
    std::optional<int> offset_seconds;  // the written offset; none: the event's own wall time
    bool has_seconds = true;
    // The instant, when the offset is written.
    std::optional<std::int64_t> instant() const
    {
        if (!offset_seconds) return std::nullopt;
        return wall_seconds - *offset_seconds;
    }
};
std::optional<LooseDateTime> parse_loose_date_time(std::string_view text);

// "2013-12-11T10:00:00Z" for the given seconds since the epoch.
std::string format_rfc3339(std::int64_t unix_seconds);

// The same instant as the wall time at an offset (seconds east of UTC):
// "2026-06-15T13:00:00+02:00" for 11:00Z at 7200; "Z" for an offset of 0.
std::string format_rfc3339(std::int64_t unix_seconds, int offset_seconds);

}  // namespace placard
