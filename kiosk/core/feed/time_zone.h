#pragma once
// Time zones: the rules that turn a wall time ("15 June 2026, 13:00 in
// Geneva") into an instant. The core reads no time zone database; the rules
// come in through TimeZones. system_time_zones() is the one linked in: ICU's
// (time_zone_icu.cpp) in the kiosk and placard-feed. A build that cannot
// carry ICU's data (a browser's) links a file of its own that defines
// system_time_zones() instead; nothing else changes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

// One zone's rules.
class ZoneRules {
public:
    virtual ~ZoneRules() = default;
    // Seconds east of UTC in force at the instant utc_seconds (Unix seconds):
    // 3600 for Europe/Zurich in January, 7200 in June.
    virtual int offset_at(std::int64_t utc_seconds) const = 0;
    // As written in a sheet's time_zone: "Europe/Zurich", "+01:00".
    virtual std::string name() const = 0;
};

// The named zones known: IANA names, "Europe/Zurich", "America/New_York".
class TimeZones {
public:
    virtual ~TimeZones() = default;
    // The rules of a zone by its IANA name (as written, case and all), or
    // nullptr when the name is not one.
    virtual std::shared_ptr<const ZoneRules> find(std::string_view name) const = 0;
    // Every zone's name, for suggesting one in place of a misspelt name.
    virtual std::vector<std::string> names() const = 0;
};

// The rules linked into this program.
const TimeZones& system_time_zones();

// A fixed offset, in seconds east of UTC (the whole year round).
std::shared_ptr<const ZoneRules> fixed_offset_zone(int seconds_east);

// The instant (Unix seconds) at which a zone's clocks show a wall time, given
// as the written date and time counted as if it were UTC. The rule, for the
// hour a change of clocks skips or repeats:
//  - a gap (spring forward): a wall time the clocks skip is moved forward by
//    the gap, so 02:30 on the night Zurich goes from 02:00 to 03:00 is 03:30
//    summer time (the offset before the change is used);
//  - an overlap (fall back): a wall time the clocks show twice is the earlier
//    of the two, in summer time.
// It asks the rules only for offsets, so every implementation answers alike.
std::int64_t utc_of_wall_time(const ZoneRules& zone, std::int64_t wall_seconds);

// What to suggest for a name that is not a zone: "Europe/Zurich" for
// "europe/zurich", "Zurich", "Europe/Zurik" or "Europe/Geneva" (Geneva keeps
// Zurich's time), "America/New_York" for "New York"; "" when nothing is close.
std::string suggest_zone(const TimeZones& zones, std::string_view name);

}  // namespace placard
