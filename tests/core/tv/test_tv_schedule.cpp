// The TV's schedule: its days and hours as the settings write them, the state
// it wants at an instant and when that next changes, across a change of clocks.
#include <doctest/doctest.h>

#include "core/feed/rfc3339.h"
#include "core/tv/tv_schedule.h"

using namespace placard;

namespace {

std::int64_t at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

std::string when(std::optional<std::int64_t> t) { return t ? format_rfc3339(*t) : std::string("never"); }

// Zurich, with the given periods on the days of mask.
TvSchedule zurich(unsigned mask, std::vector<TvPeriod> periods)
{
    TvSchedule s;
    s.zone = system_time_zones().find("Europe/Zurich");
    REQUIRE(s.zone);
    for (int d = 0; d < 7; ++d)
        if (mask & (1u << d)) s.days[static_cast<std::size_t>(d)] = periods;
    return s;
}

}  // namespace

TEST_CASE("weekdays as keys: a day, a range, one round the weekend, daily, a misspelt one gets the closest name")
{
    CHECK(*parse_weekdays("mon") == 0x01u);
    CHECK(*parse_weekdays("sun") == 0x40u);
    CHECK(*parse_weekdays("mon-fri") == 0x1Fu);
    CHECK(*parse_weekdays("sat-sun") == 0x60u);
    CHECK(*parse_weekdays("fri-mon") == 0x71u);
    CHECK(*parse_weekdays("daily") == 0x7Fu);
    CHECK(*parse_weekdays("Monday-Friday") == 0x1Fu);
    CHECK(parse_weekdays("tues").error().message
          == "\"tues\" is not a day (\"mon\" to \"sun\"), a range of days like \"mon-fri\", or \"daily\"; did you mean \"tue\" for \"tues\"?");
    CHECK(parse_weekdays("mon-fry").error().message.find("did you mean \"fri\" for \"fry\"?") != std::string::npos);
    CHECK(parse_weekdays("weekdays").error().message.find("did you mean") == std::string::npos);
}

TEST_CASE("a day's hours: on to off, the whole day, off, what is refused says how to write it")
{
    CHECK(**parse_tv_period("08:00-19:00") == TvPeriod{480, 1140});
    CHECK(**parse_tv_period("00:00-24:00") == TvPeriod{0, 1440});
    CHECK_FALSE(*parse_tv_period("off"));
    CHECK(parse_tv_period("8:00-19:00").error().message
          == "expected the hours the TV is on, like \"08:00-19:00\" (24-hour clock), or \"off\", got \"8:00-19:00\"");
    CHECK_FALSE(parse_tv_period("08:00-19:60"));
    CHECK_FALSE(parse_tv_period("24:00-24:00"));
    CHECK_FALSE(parse_tv_period("08:00"));
    CHECK(parse_tv_period("18:00-02:00").error().message
          == "\"18:00-02:00\" ends before it starts; for a TV on over midnight write the evening as \"18:00-24:00\" on one "
             "day and the morning as \"00:00-02:00\" on the next");
    CHECK(*overlapping({{480, 720}, {660, 840}}) == "08:00-12:00 and 11:00-14:00");
    CHECK_FALSE(overlapping({{480, 720}, {720, 840}}));
}

TEST_CASE("weekdays 08:00-19:00 in Zurich: on in the day, off at night and at the weekend, and the next change")
{
    TvSchedule s = zurich(0x1F, {{480, 1140}});
    // Monday 15 June 2026, summer time (UTC+2).
    TvWanted early = tv_wanted_at(s, at("2026-06-15T05:59:00Z"));
    CHECK_FALSE(early.on);
    CHECK(when(early.next_change) == "2026-06-15T06:00:00Z");
    TvWanted noon = tv_wanted_at(s, at("2026-06-15T10:00:00Z"));
    CHECK(noon.on);
    CHECK(when(noon.next_change) == "2026-06-15T17:00:00Z");
    // The change itself: on from 08:00, off from 19:00.
    CHECK(tv_wanted_at(s, at("2026-06-15T06:00:00Z")).on);
    CHECK_FALSE(tv_wanted_at(s, at("2026-06-15T17:00:00Z")).on);
    // Friday evening: off until Monday morning.
    TvWanted friday = tv_wanted_at(s, at("2026-06-19T17:30:00Z"));
    CHECK_FALSE(friday.on);
    CHECK(when(friday.next_change) == "2026-06-22T06:00:00Z");
    // Winter time (UTC+1).
    CHECK(when(tv_wanted_at(s, at("2026-01-12T05:00:00Z")).next_change) == "2026-01-12T07:00:00Z");
}

TEST_CASE("the night the clocks go forward, an on time in the skipped hour is an hour later, going back, the first")
{
    TvSchedule s = zurich(0x40, {{150, 300}});  // Sundays 02:30-05:00
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 is 03:30 summer time.
    CHECK(when(tv_wanted_at(s, at("2026-03-29T00:00:00Z")).next_change) == "2026-03-29T01:30:00Z");
    CHECK(tv_wanted_at(s, at("2026-03-29T01:30:00Z")).on);
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 comes first in summer time.
    CHECK(when(tv_wanted_at(s, at("2026-10-24T23:00:00Z")).next_change) == "2026-10-25T00:30:00Z");
}

TEST_CASE("periods back to back are one, a schedule that never changes has no next change")
{
    TvSchedule s = zurich(0x7F, {{480, 720}, {720, 1080}});
    CHECK(when(tv_wanted_at(s, at("2026-06-15T08:00:00Z")).next_change) == "2026-06-15T16:00:00Z");
    TvSchedule always = zurich(0x7F, {{0, 1440}});
    TvWanted a = tv_wanted_at(always, at("2026-06-15T08:00:00Z"));
    CHECK(a.on);
    CHECK_FALSE(a.next_change);
    TvSchedule never = zurich(0, {});
    TvWanted n = tv_wanted_at(never, at("2026-06-15T08:00:00Z"));
    CHECK_FALSE(n.on);
    CHECK_FALSE(n.next_change);
    // Round midnight: Monday 18:00-24:00 and Tuesday 00:00-02:00 are one evening.
    TvSchedule evening;
    evening.zone = fixed_offset_zone(0);
    evening.days[0] = {{1080, 1440}};
    evening.days[1] = {{0, 120}};
    TvWanted late = tv_wanted_at(evening, at("2026-06-15T23:00:00Z"));
    CHECK(late.on);
    CHECK(when(late.next_change) == "2026-06-16T02:00:00Z");
    // No schedule at all: on, and never a change.
    CHECK(tv_wanted_at(TvSchedule{}, 0).on);
}
