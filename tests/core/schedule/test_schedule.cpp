// The schedule: reading time, rotation order, and the Rotation driven by explicit times.
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
