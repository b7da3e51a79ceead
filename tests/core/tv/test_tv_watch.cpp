// The TV's power decided: what the screen sends at start, at the schedule's
// changes and on the fleet's commands, and what it makes of the TV's answers.
#include <doctest/doctest.h>

#include "core/feed/rfc3339.h"
#include "core/tv/tv_watch.h"

using namespace placard;

namespace {

using Millis = TvWatch::Millis;

Millis at(const char* rfc3339) { return *parse_rfc3339(rfc3339) * 1000; }

// Weekdays 08:00-19:00 in UTC.
TvSchedule office_hours()
{
    TvSchedule s;
    s.zone = fixed_offset_zone(0);
    for (std::size_t d = 0; d < 5; ++d) s.days[d] = {{480, 1140}};
    return s;
}

const CecBytes on_order[] = {image_view_on(4), active_source(4, 0x1000)};
const CecBytes ask = give_power_status(4);
const CecBytes off_order = standby_to_tv(4);

std::vector<CecBytes> on_then(std::vector<CecBytes> more = {})
{
    std::vector<CecBytes> out(std::begin(on_order), std::end(on_order));
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

const std::vector<std::uint8_t> reports_on{0x04, 0x90, 0x00};
const std::vector<std::uint8_t> reports_standby{0x04, 0x90, 0x01};
const std::vector<std::uint8_t> reports_turning_on{0x04, 0x90, 0x02};

}  // namespace

TEST_CASE("at start the TV is told the state the schedule says, once the adapter has its address, and asked after")
{
    TvWatch w(office_hours());
    const Millis monday_noon = at("2026-06-15T12:00:00Z");
    CHECK(w.step(monday_noon).empty());  // no adapter yet: nothing goes out
    w.adapter_ready(4, 0x1000);
    CHECK(w.next_step(monday_noon) == monday_noon);
    CHECK(w.step(monday_noon) == on_then());
    CHECK(w.step(monday_noon + 1000).empty());
    CHECK(w.next_step(monday_noon + 1000) == monday_noon + TvWatch::ask_soon);
    CHECK(w.step(monday_noon + TvWatch::ask_soon) == std::vector<CecBytes>{ask});
    CHECK(w.heard(reports_on, monday_noon + 2100));
    CHECK(w.power() == TvPower::on);

    TvWatch night(office_hours());
    night.adapter_ready(4, 0x1000);
    CHECK(night.step(at("2026-06-15T22:00:00Z")) == std::vector<CecBytes>{off_order});
}

TEST_CASE("without a physical address, on is Image View On alone")
{
    TvWatch w(office_hours());
    w.adapter_ready(4, no_physical_address);
    CHECK(w.step(at("2026-06-15T12:00:00Z")) == std::vector<CecBytes>{image_view_on(4)});
}

TEST_CASE("the schedule's changes: off at 19:00, on at 08:00, and the step is due at each")
{
    TvWatch w(office_hours());
    w.adapter_ready(4, 0x1000);
    Millis t = at("2026-06-15T18:59:00Z");
    CHECK(w.step(t) == on_then());
    w.step(t + TvWatch::ask_soon);
    w.heard(reports_on, t + TvWatch::ask_soon);
    CHECK(w.next_step(t + 3000) <= at("2026-06-15T19:00:00Z"));
    CHECK(w.step(at("2026-06-15T19:00:00Z")) == std::vector<CecBytes>{off_order});
    CHECK(w.wanted(at("2026-06-15T19:00:00Z")) == false);
    // Tuesday 08:00: on again.
    CHECK(w.step(at("2026-06-16T08:00:00Z")).front() == image_view_on(4));
}

TEST_CASE("the fleet's tv-off in the day holds until the schedule's next change, tv-on at night likewise")
{
    TvWatch w(office_hours());
    w.adapter_ready(4, 0x1000);
    const Millis noon = at("2026-06-15T12:00:00Z");
    w.step(noon);
    w.command(false, noon + 1000);
    CHECK(w.wanted(noon + 1000) == false);
    CHECK(w.step(noon + 1000).front() == off_order);
    CHECK(w.wanted(at("2026-06-15T18:59:59Z")) == false);
    // At 19:00 the schedule says off as well: nothing more is sent for it.
    for (const CecBytes& sent : w.step(at("2026-06-15T19:00:00Z"))) CHECK(sent == ask);
    // tv-on at 21:00 holds until the next change, Tuesday 08:00, when the schedule says on anyway.
    w.command(true, at("2026-06-15T21:00:00Z"));
    CHECK(w.step(at("2026-06-15T21:00:00Z")).front() == image_view_on(4));
    CHECK(w.wanted(at("2026-06-16T03:00:00Z")) == true);
    // A command repeats the order even when it is the state last sent (a TV switched by its remote meanwhile).
    w.command(true, at("2026-06-15T21:01:00Z"));
    CHECK(w.step(at("2026-06-15T21:01:00Z")).front() == image_view_on(4));
}

TEST_CASE("with no schedule the TV is only asked, and told only on the fleet's command, which then holds")
{
    TvWatch w;
    w.adapter_ready(4, 0x1000);
    CHECK_FALSE(w.wanted(0));
    CHECK(w.step(1000) == std::vector<CecBytes>{ask});
    CHECK_FALSE(w.show_black(1000));
    w.command(false, 2000);
    CHECK(w.step(2000) == std::vector<CecBytes>{off_order});
    CHECK(w.wanted(1'000'000'000) == false);
}

TEST_CASE("a TV that still reports standby 10 s after on is told again, twice at most")
{
    TvWatch w(office_hours());
    w.adapter_ready(4, 0x1000);
    Millis t = at("2026-06-15T12:00:00Z");
    CHECK(w.step(t) == on_then());
    int orders = 1;
    for (Millis now = t + 1000; now < t + 120'000; now += 1000) {
        for (const CecBytes& sent : w.step(now)) {
            if (sent == ask) w.heard(reports_standby, now);
            else if (sent == image_view_on(4)) ++orders;
        }
    }
    CHECK(orders == 1 + TvWatch::max_orders_again);
}

TEST_CASE("two asks unanswered: the power is unknown and the TV silent, an answer ends that")
{
    TvWatch w;
    w.adapter_ready(4, 0x1000);
    w.step(0);
    w.heard(reports_on, 10);
    CHECK(w.power() == TvPower::on);
    w.unanswered(TvWatch::ask_every);
    CHECK(w.power() == TvPower::on);  // one miss is not yet silence
    CHECK_FALSE(w.silent());
    // The second ask gets no word back within 5 s: the step counts it unanswered.
    CHECK(w.step(2 * TvWatch::ask_every) == std::vector<CecBytes>{ask});
    CHECK(w.next_step(2 * TvWatch::ask_every) == 2 * TvWatch::ask_every + TvWatch::answer_time);
    w.step(2 * TvWatch::ask_every + TvWatch::answer_time);
    CHECK(w.silent());
    CHECK(w.power() == TvPower::unknown);
    CHECK(w.heard(reports_standby, 3 * TvWatch::ask_every));
    CHECK_FALSE(w.silent());
}

TEST_CASE("on its way, the TV is asked every 2 s until it settles")
{
    TvWatch w;
    w.adapter_ready(4, 0x1000);
    w.step(0);
    w.heard(reports_turning_on, 100);
    CHECK(w.power() == TvPower::turning_on);
    CHECK(w.next_step(200) == 100 + TvWatch::ask_soon);
    CHECK(w.step(100 + TvWatch::ask_soon) == std::vector<CecBytes>{ask});
    w.heard(reports_turning_on, 2200);
    CHECK(w.step(2200 + TvWatch::ask_soon) == std::vector<CecBytes>{ask});
    w.heard(reports_on, 4300);
    // Settled: one more ask as planned, then a minute apart.
    CHECK(w.step(6200) == std::vector<CecBytes>{ask});
    w.heard(reports_on, 6300);
    CHECK(w.next_step(6300) == 6200 + TvWatch::ask_every);
}

TEST_CASE("off hours on a TV not known to be on are drawn black, on hours and a TV that says it is on are not")
{
    TvWatch w(office_hours());
    const Millis night = at("2026-06-15T22:00:00Z");
    CHECK(w.show_black(night));  // no adapter at all
    w.adapter_ready(4, 0x1000);
    w.step(night);
    w.heard(reports_standby, night + 2000);
    CHECK(w.show_black(night + 2000));
    w.heard(reports_on, night + 4000);  // switched on by its remote: the slides come back
    CHECK_FALSE(w.show_black(night + 4000));
    CHECK_FALSE(w.show_black(at("2026-06-16T12:00:00Z")) == true);
}

TEST_CASE("the cable out and in again: nothing is sent meanwhile, and the state is ordered again")
{
    TvWatch w(office_hours());
    w.adapter_ready(4, 0x1000);
    const Millis noon = at("2026-06-15T12:00:00Z");
    w.step(noon);
    w.heard(reports_on, noon + 2000);
    w.adapter_lost();
    CHECK(w.power() == TvPower::unknown);
    CHECK(w.step(noon + 120'000).empty());
    w.adapter_ready(4, 0x2000);
    CHECK(w.step(noon + 121'000) == std::vector<CecBytes>{image_view_on(4), active_source(4, 0x2000)});
}

TEST_CASE("anything at all from the bus: only the TV's power report counts")
{
    TvWatch w;
    w.adapter_ready(4, 0x1000);
    CHECK_FALSE(w.heard({}, 0));
    CHECK_FALSE(w.heard(std::vector<std::uint8_t>(40, 0x90), 0));
    CHECK_FALSE(w.heard(std::vector<std::uint8_t>{0x04, 0x90, 0x07}, 0));
    CHECK_FALSE(w.heard(std::vector<std::uint8_t>{0x14, 0x90, 0x00}, 0));
    CHECK(w.power() == TvPower::unknown);
}
