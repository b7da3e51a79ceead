// The rotation as feeds change under it: a new feed at the slide boundary, an
// urgent item at once, screens in step on a shared clock, validity windows, a
// feed extended as it is planned, and items pulled.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/schedule/schedule.h"
#include "rotation_fixtures.h"

using namespace placard;
using namespace placard::rotation_test;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const Plan> timed_plan(const std::vector<std::pair<std::string, int>>& items)
{
    auto feed = std::make_shared<Feed>();
    for (const auto& [id, seconds] : items) {
        Item item;
        item.id = id;
        item.text = "Statement " + id;
        item.duration_seconds = seconds;
        feed->items.push_back(item);
    }
    return slides_of(std::move(feed));
}

const Millis day_2027{1798761600000};  // 2027-01-01T00:00:00Z in Unix milliseconds

}  // namespace

TEST_CASE("Rotation: a new feed waits for the slide boundary, then continues at the item due next")
{
    Rotation rotation;
    auto first = make_plan({make_item("a"), make_item("b"), make_item("c")});
    rotation.set_plan(first, 0ms);
    REQUIRE(rotation.at(12000ms));  // "b", 2 s in

    auto second = make_plan({make_item("x", Priority::normal, 5), make_item("c", Priority::normal, 7),
                             make_item("b", Priority::normal, 3), make_item("a", Priority::normal, 4)});
    rotation.set_plan(second, 12000ms);

    // Nobody loses the sentence they are reading.
    for (Millis now : {12000ms, 15000ms, 19999ms}) {
        CAPTURE(now.count());
        auto s = rotation.at(now);
        REQUIRE(s);
        CHECK(rotation.plan() == first.get());
        CHECK(id_at(rotation, *s) == "b");
        CHECK(s->elapsed == now - 10000ms);
        CHECK(s->duration == 10000ms);
    }
    CHECK(rotation.next_change(15000ms) == 20000ms);

    // At the boundary: the new feed, at "c", which was due next, wherever it now is.
    auto s = rotation.at(20000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == second.get());
    CHECK(id_at(rotation, *s) == "c");
    CHECK(s->item == 1);
    CHECK(s->position == 1);
    CHECK(s->count == 4);
    CHECK(s->elapsed == 0ms);
    CHECK(s->duration == 7000ms);

    // And then in the new feed's order.
    s = rotation.at(27000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "b");
    s = rotation.at(30000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    s = rotation.at(34000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "x");
}

TEST_CASE("Rotation: while a new feed is planned, the slide whose time is up waits for it, and the new feed follows at once")
{
    Rotation rotation;
    auto first = make_plan({make_item("a"), make_item("b"), make_item("c")});  // 10 s each
    rotation.set_plan(first, 0ms);
    REQUIRE(rotation.at(12000ms));  // "b", 2 s in
    rotation.await_plan(12000ms);   // a new feed came, and is being planned
    CHECK(rotation.awaiting_plan());

    // Before its time is up, nothing changes; after, "b" stays (no slide of the old plan is made).
    for (Millis now : {15000ms, 20000ms, 26000ms}) {
        CAPTURE(now.count());
        auto s = rotation.at(now);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "b");
        CHECK(s->elapsed == now - 10000ms);
        CHECK(s->fade == 1.0);
    }
    // Held, the loop is not woken again and again for a boundary in the past.
    REQUIRE(rotation.next_change(26000ms));
    CHECK(*rotation.next_change(26000ms) >= 26000ms);

    // The plan comes at 26 s: it follows at once, at "c", due next, faded in from its start.
    auto second = make_plan({make_item("x"), make_item("c"), make_item("a")});
    rotation.set_plan(second, 26000ms);
    CHECK_FALSE(rotation.awaiting_plan());
    auto s = rotation.at(26000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == second.get());
    CHECK(id_at(rotation, *s) == "c");
    CHECK(s->elapsed == 0ms);
    CHECK(s->fade == 0.0);
    s = rotation.at(36000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");  // its own time, from when it went up
}

TEST_CASE("Rotation: a partial plan on screen, held for a new feed's plan, goes on at once when extended")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a")}), 0ms);  // the first slides of a feed still being planned
    REQUIRE(rotation.at(1000ms));
    rotation.await_plan(1000ms);
    auto s = rotation.at(15000ms);  // "a" is up for 10 s: held since
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    rotation.extend_plan(make_plan({make_item("a"), make_item("b")}), 15000ms);
    CHECK_FALSE(rotation.awaiting_plan());
    s = rotation.at(15000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "b");
    CHECK(s->elapsed == 0ms);
    // Extended to nothing shown now (every item out of its window), it does not fail.
    rotation.await_plan(15000ms);
    rotation.extend_plan(make_plan({}), 40000ms);
    CHECK_FALSE(rotation.at(40000ms));
}

TEST_CASE("Rotation: a plan awaited for longer than plan_wait no longer holds the slide, and screens in step never wait")
{
    Rotation rotation;
    auto first = make_plan({make_item("a"), make_item("b")});
    rotation.set_plan(first, 0ms);
    REQUIRE(rotation.at(1000ms));
    rotation.await_plan(1000ms);
    const Millis limit = 1000ms + Rotation::plan_wait;
    auto s = rotation.at(limit - 1ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    s = rotation.at(limit);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "b");  // the rotation goes on with the plan it has, from now
    CHECK(s->elapsed == 0ms);
    CHECK_FALSE(rotation.awaiting_plan());

    Rotation shared;
    shared.use_clock(true, 0ms);
    shared.set_plan(first, 0ms);
    REQUIRE(shared.at(1000ms));
    shared.await_plan(1000ms);
    CHECK_FALSE(shared.awaiting_plan());
    s = shared.at(10000ms);
    REQUIRE(s);
    CHECK(id_at(shared, *s) == "b");
}

TEST_CASE("Rotation: when the item due next is gone, the new feed starts from its beginning")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
    REQUIRE(rotation.at(1000ms));
    auto second = make_plan({make_item("y"), make_item("a"), make_item("z")});  // no "b"
    rotation.set_plan(second, 1000ms);
    auto s = rotation.at(10000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == second.get());
    CHECK(id_at(rotation, *s) == "y");
    CHECK(s->elapsed == 0ms);
}

TEST_CASE("Rotation: the old feed may be released when the new one lands (run under ASan to see a dangling id)")
{
    const std::string long_id = "statement-from-the-delegation-of-a-member-state-";  // not a small string
    Rotation rotation;
    rotation.set_plan(make_plan({make_item(long_id + "1"), make_item(long_id + "2"), make_item(long_id + "3")}), 0ms);
    REQUIRE(rotation.at(1000ms));
    // The rotation holds the only reference to the first feed.
    rotation.set_plan(make_plan({make_item(long_id + "3"), make_item(long_id + "2"), make_item(long_id + "1")}), 1000ms);
    auto s = rotation.at(10000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == long_id + "2");
    CHECK(s->item == 1);
    s = rotation.at(20000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == long_id + "1");
}

TEST_CASE("Rotation: the waiting feed lands when the slide is changed by hand")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
    REQUIRE(rotation.at(1000ms));
    auto second = make_plan({make_item("c"), make_item("b"), make_item("a")});
    rotation.set_plan(second, 1000ms);
    rotation.next(2000ms);
    auto s = rotation.at(2000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == second.get());
    CHECK(id_at(rotation, *s) == "b");
}

TEST_CASE("Rotation: a new urgent item interrupts at once")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
    REQUIRE(rotation.at(12000ms));
    auto urgent = make_plan({make_item("a"), make_item("evacuate", Priority::urgent, 30), make_item("b")});
    rotation.set_plan(urgent, 12000ms);
    auto s = rotation.at(12000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == urgent.get());
    CHECK(id_at(rotation, *s) == "evacuate");
    CHECK(s->elapsed == 0ms);
    CHECK(s->count == 1);
    // Only the urgent item is shown while it lasts.
    s = rotation.at(12000ms + 30000ms * 3 + 1000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "evacuate");

    // When the urgent item is withdrawn, the ordinary rotation comes back at the boundary.
    auto calm = make_plan({make_item("a"), make_item("b")});
    rotation.set_plan(calm, 103000ms);
    s = rotation.at(103000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "evacuate");
    s = rotation.at(132000ms);
    REQUIRE(s);
    CHECK(rotation.plan() == calm.get());
    CHECK(id_at(rotation, *s) == "a");
}

TEST_CASE("Rotation: an urgent item arriving while paused has a sane elapsed time")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b")}), 0ms);
    REQUIRE(rotation.at(2000ms));
    rotation.toggle_pause(2000ms);
    rotation.set_plan(make_plan({make_item("alarm", Priority::urgent)}), 5000ms);
    auto s = rotation.at(6000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "alarm");
    CHECK(s->elapsed >= 0ms);
    CHECK(s->elapsed <= s->duration);
    CHECK(s->fade >= 0.0);
    CHECK(s->fade <= 1.0);
}

TEST_CASE("two screens started at different times show the same slide at the same moment")
{
    auto feed = timed_plan({{"a", 10}, {"b", 20}, {"c", 15}});
    Rotation early, late;
    early.use_clock(true, Millis{0});
    late.use_clock(true, Millis{0});
    early.set_plan(feed, day_2027);
    late.set_plan(feed, day_2027 + Millis{37000});  // switched on 37 s later
    for (Millis t = day_2027 + Millis{37000}; t < day_2027 + Millis{400000}; t += Millis{1000}) {
        auto a = early.at(t);
        auto b = late.at(t);
        REQUIRE(a);
        REQUIRE(b);
        CAPTURE(t.count());
        CHECK(a->item == b->item);
        CHECK(a->elapsed == b->elapsed);
    }
    // Anchored to UTC: the 45 s cycle starts at every multiple of 45 s since the epoch.
    auto at_cycle = early.at(Millis{(day_2027.count() / 45000 + 10) * 45000});
    CHECK(at_cycle->item == 0);
    CHECK(at_cycle->elapsed == Millis{0});
}

TEST_CASE("without a shared clock each screen starts at the first slide")
{
    auto feed = timed_plan({{"a", 10}, {"b", 20}});
    Rotation r;
    r.set_plan(feed, Millis{123456});
    CHECK(r.at(Millis{123456})->item == 0);
    CHECK(r.at(Millis{123456 + 10000})->item == 1);
}

TEST_CASE("a clicker leaves the shared rotation and rejoins it after a minute without input")
{
    auto feed = timed_plan({{"a", 10}, {"b", 10}, {"c", 10}, {"d", 10}});
    Rotation shared, clicked;
    for (Rotation* r : {&shared, &clicked}) {
        r->use_clock(true, Millis{0});
        r->set_plan(feed, day_2027);
    }
    Millis t = day_2027 + Millis{5000};
    REQUIRE(shared.at(t)->item == clicked.at(t)->item);
    clicked.next(t);
    clicked.next(t + Millis{2000});
    CHECK(clicked.at(t + Millis{3000})->item != shared.at(t + Millis{3000})->item);
    // Still on its own 50 s after the last press...
    CHECK(clicked.at(t + Millis{2000} + Millis{50000})->item != shared.at(t + Millis{2000} + Millis{50000})->item);
    // ...and back in step once a minute has passed without input.
    Millis later = t + Millis{2000} + Rotation::rejoin_after + Millis{1};
    CHECK(clicked.at(later)->item == shared.at(later)->item);
    CHECK(clicked.at(later)->elapsed == shared.at(later)->elapsed);
}

TEST_CASE("validity windows apply only with a trustworthy clock")
{
    Feed feed;
    auto add = [&](std::string id, std::string starts, std::string expires) {
        Item item;
        item.id = std::move(id);
        item.text = "x";
        item.starts_at = std::move(starts);
        item.expires_at = std::move(expires);
        feed.items.push_back(item);
    };
    add("always", "", "");
    add("morning", "2027-01-01T09:00:00Z", "2027-01-01T12:00:00Z");
    add("expired", "", "2026-06-01T00:00:00Z");
    const std::int64_t ten_am = 1798794000;  // 2027-01-01T10:00:00Z
    CHECK(rotation_order(as_plan(feed), ten_am) == std::vector<std::size_t>{0, 1});
    CHECK(rotation_order(as_plan(feed), ten_am + 3 * 3600) == std::vector<std::size_t>{0});
    CHECK(rotation_order(as_plan(feed), std::nullopt) == std::vector<std::size_t>{0, 1, 2});  // no clock: show everything

    feed.generated_at = "2027-01-01T08:00:00Z";
    CHECK(clock_is_plausible(ten_am, feed));
    CHECK_FALSE(clock_is_plausible(0, feed));                    // a Pi that booted in 1970
    CHECK_FALSE(clock_is_plausible(ten_am - 86400, feed));       // a clock behind the feed itself
    CHECK_FALSE(clock_is_plausible(1700000000, Feed{}));         // 2023: before this release existed
}

TEST_CASE("an item's window opening and closing changes the rotation at slide boundaries")
{
    auto feed = std::make_shared<Feed>();
    Item always;
    always.id = "always";
    always.text = "x";
    always.duration_seconds = 10;
    Item urgent = always;
    urgent.id = "alert";
    urgent.priority = Priority::urgent;
    urgent.starts_at = "2027-01-01T00:01:00Z";
    urgent.expires_at = "2027-01-01T00:02:00Z";
    feed->items = {always, urgent};
    Rotation r;
    r.use_clock(true, Millis{0});
    r.set_plan(slides_of(feed), day_2027);
    CHECK(feed->items[r.at(day_2027 + Millis{30000})->item].id == "always");
    CHECK(feed->items[r.at(day_2027 + Millis{65000})->item].id == "alert");   // the urgent window is open
    CHECK(feed->items[r.at(day_2027 + Millis{125000})->item].id == "always"); // and closed again
}

TEST_CASE("windows apply with a trusted wall clock even when the rotation is not in step (--no-sync)")
{
    auto feed = std::make_shared<Feed>();
    Item always = make_item("always");
    Item notice = make_item("room-change", Priority::urgent);
    notice.expires_at = "2027-01-01T00:00:30Z";  // expired 30 s after day_2027
    feed->items = {always, notice};
    // The screen's own clock starts at 0; UTC is day_2027 at that moment.
    Rotation r;
    r.use_clock(false, day_2027);
    r.set_plan(slides_of(feed), Millis{0});
    CHECK(feed->items[r.at(Millis{1000})->item].id == "room-change");
    CHECK(r.at(Millis{1000})->position == 0);  // not anchored to UTC: starts where the screen started
    CHECK(feed->items[r.at(Millis{45000})->item].id == "always");  // expired: gone at the next boundary
    // A clock that is not trusted leaves windows alone, in step or not.
    Rotation untrusted;
    untrusted.use_clock(false, std::nullopt);
    untrusted.set_plan(slides_of(feed), Millis{0});
    CHECK(feed->items[untrusted.at(Millis{45000})->item].id == "room-change");
}

TEST_CASE("a lone slide that follows itself stays still: no fade out and in each reading period")
{
    auto feed = make_plan({make_item("alert", Priority::urgent), make_item("a"), make_item("b")});
    for (bool shared : {false, true}) {
        Rotation r;
        r.use_clock(shared, shared ? std::optional<Millis>(Millis{0}) : std::nullopt);
        Millis start = shared ? day_2027 : Millis{0};
        r.set_plan(feed, start);
        auto first = r.at(start + Millis{100});
        REQUIRE(first);
        CHECK(first->fade < 1.0);  // the first appearance fades in
        for (int period = 1; period <= 3; ++period) {
            auto later = r.at(start + Millis{period * 10000 + 100});  // just after each 10 s boundary
            REQUIRE(later);
            CHECK(id_at(r, *later) == "alert");
            CHECK(later->fade == 1.0);
            CHECK(r.next_change(start + Millis{period * 10000 + 100}) != std::optional<Millis>(start + Millis{period * 10000 + 100}));
        }
    }
    // Two slides still fade between each other.
    auto two = make_plan({make_item("a"), make_item("b")});
    Rotation r;
    r.set_plan(two, Millis{0});
    CHECK(r.at(Millis{10100})->fade < 1.0);
}

TEST_CASE("a pinned slide keeps its place when the feed is extended, not the last of its many places")
{
    Item pinned = make_item("setup", Priority::pinned);
    auto partial = make_plan({pinned, make_item("a")});
    auto full = make_plan({pinned, make_item("a"), make_item("b"), make_item("c")});
    Rotation r;
    r.set_plan(partial, Millis{0});
    REQUIRE(r.at(Millis{1000})->position == 0);
    r.extend_plan(full, Millis{1000});
    auto now = r.at(Millis{2000});
    REQUIRE(now);
    CHECK(id_at(r, *now) == "setup");
    CHECK(now->position == 0);  // the order is setup a setup b setup c: still the first
    CHECK(id_at(r, *r.at(Millis{10500})) == "a");
}

namespace {

std::shared_ptr<const ItemIds> ids_of(std::initializer_list<const char*> ids)
{
    auto set = std::make_shared<ItemIds>();
    for (const char* id : ids) set->insert(id);
    return set;
}

}  // namespace

TEST_CASE("Rotation: a slide whose item the new feed no longer has leaves at once, before the new feed is planned")
{
    Rotation rotation;
    auto old_plan = make_plan({make_item("a"), make_item("b"), make_item("c")});
    rotation.set_plan(old_plan, 0ms);
    auto s = rotation.at(12000ms);  // "b", 2 s of its 10 in
    REQUIRE(s);
    REQUIRE(id_at(rotation, *s) == "b");

    rotation.keep_only(ids_of({"a", "c"}), 12500ms);
    s = rotation.at(12500ms);
    REQUIRE(s);
    CHECK(rotation.plan() == old_plan.get());  // the new feed is not planned yet
    CHECK(id_at(rotation, *s) == "c");          // the slide after it, now, fading in
    CHECK(s->elapsed == 0ms);
    CHECK(s->fade == 0.0);
    CHECK(s->count == 2);
    // And it never comes back, at a boundary or by hand.
    for (Millis t = 12500ms; t < 80000ms; t += 500ms) {
        auto at = rotation.at(t);
        REQUIRE(at);
        CHECK(id_at(rotation, *at) != "b");
    }
    rotation.previous(80000ms);
    rotation.previous(80001ms);
    CHECK(id_at(rotation, *rotation.at(80002ms)) != "b");
    CHECK(rotation.item_ids() == std::vector<std::string>{"a", "c"});
}

TEST_CASE("Rotation: a slide that stays keeps its time when other items are pulled, and a waiting older plan cannot bring one back")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
    REQUIRE(id_at(rotation, *rotation.at(3000ms)) == "a");
    // A plan of an older feed, still with "b", is waiting for the boundary.
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 3000ms);
    rotation.keep_only(ids_of({"a", "c"}), 4000ms);
    auto s = rotation.at(4000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    CHECK(s->elapsed == 4000ms);
    s = rotation.at(10000ms);  // the boundary: the waiting plan lands, without "b"
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "c");
    CHECK(rotation.item_ids() == std::vector<std::string>{"a", "c"});
    // The only urgent item pulled: the rest of the feed is shown, not nothing.
    rotation.keep_only(ids_of({"u", "a", "c"}), 11000ms);  // as the kiosk does: the ids first, then the plan
    rotation.set_plan(make_plan({make_item("u", Priority::urgent), make_item("a"), make_item("c")}), 11000ms);
    REQUIRE(id_at(rotation, *rotation.at(11000ms)) == "u");
    rotation.keep_only(ids_of({"a", "c"}), 12000ms);
    s = rotation.at(12000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) != "u");
    CHECK(s->count == 2);
    // Everything pulled: no slide at all (the event card).
    rotation.keep_only(ids_of({}), 13000ms);
    CHECK_FALSE(rotation.at(13000ms));
    CHECK(rotation.item_ids().empty());
}

TEST_CASE("Rotation: screens in step drop a pulled slide together and land on the same slide")
{
    auto feed = timed_plan({{"a", 10}, {"b", 20}, {"c", 15}});
    Rotation one, two;
    one.use_clock(true, Millis{0});
    two.use_clock(true, Millis{0});
    one.set_plan(feed, day_2027);
    two.set_plan(feed, day_2027 + 5000ms);
    Millis t = day_2027 + 60000ms;
    REQUIRE(one.at(t));
    REQUIRE(two.at(t));
    one.keep_only(ids_of({"a", "c"}), t + 100ms);
    two.keep_only(ids_of({"a", "c"}), t + 900ms);
    for (Millis u = t + 1000ms; u < t + 200000ms; u += 1000ms) {
        auto x = one.at(u);
        auto y = two.at(u);
        REQUIRE(x);
        REQUIRE(y);
        CHECK(x->item == y->item);
        CHECK(id_at(one, *x) != "b");
    }
}

TEST_CASE("a partial plan extended by a plan that numbers its slides otherwise keeps the slide on screen by item and page")
{
    // The first slides of a feed are on screen; the complete plan comes from a
    // later feed (its pictures ready) whose slides are in another order.
    auto partial = make_plan({make_item("a")});
    auto full = make_plan({make_item("x"), make_item("a"), make_item("b")});
    Rotation r;
    r.set_plan(partial, Millis{0});
    REQUIRE(id_at(r, *r.at(Millis{3000})) == "a");
    r.extend_plan(full, Millis{3000});
    auto now = r.at(Millis{4000});
    REQUIRE(now);
    CHECK(id_at(r, *now) == "a");
    CHECK(now->elapsed == Millis{4000});  // not restarted, and not another slide without a fade
    CHECK(now->count == 3);
    CHECK(r.item_ids() == std::vector<std::string>{"a", "b", "x"});
}
