// Planning a feed for a screen: preferred languages and pages.
#include <doctest/doctest.h>

#include "core/layout/layout.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/text/text.h"
#include "fake_metrics.h"
#include "plan_fixtures.h"

using namespace placard;

namespace {

using FakeMetrics = test::HalfWidthMetrics;

SlideContext context() { return test::full_hd(); }
using test::statement;

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
    Plan planned = plan_slides(feed, {}, context(), m);
    REQUIRE(planned.slides.size() > 2);
    int pages = planned.slides.front().pages;
    CHECK(pages == static_cast<int>(planned.slides.size()) - 1);
    std::string rebuilt;
    for (int i = 0; i < pages; ++i) {
        const PlannedSlide& page = planned.slides[static_cast<std::size_t>(i)];
        CAPTURE(i);
        CHECK(page.item().id == "long");
        CHECK(page.page == i + 1);
        CHECK_FALSE(layout_slide(page, context(), m).overflow);
        // Pages end at sentence stops.
        CHECK(page.text().back() == '.');
        rebuilt += rebuilt.empty() ? "" : " ";
        rebuilt += page.text();
    }
    CHECK(rebuilt == long_text(40));
    CHECK(planned.slides.back().item().id == "short");
    CHECK(planned.slides.back().pages == 1);
}

TEST_CASE("pages are balanced, not a full page and a scrap")
{
    FakeMetrics m;
    Feed feed;
    feed.items.push_back(statement("long", long_text(26)));
    Plan planned = plan_slides(feed, {}, context(), m);
    REQUIRE(planned.slides.size() >= 2);
    std::size_t shortest = SIZE_MAX, longest = 0;
    for (const PlannedSlide& page : planned.slides) {
        shortest = std::min(shortest, page.text().size());
        longest = std::max(longest, page.text().size());
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
        Plan planned = plan_slides(feed, {"en", "fr"}, context(), m);
        REQUIRE(planned.slides.size() == 1);
        CHECK(planned.slides[0].text() == "Defenders must be safe.");
        CHECK(planned.slides[0].second_text() == "Les défenseurs doivent être en sécurité.");
        auto layout = layout_slide(planned.slides[0], context(), m);
        bool has_translation = false;
        for (const auto& line : layout.lines) has_translation = has_translation || line.role == "translation";
        CHECK(has_translation);
    }
    SUBCASE("French first, from a translation")
    {
        Plan planned = plan_slides(feed, {"fr"}, context(), m);
        CHECK(planned.slides[0].text() == "Les défenseurs doivent être en sécurité.");
        CHECK(planned.slides[0].language == "fr");
        CHECK(planned.slides[0].second_text().empty());
    }
    SUBCASE("a language the item does not have falls back to its own text")
    {
        Plan planned = plan_slides(feed, {"ru"}, context(), m);
        CHECK(planned.slides[0].text() == "Defenders must be safe.");
    }
}

TEST_CASE("two languages that do not fit together are shown one after the other")
{
    FakeMetrics m;
    Feed feed;
    Item item = statement("s", long_text(6), "en");
    item.translations = {{"fr", long_text(6)}};
    feed.items.push_back(item);
    Plan planned = plan_slides(feed, {"en", "fr"}, context(), m);
    REQUIRE(planned.slides.size() >= 2);
    CHECK(planned.slides.front().language == "en");
    CHECK(planned.slides.back().language == "fr");
    for (const PlannedSlide& page : planned.slides) {
        CHECK(page.second_text().empty());
        CHECK_FALSE(layout_slide(page, context(), m).overflow);
    }
}
