// Time zones by name: ICU's rules through the TimeZones interface, the rule for
// the hour the clocks skip or repeat, and a name that is not a zone.
#include <doctest/doctest.h>

#include "core/feed/rfc3339.h"
#include "core/feed/time_zone.h"

using namespace placard;

namespace {

std::int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

// The wall time as written, counted as if it were UTC.
std::int64_t wall(const char* local) { return parse_loose_date_time(local)->wall_seconds; }

// The instant of a wall time in a zone, written back with the offset in force.
std::string local(const ZoneRules& zone, const char* wall_time)
{
    const std::int64_t t = utc_of_wall_time(zone, wall(wall_time));
    return format_rfc3339(t, zone.offset_at(t));
}

// Rules of the test's own, as a build without ICU would plug in: UTC+1, and
// UTC+2 from 2026-03-29T01:00Z.
class OneChange final : public ZoneRules {
public:
    int offset_at(std::int64_t t) const override { return t < 1774746000 ? 3600 : 7200; }
    std::string name() const override { return "Test/Change"; }
};

}  // namespace

TEST_CASE("ICU's Europe/Zurich and America/New_York: the offset in force at an instant")
{
    auto zurich = system_time_zones().find("Europe/Zurich");
    REQUIRE(zurich);
    CHECK(zurich->name() == "Europe/Zurich");
    CHECK(zurich->offset_at(at("2026-01-15T12:00:00Z")) == 3600);
    CHECK(zurich->offset_at(at("2026-06-15T12:00:00Z")) == 7200);
    // The change: 2026-03-29 at 01:00 UTC (02:00 local becomes 03:00), back on 2026-10-25 at 01:00 UTC.
    CHECK(zurich->offset_at(at("2026-03-29T00:59:59Z")) == 3600);
    CHECK(zurich->offset_at(at("2026-03-29T01:00:00Z")) == 7200);
    CHECK(zurich->offset_at(at("2026-10-25T00:59:59Z")) == 7200);
    CHECK(zurich->offset_at(at("2026-10-25T01:00:00Z")) == 3600);
    auto new_york = system_time_zones().find("America/New_York");
    REQUIRE(new_york);
    CHECK(new_york->offset_at(at("2026-03-08T06:59:59Z")) == -5 * 3600);
    CHECK(new_york->offset_at(at("2026-03-08T07:00:00Z")) == -4 * 3600);
    CHECK(new_york->offset_at(at("2026-11-01T05:59:59Z")) == -4 * 3600);
    CHECK(new_york->offset_at(at("2026-11-01T06:00:00Z")) == -5 * 3600);
    CHECK_FALSE(system_time_zones().find("Europe/Geneva"));
    CHECK_FALSE(system_time_zones().find("+01:00"));
    CHECK_FALSE(system_time_zones().find(""));
}

TEST_CASE("a wall time in a zone: summer and winter, the hour skipped moves forward, the hour repeated is the earlier")
{
    auto zurich = system_time_zones().find("Europe/Zurich");
    auto new_york = system_time_zones().find("America/New_York");
    REQUIRE(zurich);
    REQUIRE(new_york);
    CHECK(local(*zurich, "2026-01-15T13:00") == "2026-01-15T13:00:00+01:00");
    CHECK(local(*zurich, "2026-06-15T13:00") == "2026-06-15T13:00:00+02:00");
    // Zurich, 29 March 2026: 02:00 to 02:59 do not happen; 02:30 is read as 03:30 summer time.
    CHECK(local(*zurich, "2026-03-29T01:59") == "2026-03-29T01:59:00+01:00");
    CHECK(local(*zurich, "2026-03-29T02:30") == "2026-03-29T03:30:00+02:00");
    CHECK(local(*zurich, "2026-03-29T03:00") == "2026-03-29T03:00:00+02:00");
    // Zurich, 25 October 2026: 02:00 to 02:59 happen twice; the first, in summer time.
    CHECK(local(*zurich, "2026-10-25T02:30") == "2026-10-25T02:30:00+02:00");
    CHECK(local(*zurich, "2026-10-25T03:00") == "2026-10-25T03:00:00+01:00");
    // New York, 8 March 2026 (02:00 becomes 03:00) and 1 November 2026 (02:00 becomes 01:00).
    CHECK(local(*new_york, "2026-03-08T01:59") == "2026-03-08T01:59:00-05:00");
    CHECK(local(*new_york, "2026-03-08T02:15") == "2026-03-08T03:15:00-04:00");
    CHECK(local(*new_york, "2026-03-08T03:00") == "2026-03-08T03:00:00-04:00");
    CHECK(local(*new_york, "2026-11-01T00:59") == "2026-11-01T00:59:00-04:00");
    CHECK(local(*new_york, "2026-11-01T01:30") == "2026-11-01T01:30:00-04:00");
    CHECK(local(*new_york, "2026-11-01T02:00") == "2026-11-01T02:00:00-05:00");
    // The rule is the core's, not ICU's: rules of the test's own give the same answers.
    OneChange mine;
    CHECK(local(mine, "2026-03-29T02:30") == "2026-03-29T03:30:00+02:00");
    CHECK(local(mine, "2026-01-15T13:00") == "2026-01-15T13:00:00+01:00");
    auto fixed = fixed_offset_zone(-5 * 3600);
    CHECK(fixed->name() == "-05:00");
    CHECK(local(*fixed, "2026-06-15T13:00") == "2026-06-15T13:00:00-05:00");
    CHECK(local(*fixed_offset_zone(0), "2026-06-15T13:00") == "2026-06-15T13:00:00Z");
}

TEST_CASE("a name that is not a zone gets the zone it was meant as")
{
    const TimeZones& zones = system_time_zones();
    CHECK(suggest_zone(zones, "europe/zurich") == "Europe/Zurich");
    CHECK(suggest_zone(zones, "Europe/Zurik") == "Europe/Zurich");
    CHECK(suggest_zone(zones, "Zurich") == "Europe/Zurich");
    CHECK(suggest_zone(zones, "Europe/Geneva") == "Europe/Zurich");
    CHECK(suggest_zone(zones, "Geneva") == "Europe/Zurich");
    CHECK(suggest_zone(zones, "New York") == "America/New_York");
    CHECK(suggest_zone(zones, "America/NewYork") == "America/New_York");
    CHECK(suggest_zone(zones, "Mars/Olympus_Mons").empty());
}
