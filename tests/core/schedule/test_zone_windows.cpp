// A notice's window written in a sheet in a named zone is shown from and to
// the minute the event's clocks say, in winter and in summer time, and across
// the changes of clocks.
#include <doctest/doctest.h>

#include <string>

#include "core/feed/rfc3339.h"
#include "core/schedule/schedule.h"
#include "core/sheet/feed_csv.h"

using namespace placard;

namespace {

// The notice of a sheet whose event row gives time_zone.
Item notice(const std::string& zone, const std::string& starts, const std::string& expires)
{
    FeedCheck check = parse_sheet_feed("kind,id,text,starts_at,expires_at,time_zone\n"
                                       "event,,Side event,,," + zone + "\n"
                                       "notice,n1,Welcome,"  + starts + "," + expires + ",\n");
    REQUIRE(check.ok());
    REQUIRE(check.feed->items.size() == 1);
    return check.feed->items[0];
}

bool shown_at(const Item& item, const char* utc) { return in_window(item, *parse_rfc3339(utc)); }

}  // namespace

TEST_CASE("Europe/Zurich: 13:00 to 15:00 is 12:00 to 14:00 UTC in January and 11:00 to 13:00 UTC in June")
{
    Item january = notice("Europe/Zurich", "2026-01-15 13:00", "2026-01-15 15:00");
    CHECK(january.starts_at == "2026-01-15T13:00:00+01:00");
    CHECK_FALSE(shown_at(january, "2026-01-15T11:59:00Z"));
    CHECK(shown_at(january, "2026-01-15T12:00:00Z"));
    CHECK(shown_at(january, "2026-01-15T13:59:00Z"));
    CHECK_FALSE(shown_at(january, "2026-01-15T14:00:00Z"));

    Item june = notice("Europe/Zurich", "2026-06-15 13:00", "2026-06-15 15:00");
    CHECK(june.starts_at == "2026-06-15T13:00:00+02:00");
    CHECK_FALSE(shown_at(june, "2026-06-15T10:59:00Z"));
    CHECK(shown_at(june, "2026-06-15T11:00:00Z"));
    CHECK(shown_at(june, "2026-06-15T12:59:00Z"));
    CHECK_FALSE(shown_at(june, "2026-06-15T13:00:00Z"));
}

TEST_CASE("America/New_York across its changes of clocks in March and November 2026")
{
    // 8 March: 01:30 EST to 03:30 EDT is one hour of real time.
    Item march = notice("America/New_York", "2026-03-08 01:30", "2026-03-08 03:30");
    CHECK(march.expires_at == "2026-03-08T03:30:00-04:00");
    CHECK_FALSE(shown_at(march, "2026-03-08T06:29:00Z"));
    CHECK(shown_at(march, "2026-03-08T06:30:00Z"));
    CHECK(shown_at(march, "2026-03-08T07:29:00Z"));
    CHECK_FALSE(shown_at(march, "2026-03-08T07:30:00Z"));
    // 02:30 does not happen that night: moved forward by the gap, to 03:30 EDT.
    Item gap = notice("America/New_York", "2026-03-08 02:30", "2026-03-08 04:00");
    CHECK(gap.starts_at == "2026-03-08T03:30:00-04:00");
    CHECK_FALSE(shown_at(gap, "2026-03-08T07:29:00Z"));
    CHECK(shown_at(gap, "2026-03-08T07:30:00Z"));

    // 1 November: 00:30 EDT to 01:30 (the first, EDT) is one hour; to 02:30 EST, three.
    Item november = notice("America/New_York", "2026-11-01 00:30", "2026-11-01 01:30");
    CHECK(november.expires_at == "2026-11-01T01:30:00-04:00");
    CHECK(shown_at(november, "2026-11-01T05:29:00Z"));
    CHECK_FALSE(shown_at(november, "2026-11-01T05:30:00Z"));
    Item night = notice("America/New_York", "2026-11-01 00:30", "2026-11-01 02:30");
    CHECK(night.expires_at == "2026-11-01T02:30:00-05:00");
    CHECK(shown_at(night, "2026-11-01T07:29:00Z"));
    CHECK_FALSE(shown_at(night, "2026-11-01T07:30:00Z"));
    // In winter, New York is five hours behind UTC; in summer, four.
    Item winter = notice("America/New_York", "2026-01-15 09:00", "2026-01-15 10:00");
    CHECK(shown_at(winter, "2026-01-15T14:00:00Z"));
    CHECK_FALSE(shown_at(winter, "2026-01-15T13:59:00Z"));
    Item summer = notice("America/New_York", "2026-07-15 09:00", "2026-07-15 10:00");
    CHECK(shown_at(summer, "2026-07-15T13:00:00Z"));
    CHECK_FALSE(shown_at(summer, "2026-07-15T12:59:00Z"));
}

TEST_CASE("a fixed offset still works, and times with their own offset keep it")
{
    Item fixed = notice("+01:00", "2026-06-15 13:00", "2026-06-15 15:00");
    CHECK(fixed.starts_at == "2026-06-15T13:00:00+01:00");
    Item written = notice("Europe/Zurich", "2026-06-15 13:00 -05:00", "2026-06-15T20:00:00Z");
    CHECK(written.starts_at == "2026-06-15T13:00:00-05:00");
    CHECK(written.expires_at == "2026-06-15T20:00:00Z");
}
