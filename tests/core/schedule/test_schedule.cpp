// The schedule: reading time, rotation order, and the Rotation driven by explicit times.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/schedule/schedule.h"

using namespace placard;
using namespace std::chrono_literals;

namespace {

Item make_item(const std::string& id, Priority priority = Priority::normal, std::optional<int> seconds = 10)
{
    Item item;
    item.id = id;
    item.priority = priority;
    item.text = "Statement " + id;
    item.duration_seconds = seconds;
    return item;
}

// A feed shown as written: one slide an item.
std::shared_ptr<const Plan> slides_of(std::shared_ptr<const Feed> feed)
{
    return std::make_shared<const Plan>(plan_as_written(std::move(feed)));
}

Plan as_plan(const Feed& feed) { return plan_as_written(std::make_shared<const Feed>(feed)); }

std::shared_ptr<const Plan> make_plan(std::vector<Item> items)
{
    auto feed = std::make_shared<Feed>();
    feed->version = "https://jsonfeed.org/version/1.1";
    feed->title = "Side event";
    feed->items = std::move(items);
    return slides_of(std::move(feed));
}

std::string words(int n)
{
    std::string s;
    for (int i = 0; i < n; ++i) s += i == 0 ? "word" : " word";
    return s;
}

std::string chinese_chars(int n)
{
    std::string s;
    for (int i = 0; i < n; ++i) s += "\xE5\x9B\xBD";  // 国
    return s;
}

Millis words_time(long long n) { return Millis(n * 60000 / ReadingPace::words_per_minute) + ReadingPace::lead_in; }
Millis chars_time(long long n) { return Millis(n * 60000 / ReadingPace::cjk_chars_per_minute) + ReadingPace::lead_in; }

const std::string& id_at(const Rotation& rotation, const SlideNow& slide) { return rotation.plan()->slides[slide.item].item().id; }

}  // namespace

TEST_CASE("a feed extended as more of it is planned keeps the slide on screen and its timing")
{
    auto one = std::make_shared<Feed>();
    Item a;
    a.id = "a";
    a.text = "First.";
    a.duration_seconds = 10;
    one->items.push_back(a);
    auto three = std::make_shared<Feed>(*one);
    for (const char* id : {"b", "c"}) {
        Item more = a;
        more.id = id;
        three->items.push_back(more);
    }
    Rotation r;
    r.set_plan(slides_of(one), Millis{0});
    REQUIRE(r.at(Millis{4000}));
    r.extend_plan(slides_of(three), Millis{4000});
    auto now = r.at(Millis{5000});
    REQUIRE(now);
    CHECK(three->items[now->item].id == "a");
    CHECK(now->elapsed == Millis{5000});  // not restarted
    CHECK(now->count == 3);
    auto next = r.at(Millis{10500});
    REQUIRE(next);
    CHECK(three->items[next->item].id == "b");  // on through the fuller feed, not "a" again
}

TEST_CASE("reading_time: duration_seconds overrides the reading pace, even outside the bounds")
{
    struct Case {
        int seconds;
        Millis expected;
    };
    const Case cases[] = {{1, 1000ms}, {2, 2000ms}, {20, 20000ms}, {120, 120000ms}, {3600, 3600000ms}};
    for (const Case& c : cases) {
        CAPTURE(c.seconds);
        Item item = make_item("a", Priority::normal, c.seconds);
        item.text = words(500);  // would hit the ceiling without the override
        CHECK(reading_time(item) == c.expected);
    }
}

TEST_CASE("reading_time: words at a room's pace, within the floor and the ceiling")
{
    struct Case {
        const char* name;
        std::string text;
        Millis expected;
    };
    const Case cases[] = {
        {"empty text gets the floor", "", ReadingPace::floor},
        {"a short sentence gets the floor", words(5), ReadingPace::floor},
        {"20 words", words(20), words_time(20)},
        {"40 words", words(40), words_time(40)},
        {"80 words", words(80), words_time(80)},
        {"a long speech is capped", words(400), ReadingPace::ceiling},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        Item item = make_item("a", Priority::normal, std::nullopt);
        item.text = c.text;
        CHECK(reading_time(item) == c.expected);
        CHECK(reading_time(item) >= ReadingPace::floor);
        CHECK(reading_time(item) <= ReadingPace::ceiling);
    }
}

TEST_CASE("reading_time: longer text takes longer, and title, speaker and role are read too")
{
    Item shorter = make_item("a", Priority::normal, std::nullopt);
    Item longer = shorter;
    shorter.text = words(30);
    longer.text = words(60);
    CHECK(reading_time(longer) > reading_time(shorter));

    Item with_attribution = shorter;
    with_attribution.title = words(5);
    with_attribution.speaker = words(3);
    with_attribution.role = words(4);
    CHECK(reading_time(with_attribution) == words_time(30 + 5 + 3 + 4));
}

TEST_CASE("reading_time: Chinese text is timed by characters, not words")
{
    Item item = make_item("a", Priority::normal, std::nullopt);
    item.text = chinese_chars(60);  // one "word" by spaces; 60 characters to read
    Millis t = reading_time(item);
    CHECK(t > ReadingPace::floor);
    CHECK(t >= chars_time(60));
    CHECK(t < chars_time(70));

    Item more = item;
    more.text = chinese_chars(90);
    CHECK(reading_time(more) > t);

    item.text = chinese_chars(1000);
    CHECK(reading_time(item) == ReadingPace::ceiling);
}

TEST_CASE("rotation_order: feed order, urgent only, pinned every other slide")
{
    using P = Priority;
    struct Case {
        const char* name;
        std::vector<Priority> priorities;
        std::vector<std::size_t> expected;
    };
    const Case cases[] = {
        {"empty feed", {}, {}},
        {"feed order", {P::normal, P::normal, P::normal}, {0, 1, 2}},
        {"urgent items are all that is shown", {P::normal, P::urgent, P::pinned, P::urgent}, {1, 3}},
        {"one urgent item", {P::normal, P::normal, P::urgent}, {2}},
        {"one pinned item every other slide", {P::normal, P::pinned, P::normal, P::normal}, {1, 0, 1, 2, 1, 3}},
        {"pinned items cycle", {P::pinned, P::normal, P::normal, P::pinned, P::normal}, {0, 1, 3, 2, 0, 4}},
        {"more pinned items than normal ones", {P::pinned, P::pinned, P::normal, P::pinned}, {0, 2, 1, 2, 3, 2}},
        {"only pinned", {P::pinned, P::pinned}, {0, 1}},
        {"only urgent", {P::urgent}, {0}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        std::vector<Item> items;
        for (std::size_t i = 0; i < c.priorities.size(); ++i) items.push_back(make_item(std::to_string(i), c.priorities[i]));
        CHECK(rotation_order(*make_plan(items)) == c.expected);
    }
}

TEST_CASE("rotation_order: every pinned item is shown, every other slide")
{
    for (std::size_t pinned = 1; pinned <= 5; ++pinned) {
        for (std::size_t normal = 1; normal <= 5; ++normal) {
            CAPTURE(pinned);
            CAPTURE(normal);
            std::vector<Item> items;
            for (std::size_t i = 0; i < pinned; ++i) items.push_back(make_item("p" + std::to_string(i), Priority::pinned));
            for (std::size_t i = 0; i < normal; ++i) items.push_back(make_item("n" + std::to_string(i), Priority::normal));
            auto order = rotation_order(*make_plan(items));
            REQUIRE(order.size() % 2 == 0);
            for (std::size_t k = 0; k < order.size(); ++k) {
                CAPTURE(k);
                CHECK((order[k] < pinned) == (k % 2 == 0));
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                CAPTURE(i);
                CHECK(std::find(order.begin(), order.end(), i) != order.end());
            }
        }
    }
}

TEST_CASE("Rotation: the first slide starts at once, at time 0")
{
    Rotation rotation;
    auto feed = make_plan({make_item("a"), make_item("b"), make_item("c")});
    rotation.set_plan(feed, 0ms);
    CHECK(rotation.plan() == feed.get());
    auto s = rotation.at(0ms);
    REQUIRE(s);
    CHECK(s->item == 0);
    CHECK(s->position == 0);
    CHECK(s->count == 3);
    CHECK(s->elapsed == 0ms);
    CHECK(s->duration == 10000ms);
    CHECK_FALSE(rotation.paused());
}

TEST_CASE("Rotation: slides change exactly at their boundaries and wrap around")
{
    Item long_read = make_item("b", Priority::normal, std::nullopt);
    long_read.text = words(40);
    const Millis b = reading_time(long_read);
    REQUIRE(b == words_time(40));

    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a", Priority::normal, 10), long_read, make_item("c", Priority::normal, 5)}), 0ms);
    const Millis cycle = 10000ms + b + 5000ms;
    struct Step {
        Millis now;
        const char* id;
        Millis elapsed;
    };
    const Step steps[] = {
        {0ms, "a", 0ms},
        {9999ms, "a", 9999ms},
        {10000ms, "b", 0ms},
        {10000ms + b - 1ms, "b", b - 1ms},
        {10000ms + b, "c", 0ms},
        {cycle - 1ms, "c", 4999ms},
        {cycle, "a", 0ms},
        {cycle + 10000ms, "b", 0ms},
        {2 * cycle + 3000ms, "a", 3000ms},
        // Skipping several slides between calls lands on the right one.
        {5 * cycle + 10000ms + b + 1234ms, "c", 1234ms},
    };
    for (const Step& step : steps) {
        CAPTURE(step.now.count());
        auto s = rotation.at(step.now);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == step.id);
        CHECK(s->elapsed == step.elapsed);
        CHECK(s->duration == reading_time(rotation.plan()->slides[s->item]));
        CHECK(s->position == s->item);
        CHECK(s->count == 3);
    }
}

TEST_CASE("Rotation: each slide fades in during its first fade_time")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b")}), 0ms);
    const double fade_ms = static_cast<double>(Rotation::fade_time.count());
    struct Step {
        Millis now;
        double fade;
    };
    const Step steps[] = {
        {0ms, 0.0},
        {Rotation::fade_time / 4, 0.25},
        {Rotation::fade_time / 2, 0.5},
        {Rotation::fade_time - 1ms, (fade_ms - 1) / fade_ms},
        {Rotation::fade_time, 1.0},
        {5000ms, 1.0},
        {9999ms, 1.0},
        {10000ms, 0.0},  // the next slide fades in
        {10000ms + Rotation::fade_time / 2, 0.5},
        {10000ms + Rotation::fade_time, 1.0},
    };
    for (const Step& step : steps) {
        CAPTURE(step.now.count());
        auto s = rotation.at(step.now);
        REQUIRE(s);
        CHECK(s->fade == doctest::Approx(step.fade));
        CHECK(s->fade >= 0.0);
        CHECK(s->fade <= 1.0);
    }
}

TEST_CASE("Rotation: next and previous move one slide, wrapping at both ends")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
    REQUIRE(rotation.at(0ms));
    struct Step {
        int move;  // +1 next, -1 previous
        Millis now;
        const char* id;
    };
    const Step steps[] = {
        {+1, 1000ms, "b"}, {+1, 2000ms, "c"}, {+1, 3000ms, "a"},  // wraps forwards
        {-1, 4000ms, "c"},                                       // wraps backwards
        {-1, 5000ms, "b"}, {-1, 6000ms, "a"},
    };
    for (const Step& step : steps) {
        CAPTURE(step.now.count());
        if (step.move > 0) rotation.next(step.now);
        else rotation.previous(step.now);
        auto s = rotation.at(step.now);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == step.id);
        CHECK(s->elapsed == 0ms);  // a manual change starts the slide afresh
    }
    // The slide chosen by hand then runs its full time.
    auto s = rotation.at(6000ms + 9999ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    s = rotation.at(16000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "b");
}

TEST_CASE("Rotation: pause freezes the slide, resume continues where it was")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a"), make_item("b")}), 0ms);
    REQUIRE(rotation.at(3000ms));
    rotation.toggle_pause(3000ms);
    CHECK(rotation.paused());

    for (Millis now : {3000ms, 9999ms, 10000ms, 50000ms, 500000ms}) {
        CAPTURE(now.count());
        auto s = rotation.at(now);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "a");
        CHECK(s->elapsed == 3000ms);
        CHECK(s->fade == 1.0);
        CHECK_FALSE(rotation.next_change(now).has_value());
    }

    rotation.toggle_pause(500000ms);
    CHECK_FALSE(rotation.paused());
    auto s = rotation.at(500000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    CHECK(s->elapsed == 3000ms);
    CHECK(rotation.next_change(500000ms) == 507000ms);
    s = rotation.at(506999ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    CHECK(s->elapsed == 9999ms);
    s = rotation.at(507000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "b");
    CHECK(s->elapsed == 0ms);
}

TEST_CASE("Rotation: pausing never leaves a half-finished fade on screen")
{
    SUBCASE("paused during a fade")
    {
        Rotation rotation;
        rotation.set_plan(make_plan({make_item("a"), make_item("b")}), 0ms);
        REQUIRE(rotation.at(10000ms + Rotation::fade_time / 2));  // "b" half faded in
        rotation.toggle_pause(10000ms + Rotation::fade_time / 2);
        auto s = rotation.at(20000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "b");
        CHECK(s->fade == 1.0);
        CHECK_FALSE(rotation.next_change(20000ms).has_value());
        rotation.toggle_pause(30000ms);
        s = rotation.at(30000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "b");
        CHECK(s->fade == 1.0);
        CHECK(s->elapsed < s->duration);
    }
    SUBCASE("next and previous while paused show the new slide")
    {
        Rotation rotation;
        rotation.set_plan(make_plan({make_item("a"), make_item("b"), make_item("c")}), 0ms);
        REQUIRE(rotation.at(2000ms));
        rotation.toggle_pause(2000ms);
        rotation.next(3000ms);
        auto s = rotation.at(4000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "b");
        CHECK(s->fade == 1.0);
        CHECK(s->elapsed >= 0ms);
        CHECK_FALSE(rotation.next_change(4000ms).has_value());
        rotation.previous(5000ms);
        rotation.previous(6000ms);
        s = rotation.at(7000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "c");
        CHECK(s->fade == 1.0);
        CHECK(rotation.paused());
        // Still paused: time passing changes nothing.
        s = rotation.at(70000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "c");
    }
}

TEST_CASE("Rotation: next_change is the end of the slide, or now during a fade")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a", Priority::normal, 10), make_item("b", Priority::normal, 20)}), 0ms);
    struct Step {
        Millis now;
        Millis expected;
    };
    const Step steps[] = {
        {0ms, 0ms},          // fading in
        {100ms, 100ms},
        {Rotation::fade_time - 1ms, Rotation::fade_time - 1ms},
        {Rotation::fade_time, 10000ms},
        {5000ms, 10000ms},
        {10000ms, 10000ms},  // "b" starts and fades in
        {10300ms, 10300ms},
        {12000ms, 30000ms},
        {31000ms, 40000ms},  // "a" again
    };
    for (const Step& step : steps) {
        CAPTURE(step.now.count());
        REQUIRE(rotation.at(step.now));
        auto change = rotation.next_change(step.now);
        REQUIRE(change);
        CHECK(*change == step.expected);
        CHECK(*change >= step.now);
    }
    rotation.toggle_pause(35000ms);
    CHECK_FALSE(rotation.next_change(35000ms).has_value());
    CHECK_FALSE(rotation.next_change(99000ms).has_value());
}

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

TEST_CASE("Rotation: an empty feed shows no slide")
{
    SUBCASE("as the first feed")
    {
        Rotation rotation;
        CHECK_FALSE(rotation.at(0ms).has_value());  // no feed at all yet
        rotation.set_plan(make_plan({}), 0ms);
        CHECK_FALSE(rotation.at(0ms).has_value());
        CHECK_FALSE(rotation.next_change(0ms).has_value());
        rotation.next(1000ms);
        rotation.previous(2000ms);
        CHECK_FALSE(rotation.at(3000ms).has_value());

        // A feed with items then shows at once.
        rotation.set_plan(make_plan({make_item("a")}), 4000ms);
        auto s = rotation.at(4000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "a");
        CHECK(s->elapsed == 0ms);
    }
    SUBCASE("replacing a feed with items, at the slide boundary")
    {
        Rotation rotation;
        rotation.set_plan(make_plan({make_item("a"), make_item("b")}), 0ms);
        REQUIRE(rotation.at(1000ms));
        rotation.set_plan(make_plan({}), 1000ms);
        REQUIRE(rotation.at(9999ms));  // the sentence being read stays
        CHECK_FALSE(rotation.at(10000ms).has_value());
        CHECK_FALSE(rotation.at(60000ms).has_value());
        CHECK_FALSE(rotation.next_change(60000ms).has_value());

        rotation.set_plan(make_plan({make_item("c")}), 70000ms);
        auto s = rotation.at(70000ms);
        REQUIRE(s);
        CHECK(id_at(rotation, *s) == "c");
    }
}

TEST_CASE("Rotation: a huge jump in time does not hang and lands on a real slide")
{
    Rotation rotation;
    rotation.set_plan(make_plan({make_item("a", Priority::normal, 8), make_item("b", Priority::normal, 8),
                                 make_item("c", Priority::normal, 8)}),
                      0ms);
    REQUIRE(rotation.at(0ms));

    // A day: 10800 slides of 8 s, a multiple of 3, so "a" again, 5 s in.
    auto s = rotation.at(24h + 5000ms);
    REQUIRE(s);
    CHECK(id_at(rotation, *s) == "a");
    CHECK(s->elapsed == 5000ms);

    // Ten years.
    const Millis later = 24h + std::chrono::duration_cast<Millis>(std::chrono::hours(24 * 3653));
    s = rotation.at(later);
    REQUIRE(s);
    CHECK(s->item < 3);
    CHECK(s->position < s->count);
    CHECK(s->elapsed >= 0ms);
    // And it keeps working normally afterwards.
    s = rotation.at(later + 1ms);
    REQUIRE(s);
    CHECK(s->item < 3);
}

// ---- Screens in step, validity windows, manual navigation -------------------

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
