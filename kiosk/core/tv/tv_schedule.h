#pragma once
// When the TV is on: periods of each weekday, in the event's time zone (the
// settings' "tv" section, read in core/setup/config). Pure: "now" is passed in.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feed/time_zone.h"
#include "core/result.h"

namespace placard {

// Minutes after midnight: from on (included) to off (not included), 0 to 1440.
struct TvPeriod {
    int on = 0;
    int off = 0;
    bool operator==(const TvPeriod&) const = default;
};

struct TvSchedule {
    std::shared_ptr<const ZoneRules> zone;            // null: no schedule
    std::array<std::vector<TvPeriod>, 7> days;        // Monday first; a day with none is off all day
    bool empty() const { return !zone; }
};

// The weekday names of the settings, Monday first.
inline constexpr std::array<std::string_view, 7> weekday_names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "mon", "sat-sun", "mon-fri", "daily": the weekdays a key of "schedule"
// names (bit 0 Monday); an error that says what a key looks like, with the
// closest name for a misspelt day.
Result<unsigned> parse_weekdays(std::string_view key);

// "08:00-19:00", or "off": the day's period; "00:00-24:00" is the whole day.
// The error says what a period looks like; an off time before its on time
// (the TV on overnight) is refused with how to write it as two days.
Result<std::optional<TvPeriod>> parse_tv_period(std::string_view text);

// Whether a day's periods overlap, as "08:00-12:00 and 11:00-14:00".
std::optional<std::string> overlapping(const std::vector<TvPeriod>& periods);

// What the schedule says of the TV at an instant, and when it next changes
// its mind (within the coming week; nothing for a schedule that never does).
struct TvWanted {
    bool on = true;
    std::optional<std::int64_t> next_change;  // Unix seconds
};
TvWanted tv_wanted_at(const TvSchedule& schedule, std::int64_t utc_seconds);

}  // namespace placard
