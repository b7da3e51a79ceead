// Planning a feed for a screen: preferred languages and pages.
#include <doctest/doctest.h>

#include "core/plan/slides.h"
#include "core/text/text.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

using FakeMetrics = test::HalfWidthMetrics;

SlideContext context()
{
    SlideContext c;
    c.screen = {1920, 1080};
    return c;
}

Item statement(std::string id, std::string text, std::string language = "en")
{
    Item item;
    item.id = std::move(id);
    item.text = std::move(text);
    item.language = std::move(language);
    item.speaker = "A speaker";
    return item;
}

std::string long_text(int sentences)
{
    std::string s;
    for (int i = 0; i < sentences; ++i)
        s += (s.empty() ? "" : " ") + std::string("Sentence ") + std::to_string(i) +
             " of a statement that goes on for a while so that it fills the screen.";
    return s;
}

}  // namespace

TEST_CASE("split_sentences keeps every character and ends at sentence stops")
{
    auto s = split_sentences("One. Two? Three! 四。五。Last");
    REQUIRE(s.size() == 6);
    CHECK(s[0] == "One. ");
    CHECK(s[3] == "四。");
    CHECK(s[5] == "Last");
    std::string joined;
    for (const auto& part : s) joined += part;
    CHECK(joined == "One. Two? Three! 四。五。Last");
    CHECK(split_sentences("No stop at all").size() == 1);
    CHECK(split_sentences("3.5 million people").size() == 1);  // a decimal point is not a stop
}

TEST_CASE("a statement too long for the screen becomes pages that each fit")
{
    FakeMetrics m;
    Feed feed;
    feed.items.push_back(statement("long", long_text(40)));
    feed.items.push_back(statement("short", "Short."));
    Feed planned = plan_slides(feed, {}, context(), m);
    REQUIRE(planned.items.size() > 2);
    int pages = planned.items.front().pages;
    CHECK(pages == static_cast<int>(planned.items.size()) - 1);
    std::string rebuilt;
    for (int i = 0; i < pages; ++i) {
        const Item& page = planned.items[static_cast<std::size_t>(i)];
        CAPTURE(i);
        CHECK(page.id == "long");
        CHECK(page.page == i + 1);
        CHECK_FALSE(layout_slide(page, context(), m).overflow);
        // Pages end at sentence stops.
        CHECK(page.text.back() == '.');
        rebuilt += (rebuilt.empty() ? "" : " ") + page.text;
    }
    CHECK(rebuilt == long_text(40));
    CHECK(planned.items.back().id == "short");
    CHECK(planned.items.back().pages == 1);
}

TEST_CASE("pages are balanced, not a full page and a scrap")
{
    FakeMetrics m;
    Feed feed;
    feed.items.push_back(statement("long", long_text(26)));
    Feed planned = plan_slides(feed, {}, context(), m);
    REQUIRE(planned.items.size() >= 2);
    std::size_t shortest = SIZE_MAX, longest = 0;
    for (const Item& page : planned.items) {
        shortest = std::min(shortest, page.text.size());
        longest = std::max(longest, page.text.size());
    }
    CHECK(shortest * 2 >= longest);
}

TEST_CASE("preferred languages: the first shown, the second beneath it")
{
    FakeMetrics m;
    Feed feed;
    Item item = statement("s", "Defenders must be safe.", "en");
    item.translations = {{"fr", "Les défenseurs doivent être en sécurité."}, {"es", "Deben estar seguros."}};
    feed.items.push_back(item);
    SUBCASE("English with French")
    {
        Feed planned = plan_slides(feed, {"en", "fr"}, context(), m);
        REQUIRE(planned.items.size() == 1);
        CHECK(planned.items[0].text == "Defenders must be safe.");
        CHECK(planned.items[0].second_text == "Les défenseurs doivent être en sécurité.");
        auto layout = layout_slide(planned.items[0], context(), m);
        bool has_translation = false;
        for (const auto& line : layout.lines) has_translation = has_translation || line.role == "translation";
        CHECK(has_translation);
    }
    SUBCASE("French first, from a translation")
    {
        Feed planned = plan_slides(feed, {"fr"}, context(), m);
        CHECK(planned.items[0].text == "Les défenseurs doivent être en sécurité.");
        CHECK(planned.items[0].language == "fr");
        CHECK(planned.items[0].second_text.empty());
    }
    SUBCASE("a language the item does not have falls back to its own text")
    {
        Feed planned = plan_slides(feed, {"ru"}, context(), m);
        CHECK(planned.items[0].text == "Defenders must be safe.");
    }
}

TEST_CASE("two languages that do not fit together are shown one after the other")
{
    FakeMetrics m;
    Feed feed;
    Item item = statement("s", long_text(6), "en");
    item.translations = {{"fr", long_text(6)}};
    feed.items.push_back(item);
    Feed planned = plan_slides(feed, {"en", "fr"}, context(), m);
    REQUIRE(planned.items.size() >= 2);
    CHECK(planned.items.front().language == "en");
    CHECK(planned.items.back().language == "fr");
    for (const Item& page : planned.items) {
        CHECK(page.second_text.empty());
        CHECK_FALSE(layout_slide(page, context(), m).overflow);
    }
}
