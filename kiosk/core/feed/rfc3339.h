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

// "2013-12-11T10:00:00Z" for the given seconds since the epoch.
std::string format_rfc3339(std::int64_t unix_seconds);

// Day, month name and year for display: "11 December 2013".
std::string format_display_date(std::int64_t unix_seconds);

}  // namespace placard
