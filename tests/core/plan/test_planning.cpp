// Planning that scales: a feed planned an item at a time, text measured once
// per (face, size, text), pages found in a few layouts, fields held to limits.
#include <doctest/doctest.h>

#include <map>

#include "core/feed/feed_parse.h"
#include "core/layout/layout.h"
#include "core/text/measure_cache.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/text/text.h"
#include "core/text/text_fit.h"
#include "plan_fixtures.h"

using namespace placard;

namespace {

// Half the size a character, and it counts what it is asked to measure.
class CountingMetrics final : public FontMetrics {
public:
    int text_width(std::string_view utf8, FontFace, int px) override
    {
        ++widths;
        return static_cast<int>(count_code_points(utf8)) * px / 2;
    }
    int line_height(FontFace, int px) override { return px * 5 / 4; }
    std::vector<char32_t> missing_glyphs(std::string_view) override { return {}; }
    long widths = 0;
};

// A font that kerns "Va" tighter and "ff" wider: a line is not the sum of its words.
class KerningMetrics final : public FontMetrics {
public:
    int text_width(std::string_view utf8, FontFace, int px) override
    {
        int w = static_cast<int>(count_code_points(utf8)) * px / 2;
        for (std::size_t i = 0; i + 1 < utf8.size(); ++i) {
            if (utf8[i] == ' ' && utf8[i + 1] == 'W') w += px * 2;  // a space before W is wide in this font
        }
        return w;
    }
    int line_height(FontFace, int px) override { return px * 5 / 4; }
    std::vector<char32_t> missing_glyphs(std::string_view) override { return {}; }
};

SlideContext context() { return test::full_hd(); }
using test::statement;

// 4,000 characters of words with no full stop anywhere.
std::string unbroken_text()
{
    static const char* words[] = {"defenders", "reprisals", "council", "visit", "mandate", "protection", "access"};
    std::string s;
    unsigned state = 12345;  // words in no repeating order, so no two lines are alike
    while (s.size() < 4000) {
        state = state * 1103515245u + 12345u;
        s += std::string(s.empty() ? "" : " ") + words[(state >> 16) % 7];
    }
    s.resize(4000);
    while (s.back() == ' ') s.pop_back();
    return s;
}

std::string feed_with(const std::string& item_json)
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [)" + item_json + "]}";
}

bool has_error_at(const FeedCheck& check, const std::string& pointer)
{
    for (const auto& e : check.errors)
        if (e.pointer == pointer) return true;
    return false;
}

}  // namespace

TEST_CASE("a feed planned an item at a time gives what planning it at once gives")
{
    CountingMetrics m;
    auto feed = std::make_shared<Feed>();
    for (int i = 0; i < 5; ++i) feed->items.push_back(statement("s" + std::to_string(i), i == 2 ? unbroken_text() : "Short."));
    SlidePlanner planner(feed, {});
    LayoutFit fit(context(), m);
    CHECK(planner.items_total() == 5);
    std::vector<std::size_t> planned_after;
    while (planner.plan_next(fit)) planned_after.push_back(planner.planned().slides.size());
    CHECK(planner.done());
    CHECK(planner.items_planned() == 5);
    // The first item is ready after one step, before the long one is paged.
    REQUIRE(!planned_after.empty());
    CHECK(planned_after.front() == 1);
    Plan at_once = plan_slides(*feed, {}, context(), m);
    Plan stepwise = planner.take();
    REQUIRE(at_once.slides.size() == stepwise.slides.size());
    for (std::size_t i = 0; i < at_once.slides.size(); ++i) {
        CHECK(at_once.slides[i].item().id == stepwise.slides[i].item().id);
        CHECK(at_once.slides[i].text() == stepwise.slides[i].text());
        CHECK(at_once.slides[i].pages == stepwise.slides[i].pages);
    }
    CHECK(at_once.slides.size() > 5);  // the long one became pages
}

TEST_CASE("planned slides carry only the text they show, and share the item as written with the feed")
{
    CountingMetrics m;
    Feed feed;
    Item item = statement("s", unbroken_text());
    for (const char* language : {"fr", "es", "ru", "ar"}) item.translations.push_back({language, unbroken_text()});
    feed.items.push_back(item);
    Plan planned = plan_slides(feed, {"fr", "en"}, context(), m);
    REQUIRE(planned.slides.size() > 2);
    for (const PlannedSlide& page : planned.slides) {
        CHECK(page.source.get() == &planned.feed->items.front());  // not a copy of the item and its translations
        CHECK(page.second_text().empty());
        // Nor a copy of its text: a page names its part of the item's text as written.
        CHECK(page.text_part.own == nullptr);
        const Item& written = planned.feed->items.front();
        std::string_view whole = page.language == "en" ? std::string_view(written.text)
                                                       : std::string_view(written.translations.front().text);
        CHECK(page.text().data() >= whole.data());
        CHECK(page.text().data() + page.text().size() <= whole.data() + whole.size());
    }
    CHECK(planned.slides.front().language == "fr");
    CHECK(planned.slides.back().language == "en");
}

TEST_CASE("a statement whose whitespace is tidied is copied once, tidied, and its pages name their parts of that copy")
{
    CountingMetrics m;
    Feed feed;
    std::string untidy = unbroken_text();
    for (std::size_t at = 100; at < untidy.size(); at += 700) untidy.insert(at, "  \t ");
    feed.items.push_back(statement("untidy", untidy));
    Plan planned = plan_slides(feed, {}, context(), m);
    REQUIRE(planned.slides.size() > 2);
    const std::string tidied = tidy_paragraphs(untidy);
    REQUIRE(tidied != untidy);
    std::string joined;
    for (const PlannedSlide& page : planned.slides) {
        REQUIRE(page.text_part.own != nullptr);
        CHECK(page.text_part.own == planned.slides.front().text_part.own);  // one copy for every page
        CHECK(*page.text_part.own == tidied);
        joined += joined.empty() ? "" : " ";
        joined += page.text();
    }
    CHECK(joined == tidied);
    // A copy of a page (the kiosk copies slides) shows the same text.
    PlannedSlide copy = planned.slides[1];
    CHECK(copy.text() == planned.slides[1].text());
    CHECK(copy.text().data() == planned.slides[1].text().data());
}

TEST_CASE("a 4,000-character statement without a full stop is paged in a few layouts, not one per word")
{
    CountingMetrics counting;
    MeasureCache cache(counting);
    Feed feed;
    feed.items.push_back(statement("long", unbroken_text()));
    Plan planned = plan_slides(feed, {}, context(), cache);
    REQUIRE(planned.slides.size() > 3);
    std::string joined;
    for (const PlannedSlide& page : planned.slides) {
        CHECK(page.item().id == "long");
        CHECK(!layout_slide(page, context(), counting).overflow);
        joined += joined.empty() ? "" : " ";
        joined += page.text();
    }
    CHECK(joined == feed.items[0].text);  // nothing lost or repeated at the page breaks
    // About 560 words. One layout per word measured every line of the page
    // again for every word added (tens of thousands of measurements); a page
    // found by bisection measures each word and line once a size.
    MESSAGE("measurements: ", cache.misses());
    CHECK(cache.misses() < 6000);
}

TEST_CASE("the measurement cache answers as the fonts do, remembers, and stays bounded")
{
    CountingMetrics fonts;
    MeasureCache cache(fonts, 3 * 90);  // room for three short texts
    CHECK(cache.text_width("abcd", FontFace::regular, 10) == 20);
    CHECK(cache.text_width("abcd", FontFace::regular, 10) == 20);
    CHECK(fonts.widths == 1);
    CHECK(cache.hits() == 1);
    CHECK(cache.text_width("abcd", FontFace::regular, 12) == 24);  // another size is another measurement
    CHECK(cache.text_width("abcd", FontFace::bold, 12) == 24);
    CHECK(fonts.widths == 3);
    for (int i = 0; i < 10; ++i) cache.text_width(std::string(static_cast<std::size_t>(i + 1), 'x'), FontFace::regular, 10);
    CHECK(cache.text_width("xx", FontFace::regular, 10) == 10);  // still right after it started again
}

TEST_CASE("wrap_text adds up word widths but never lets a line out of its box when a font kerns between words")
{
    KerningMetrics m;
    std::string text = "A Wide Word With Wings Was Waiting With Wisdom";
    for (int width : {60, 100, 140, 200}) {
        auto lines = wrap_text(text, FontFace::regular, 10, width, m);
        std::string joined;
        for (const auto& line : lines) {
            CHECK(m.text_width(line, FontFace::regular, 10) <= width);
            joined += (joined.empty() ? "" : " ") + line;
        }
        CHECK(joined == text);
    }
}

TEST_CASE("a speaker, role and organisation as long as allowed take two lines each, ending in an ellipsis")
{
    CountingMetrics m;
    Item item = statement("s", "A short quote.");
    item.speaker = std::string(200, 'N');
    for (int i = 0; i < 60; ++i) item.role += "Role ";
    item.organisation = std::string(300, 'O');
    SlideLayout layout = layout_slide(item, context(), m);
    CHECK(!layout.overflow);
    int speaker_lines = 0, role_lines = 0;
    for (const auto& line : layout.lines) {
        if (line.role == "speaker") ++speaker_lines;
        if (line.role == "role") ++role_lines;
    }
    CHECK(speaker_lines == 2);
    CHECK(role_lines == 2);
    for (const auto& line : layout.lines) {
        if (line.role == "role" || line.role == "speaker") CHECK(line.box.right() <= layout.safe.right());
    }
    Feed feed;
    feed.items.push_back(item);
    CHECK(plan_slides(feed, {}, context(), m).slides.size() == 1);  // the quote still fits on one slide
}

TEST_CASE("a breakdown shows as many bars as fit, the parts left out summed as Other")
{
    CountingMetrics m;
    Item tally;
    tally.id = "t";
    tally.kind = ItemKind::tally;
    tally.title = "People registered";
    tally.text = "Registrations so far, by the kind of organisation they came from.";
    tally.tally.value = 78;
    for (int i = 0; i < 12; ++i) tally.tally.breakdown.push_back({"Part " + std::to_string(i), 6.5});
    SlideContext c = context();
    c.screen = {1920, 700};  // a short screen: not every part fits
    SlideLayout layout = layout_slide(tally, c, m);
    std::vector<std::string> labels;
    for (const auto& line : layout.lines)
        if (line.role == "breakdown-label") labels.push_back(line.text);
    REQUIRE(labels.size() >= 2);
    REQUIRE(labels.size() < 12);
    CHECK(labels.back() == "Other");
    CHECK(labels.front() == "Part 0");
    std::vector<std::string> values;
    for (const auto& line : layout.lines)
        if (line.role == "breakdown-value") values.push_back(line.text);
    double other = 6.5 * static_cast<double>(12 - (labels.size() - 1));
    CHECK(values.back() == format_tally_value(other));
    for (const auto& line : layout.lines) CHECK(line.box.bottom() <= layout.safe.bottom());
}

TEST_CASE("fields longer than a slide can show are refused with their place, and pass at the limit")
{
    struct Case {
        std::string item;
        std::string pointer;
    };
    const std::string name200(200, 'n'), name201(201, 'n');
    const std::string long300(300, 'r'), long301(301, 'r');
    std::vector<Case> refused = {
        {R"({"id": "a", "content_text": "x", "_placard": {"role": ")" + long301 + R"("}})", "/items/0/_placard/role"},
        {R"({"id": "a", "content_text": "x", "_placard": {"organisation": ")" + long301 + R"("}})",
         "/items/0/_placard/organisation"},
        {R"({"id": "a", "content_text": "x", "_placard": {"kind": "tally", "value": 1, "source": ")" + long301 + R"("}})",
         "/items/0/_placard/source"},
        {R"({"id": "a", "content_text": "x", "_placard": {"kind": "tally", "value": 1, "breakdown": [{"label": ")"
             + std::string(101, 'l') + R"(", "value": 1}]}})",
         "/items/0/_placard/breakdown/0/label"},
    };
    for (const auto& c : refused) {
        FeedCheck check = parse_feed(feed_with(c.item));
        CHECK_MESSAGE(has_error_at(check, c.pointer), c.pointer);
    }
    std::string parts;
    for (int i = 0; i < 13; ++i) parts += std::string(i ? "," : "") + R"({"label": "p", "value": 1})";
    FeedCheck too_many = parse_feed(feed_with(R"({"id": "a", "content_text": "x", "_placard": {"kind": "tally", "value": 13, "breakdown": [)" + parts + "]}}"));
    CHECK(has_error_at(too_many, "/items/0/_placard/breakdown"));

    // JSON Feed's own title and author name, as blogs write them, are cut with a warning instead.
    FeedCheck cut = parse_feed(feed_with(R"({"id": "a", "title": ")" + long301 + R"(", "content_text": "x", "authors": [{"name": ")"
                                         + name201 + R"("}]})"));
    REQUIRE(cut.ok());
    CHECK(cut.feed->items[0].title == std::string(299, 'r') + "\xE2\x80\xA6");
    CHECK(cut.warnings.size() == 2);

    FeedCheck at_limit = parse_feed(feed_with(R"({"id": "a", "title": ")" + long300 + R"(", "content_text": "x", "authors": [{"name": ")"
                                              + name200 + R"("}], "_placard": {"role": ")" + long300 + R"(", "organisation": ")"
                                              + long300 + R"("}})"));
    CHECK(at_limit.ok());
}
