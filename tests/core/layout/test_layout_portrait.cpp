// Portrait and crowded headers: a tally's number and what it counts read as
// one group, and the event name gets the room it needs before the badges do.
#include <doctest/doctest.h>

#include <string>

#include "core/layout/layout.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

SlideContext context(Size size, std::string event_name)
{
    SlideContext c;
    c.screen = size;
    c.event_name = std::move(event_name);
    c.hashtag = "#EndReprisals";
    c.demo = true;
    c.position = 3;
    c.count = 10;
    return c;
}

Item tally()
{
    Item t;
    t.id = "t";
    t.kind = ItemKind::tally;
    t.title = "States that have not yet accepted any visit by a UN mandate holder";
    t.text = "In their statement, the Special Procedures report that in other cases States have only given access to a few.";
    t.tally.value = 30;
    t.tally.approximate = true;
    t.tally.as_of = "2013-12-11";
    t.tally.source = "Michael Ineichen (ISHR)";
    return t;
}

std::vector<const TextLine*> with_role(const SlideLayout& l, const std::string& role)
{
    std::vector<const TextLine*> out;
    for (const TextLine& line : l.lines)
        if (line.role == role) out.push_back(&line);
    return out;
}

bool overlap(const Rect& a, const Rect& b)
{
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool inside(const Rect& inner, const Rect& outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.bottom() <= outer.bottom();
}

}  // namespace

TEST_CASE("portrait: a tally's number and its label stay one group, whatever the tally holds")
{
    test::HalfWidthMetrics m;
    for (Size size : {Size{1080, 1920}, Size{720, 1280}}) {
        for (int variant = 0; variant < 3; ++variant) {
            CAPTURE(size.width);
            CAPTURE(variant);
            Item t = tally();
            if (variant == 1) t.text.clear();  // no detail: the label alone under the number
            if (variant == 2) {
                t.tally.previous_value = 25;  // a change under the number
                t.tally.previous_as_of = "2013-06-01";
                t.tally.breakdown = {{"Africa", 12}, {"Asia", 9}, {"Europe", 4}};
            }
            SlideLayout l = layout_slide(t, context(size, "Reprisals"), m);
            auto number = with_role(l, "number");
            auto label = with_role(l, "label");
            REQUIRE(number.size() == 1);
            REQUIRE_FALSE(label.empty());
            int figure_bottom = number[0]->box.bottom();
            for (const TextLine* change : with_role(l, "change")) figure_bottom = std::max(figure_bottom, change->box.bottom());
            int gap = label[0]->box.y - figure_bottom;
            CHECK(gap >= 0);
            CHECK(gap < label[0]->box.h * 3 / 2);
            for (const TextLine& line : l.lines) CHECK(inside(line.box, l.safe));
            for (const Block& block : l.blocks) CHECK(inside(block.box, l.safe));
            CHECK_FALSE(l.overflow);
        }
    }
}

TEST_CASE("the event name is not shortened to make room for badges when it fits the header row without them")
{
    test::HalfWidthMetrics m;
    const std::string name = "Reprisals against human rights defenders";
    for (Size size : {Size{1080, 1920}, Size{720, 1280}}) {
        CAPTURE(size.width);
        SlideLayout l = layout_slide(tally(), context(size, name), m);
        auto event = with_role(l, "event");
        REQUIRE(event.size() == 1);
        CHECK(event[0]->text == name);
        // The badges moved under it, at the same end, clear of it and of the tally.
        auto kind = with_role(l, "kind");
        auto demo = with_role(l, "demo");
        REQUIRE(kind.size() == 1);
        REQUIRE(demo.size() == 1);
        CHECK(kind[0]->text == "IN NUMBERS");
        CHECK(demo[0]->box.right() <= l.safe.right());
        for (const TextLine& line : l.lines) {
            CAPTURE(line.role);
            CHECK(inside(line.box, l.safe));
            if (&line != event[0]) CHECK_FALSE(overlap(line.box, event[0]->box));
            if (line.role != "kind" && line.role != "demo" && &line != kind[0]) {
                CHECK_FALSE(overlap(line.box, kind[0]->box));
                CHECK_FALSE(overlap(line.box, demo[0]->box));
            }
        }
        for (const Block& block : l.blocks) CHECK_FALSE(overlap(block.box, event[0]->box));
    }
    // Where it fits beside them, the badges stay on its row.
    SlideLayout wide = layout_slide(tally(), context({1920, 1080}, name), m);
    auto event = with_role(wide, "event");
    auto kind = with_role(wide, "kind");
    REQUIRE(event.size() == 1);
    REQUIRE(kind.size() == 1);
    CHECK(event[0]->text == name);
    CHECK(kind[0]->box.y == event[0]->box.y);
    // A name too long even for the whole row takes the whole row, and ends in "…".
    std::string longer = name + " at the forty-fifth session of the Human Rights Council, Geneva";
    SlideLayout l = layout_slide(tally(), context({1080, 1920}, longer), m);
    event = with_role(l, "event");
    REQUIRE(event.size() == 1);
    CHECK(event[0]->text.size() < longer.size());
    CHECK(event[0]->box.w > l.safe.w * 9 / 10);
}

TEST_CASE("the header makes room for the event name as the feed words it, not for the bare name")
{
    // A feed that words the event line longer than its name: the badges make
    // room for what is shown, so it is not shortened where it fits the row.
    test::HalfWidthMetrics m;
    const WordOverrides words{{"en", {{"event", "{event}, Palais des Nations"}}}};
    SlideContext c = context({1080, 1920}, "Reprisals against defenders");
    c.words = &words;
    SlideLayout l = layout_slide(tally(), c, m);
    auto event = with_role(l, "event");
    REQUIRE(event.size() == 1);
    CHECK(event[0]->text == "Reprisals against defenders, Palais des Nations");
    auto kind = with_role(l, "kind");
    REQUIRE(kind.size() == 1);
    CHECK(kind[0]->box.y > event[0]->box.y);
}
