// Pages that read well: one type size and one direction for every page of a
// statement, breaks at paragraph and sentence ends, no blank page or slide.
#include <doctest/doctest.h>

#include <set>

#include "core/layout/layout.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/text/text.h"
#include "fake_metrics.h"
#include "plan_fixtures.h"

using namespace placard;

namespace {

SlideContext context() { return test::full_hd(); }
using test::statement;

std::string sentences(const std::string& word, int count)
{
    std::string s;
    for (int i = 0; i < count; ++i)
        s += (s.empty() ? "" : " ") + word + " number " + std::to_string(i) + " goes on for a while to take some room.";
    return s;
}

Plan planned(const Item& item)
{
    test::HalfWidthMetrics m;
    Feed feed;
    feed.items.push_back(item);
    return plan_slides(feed, {}, context(), m);
}

std::set<int> quote_sizes(const SlideLayout& l)
{
    std::set<int> px;
    for (const TextLine& line : l.lines)
        if (line.role == "quote") px.insert(line.px);
    return px;
}

bool is_space(char c) { return c == ' ' || c == '\n'; }

}  // namespace

TEST_CASE("every page of a statement is set in one type size, the largest at which all of them fit")
{
    // Two pages of a little different length: each alone would take its own size.
    test::HalfWidthMetrics m;
    Plan plan = planned(statement("long", sentences("Sentence", 20) + "\n\n" + sentences("Coda", 1)));
    REQUIRE(plan.slides.size() >= 2);
    std::set<int> all;
    for (const PlannedSlide& page : plan.slides) {
        CAPTURE(page.page);
        SlideLayout l = layout_slide(page, context(), m);
        CHECK_FALSE(l.overflow);
        std::set<int> px = quote_sizes(l);
        CHECK(px.size() == 1);
        all.insert(px.begin(), px.end());
    }
    CHECK(all.size() == 1);
    // The largest: one size up and some page would not fit.
    auto [smallest, largest] = quote_px_range(context().screen);
    int px = *all.begin();
    CHECK(px >= smallest);
    if (px < largest) {
        bool one_overflows = false;
        for (PlannedSlide page : plan.slides) {
            page.text_px = px + 1;
            one_overflows = one_overflows || layout_slide(page, context(), m).overflow;
        }
        CHECK(one_overflows);
    }
}

TEST_CASE("split_sentences: a full stop after an abbreviation, an initial or a day's number ends no sentence")
{
    auto s = split_sentences("Die Sitzung am 09. Januar 2020 war gut. Danach sprach Dr. Müller über Art. 19, "
                             "z. B. die Lage der U.S. Army. Sie endete am 3. März. Gewählt wurde 2019. Neu ist das.");
    REQUIRE(s.size() == 5);
    CHECK(s[0] == "Die Sitzung am 09. Januar 2020 war gut. ");
    CHECK(s[1] == "Danach sprach Dr. Müller über Art. 19, z. B. die Lage der U.S. Army. ");
    CHECK(s[2] == "Sie endete am 3. März. ");
    CHECK(s[3] == "Gewählt wurde 2019. ");  // a year is no day: the sentence ends
    CHECK(split_sentences("The answer was no. We asked again.").size() == 2);
    // In lower case after the stop, the sentence goes on; closing quotes stay with their sentence.
    auto e = split_sentences("Pick one, e.g. this one. He said \xE2\x80\x9CNo.\xE2\x80\x9D Then he left. Done?! Yes");
    REQUIRE(e.size() == 5);
    CHECK(e[0] == "Pick one, e.g. this one. ");
    CHECK(e[1] == "He said \xE2\x80\x9CNo.\xE2\x80\x9D ");
    CHECK(e[3] == "Done?! ");
    CHECK(e[4] == "Yes");
    // Newlines end a unit and go with it: nothing starts with one.
    auto n = split_sentences("First line\nSecond.\n\nNext paragraph");
    REQUIRE(n.size() == 3);
    CHECK(n[0] == "First line\n");
    CHECK(n[1] == "Second.\n\n");
    CHECK(n[2] == "Next paragraph");
}

TEST_CASE("tidy_paragraphs: a run of newlines is one paragraph break, whitespace alone is nothing")
{
    CHECK(tidy_paragraphs("a\n\n\n\n\nb") == "a\n\nb");
    CHECK(tidy_paragraphs("  a  \n \n  \n b\nc  ") == "a\n\nb\nc");
    CHECK(tidy_paragraphs("one  two") == "one two");
    CHECK(tidy_paragraphs(" \n\n  \n ").empty());
}

TEST_CASE("no page or slide is blank, and no page starts or ends with a blank line")
{
    SUBCASE("a text of newlines and spaces makes no slide")
    {
        CHECK(planned(statement("blank", "\n \n\n   \n")).slides.empty());
    }
    SUBCASE("a run of newlines is one paragraph break")
    {
        Plan plan = planned(statement("runs", "Before.\n\n\n\n\nAfter."));
        REQUIRE(plan.slides.size() == 1);
        CHECK(plan.slides[0].text() == "Before.\n\nAfter.");
    }
    SUBCASE("a long text full of blank lines")
    {
        std::string text;
        for (int i = 0; i < 30; ++i) text += "\n\n\n\n" + sentences("Part", 2) + " \n \n";
        Plan plan = planned(statement("gappy", text));
        REQUIRE(plan.slides.size() > 1);
        test::HalfWidthMetrics m;
        for (const PlannedSlide& page : plan.slides) {
            CAPTURE(page.page);
            std::string_view t = page.text();
            REQUIRE_FALSE(t.empty());
            CHECK_FALSE(is_space(t.front()));
            CHECK_FALSE(is_space(t.back()));
            CHECK(t.find("\n\n\n") == std::string::npos);
            SlideLayout l = layout_slide(page, context(), m);
            std::vector<std::string> quote;
            for (const TextLine& line : l.lines)
                if (line.role == "quote") quote.push_back(line.text);
            REQUIRE_FALSE(quote.empty());
            CHECK_FALSE(quote.front().empty());
            CHECK_FALSE(quote.back().empty());
        }
    }
}

TEST_CASE("pages break at a paragraph's end before a sentence's, and at a sentence's before a word's")
{
    // The first paragraph fills about two thirds of a page: the page ends with
    // it rather than with the second paragraph's first sentences.
    std::string first = sentences("Opening", 9);
    Plan plan = planned(statement("paragraphs", first + "\n\n" + sentences("Later", 30)));
    REQUIRE(plan.slides.size() >= 2);
    CHECK(plan.slides[0].text() == first);
    for (const PlannedSlide& page : plan.slides) {
        CAPTURE(page.page);
        CHECK(page.text().back() == '.');
    }
}

TEST_CASE("a statement's direction is decided once, from its whole text, and every page keeps it")
{
    // Mostly Urdu, with English sentences between: some page starts in English.
    const std::string urdu = "\xD8\xA7\xD9\x86\xD8\xB3\xD8\xA7\xD9\x86\xDB\x8C \xD8\xAD\xD9\x82\xD9\x88\xD9\x82 "
                             "\xDA\xA9\xDB\x92 \xD9\x85\xD8\xAD\xD8\xA7\xD9\x81\xD8\xB8 \xD9\x85\xD8\xAD\xD9\x81\xD9\x88"
                             "\xD8\xB8 \xD8\xB1\xDB\x81\xDB\x8C\xDA\xBA \xD8\xA7\xD9\x88\xD8\xB1 \xD8\xA2\xD8\xB2\xD8\xA7"
                             "\xD8\xAF\xDB\x8C \xD8\xB3\xDB\x92 \xDA\xA9\xD8\xA7\xD9\x85 \xDA\xA9\xD8\xB1\xDB\x8C\xDA\xBA\xDB\x94 ";
    std::string text;
    for (int i = 0; i < 30; ++i) text += urdu + "Defenders must be safe. ";
    Plan plan = planned(statement("mixed", text, ""));
    REQUIRE(plan.slides.size() >= 3);
    bool a_page_starts_in_english = false;
    test::HalfWidthMetrics m;
    for (const PlannedSlide& page : plan.slides) {
        CAPTURE(page.page);
        a_page_starts_in_english = a_page_starts_in_english || page.text().front() == 'D';
        REQUIRE(page.direction.has_value());
        CHECK(*page.direction == TextDirection::rtl);
        SlideLayout l = layout_slide(page, context(), m);
        CHECK(l.direction == TextDirection::rtl);
        for (const TextLine& line : l.lines)
            if (line.role == "quote") CHECK(line.direction == TextDirection::rtl);
    }
    REQUIRE(a_page_starts_in_english);
    // A language tag, where there is one, decides.
    CHECK(majority_direction(text, "en") == TextDirection::ltr);
    CHECK(majority_direction("Defenders " + urdu, "") == TextDirection::rtl);
    CHECK(majority_direction("Defenders must be safe " + urdu, "ur") == TextDirection::rtl);
}
