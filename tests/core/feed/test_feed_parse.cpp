// Feed parsing and validation: table-driven over good and bad feeds.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/feed/feed_parse.h"
#include "core/feed/feed_rules.h"
#include "core/feed/rfc3339.h"
#include "core/text/text.h"

using namespace placard;

namespace {

std::string read(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string feed_with_items(const std::string& items)
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [)" + items + "]}";
}

bool has_problem(const std::vector<FeedProblem>& problems, const std::string& pointer, const std::string& words)
{
    for (const auto& p : problems)
        if (p.pointer == pointer && p.message.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("bad feeds are refused with a pointer and a message that says the fix")
{
    struct Case {
        const char* name;
        std::string json;
        const char* pointer;
        const char* words;
    };
    const Case cases[] = {
        {"not JSON", "{\"version\": ", "", "not valid JSON at line 1"},
        {"not an object", "[1, 2]", "", "expected a JSON Feed object"},
        {"no version", R"({"title": "T", "items": []})", "/version", "missing"},
        {"wrong version", R"({"version": "rss", "title": "T", "items": []})", "/version", "jsonfeed.org/version/1.1"},
        {"no title", R"({"version": "https://jsonfeed.org/version/1", "items": []})", "/title", "missing"},
        {"no items", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T"})", "/items", "missing"},
        {"items not array", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": {}})", "/items", "expected an array, got an object"},
        {"only item not object", feed_with_items("3"), "/items", "the only item cannot be shown: an item is an object like {\"id\": ..., \"content_text\": ...}, not the number 3"},
        {"only item without id or url", feed_with_items(R"({"content_text": "x"})"), "/items", "the only item cannot be shown: it has no \"id\""},
        {"no item to show", feed_with_items(R"({"id": "a"}, {"id": "b"})"), "/items", "none of the 2 items can be shown: it has nothing to show"},
        {"tally value as string", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": "thirty"}})"),
         "/items/0/_placard/value", "expected a number, got the string \"thirty\""},
        {"tally without value", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally"}})"), "/items/0/_placard/value", "missing"},
        {"negative tally", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": -1}})"), "/items/0/_placard/value", "negative"},
        {"tally beyond 2^53", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 1e300}})"), "/items/0/_placard/value", "out of range"},
        {"unknown kind", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"kind": "poem"}})"), "/items/0/_placard/kind", "\"statement\", \"post\", \"tally\" or \"notice\""},
        {"unknown priority", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"priority": "high"}})"), "/items/0/_placard/priority", "\"urgent\""},
        {"expires before starts", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"starts_at": "2013-12-11T10:00:00Z", "expires_at": "2013-12-11T09:00:00Z"}})"),
         "/items/0/_placard/expires_at", "not after starts_at"},
        {"duration not whole", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"duration_seconds": 2.5}})"), "/items/0/_placard/duration_seconds", "whole number"},
        {"duration zero", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"duration_seconds": 0}})"), "/items/0/_placard/duration_seconds", "between 1 and 3600"},
        {"refresh too fast", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "_placard": {"refresh_seconds": 1}, "items": []})", "/_placard/refresh_seconds", "between 15 and 86400"},
        {"string over 64 KiB", feed_with_items(R"({"id": "a", "content_text": "x", "summary": ")" + std::string(65537, 'y') + "\"}"), "/items/0/summary", "64 KiB"},
        {"pointer escaping", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"a/b": 1, "kind": 7}})"), "/items/0/_placard/kind", "expected a string, got the number 7"},
        {"empty kind", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"kind": ""}})"), "/items/0/_placard/kind", "unknown kind \"\""},
        {"tally beyond 2^53 by one", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 9007199254740993}})"), "/items/0/_placard/value", "the number 9007199254740993 is out of range"},
        {"tally beyond 2^64", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 18446744073709551617}})"), "/items/0/_placard/value", "the number 18446744073709551617 is out of range"},
        {"tally not held exactly", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 9007199254740993.0}})"),
         "/items/0/_placard/value", "9007199254740993.0 cannot be held exactly: it would be read as 9007199254740992"},
        {"breakdown with more digits than a double holds", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3, "breakdown": [{"label": "A", "value": 1.00000000000000001}]}})"),
         "/items/0/_placard/breakdown/0/value", "it would be read as 1;"},
        {"sequence not held exactly", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "_placard": {"sequence": 9.007199254740993e15}, "items": []})",
         "/_placard/sequence", "cannot be held exactly"},
        {"tally overflowing a double", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 1e400}})"), "/items/0/_placard/value", "too large to read"},
        {"negative breakdown", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3, "breakdown": [{"label": "A", "value": -1}]}})"),
         "/items/0/_placard/breakdown/0/value", "cannot be negative"},
        {"breakdown beyond 2^53", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3, "breakdown": [{"label": "A", "value": 1e16}]}})"),
         "/items/0/_placard/breakdown/0/value", "out of range"},
        {"approximate not boolean", feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3, "approximate": "yes"}})"), "/items/0/_placard/approximate", "expected true or false"},
        {"tally field wrong on a statement", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"value": "thirty"}})"), "/items/0/_placard/value", "expected a number"},
        {"feed icon", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "icon": "icon.png", "items": []})", "/icon", "http(s) URL"},
        {"translation without language", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"translations": [{"content_text": "y"}]}})"),
         "/items/0/_placard/translations/0/language", "missing"},
        {"translation language not a tag", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"translations": [{"language": "French", "content_text": "y"}]}})"),
         "/items/0/_placard/translations/0/language", "not a language tag; write it like \"en\""},
        {"translation language with underscore", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"translations": [{"language": "fr_CH", "content_text": "y"}]}})"),
         "/items/0/_placard/translations/0/language", "not a language tag"},
        {"translation empty", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"translations": [{"language": "fr", "content_text": ""}]}})"),
         "/items/0/_placard/translations/0/content_text", "is empty"},
        {"translation too long", feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"translations": [{"language": "fr", "content_text": ")" + std::string(4001, 'y') + "\"}]}}"),
         "/items/0/_placard/translations/0/content_text", "limit is 4000"},
        {"NUL byte", std::string(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []})") + '\0' + "junk", "", "NUL byte at byte 74"},
        {"nested too deep", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [], "_x": )" + std::string(65, '[') + std::string(65, ']') + "}",
         "", "nested more than 64 levels"},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;  // doctest shows a const char* as an address
        CAPTURE(name);
        FeedCheck check = parse_feed(c.json);
        CHECK_FALSE(check.ok());
        CHECK_FALSE(check.feed.has_value());
        CHECK(has_problem(check.errors, c.pointer, c.words));
    }
}

TEST_CASE("every error is reported at once, not only the first")
{
    FeedCheck check = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "icon": "ftp://x", "items": [
        {"id": "a", "content_text": "x", "title": 5}, {"id": "b", "content_text": "y", "_placard": {"kind": "tally", "value": "many"}}]})");
    CHECK(check.errors.size() == 3);
    CHECK(has_problem(check.errors, "/icon", "http(s)"));
    CHECK(has_problem(check.errors, "/items/0/title", "expected a string"));
    CHECK(has_problem(check.errors, "/items/1/_placard/value", "the string \"many\""));
}

TEST_CASE("limits: 4 MiB body and 2,000 items")
{
    CHECK(has_problem(parse_feed(std::string(FeedLimits::max_body_bytes + 1, ' ')).errors, "", "4 MiB"));
    std::string items;
    for (int i = 0; i < 2001; ++i) items += (i ? "," : "") + std::string(R"({"id": ")") + std::to_string(i) + R"(", "content_text": "x"})";
    CHECK(has_problem(parse_feed(feed_with_items(items)).errors, "/items", "limit is 2000"));
}

TEST_CASE("a full Placard item is read into the model")
{
    FeedCheck check = parse_feed(R"({
      "version": "https://jsonfeed.org/version/1.1", "title": "Side event", "language": "en",
      "_placard": {"sequence": 42, "generated_at": "2013-12-11T09:00:00Z", "refresh_seconds": 60,
                   "event": {"name": "Reprisals", "venue": "Room XXI", "hashtag": "#EndReprisals"}},
      "items": [
        {"id": "s1", "content_text": "It is unacceptable.", "authors": [{"name": "Michael Ineichen"}],
         "language": "en", "url": "https://ishr.ch/", "date_published": "2013-12-11T10:00:00Z",
         "_placard": {"kind": "statement", "role": "Advocacy Director", "organisation": "ISHR", "priority": "pinned",
                      "duration_seconds": 20, "translations": [{"language": "fr", "content_text": "C'est inacceptable."}]}},
        {"id": "t1", "title": "States never visited", "content_text": "Around 30 States",
         "_placard": {"kind": "tally", "value": 30, "approximate": true, "as_of": "2013-12-11", "source": "UN",
                      "breakdown": [{"label": "Africa", "value": 12}]}},
        {"id": "n1", "title": "Notice", "summary": "Room change", "_placard": {"kind": "notice", "priority": "urgent"}}
      ]})");
    REQUIRE(check.ok());
    const Feed& f = *check.feed;
    CHECK(f.sequence == 42);
    CHECK(f.refresh_seconds == 60);
    CHECK(f.event.venue == "Room XXI");
    CHECK(f.event.hashtag == "#EndReprisals");
    REQUIRE(f.items.size() == 3);
    const Item& s = f.items[0];
    CHECK(s.speaker == "Michael Ineichen");
    CHECK(s.role == "Advocacy Director");
    CHECK(s.organisation == "ISHR");
    CHECK(s.priority == Priority::pinned);
    CHECK(s.duration_seconds == 20);
    CHECK(s.url == "https://ishr.ch/");
    REQUIRE(s.translations.size() == 1);
    CHECK(s.translations[0].language == "fr");
    const Item& t = f.items[1];
    CHECK(t.kind == ItemKind::tally);
    CHECK(t.tally.value == 30);
    CHECK(t.tally.approximate);
    CHECK(t.tally.as_of == "2013-12-11");
    REQUIRE(t.tally.breakdown.size() == 1);
    CHECK(t.tally.breakdown[0].value == 12);
    CHECK(f.items[2].kind == ItemKind::notice);
    CHECK(f.items[2].priority == Priority::urgent);
    CHECK(f.items[2].text == "Room change");
}

TEST_CASE("item text: content_html reduced, else content_text, else summary, else title")
{
    struct Case {
        const char* fields;
        const char* text;
    };
    const Case cases[] = {
        {R"("content_text": "plain", "content_html": "<p>html</p>", "summary": "sum", "title": "tit")", "html"},
        {R"("content_text": "plain", "summary": "sum", "title": "tit")", "plain"},
        {R"("content_html": "<p>One &amp; two</p><script>x()</script><p>Three</p>", "summary": "sum")", "One & two\n\nThree"},
        {R"("summary": "sum", "title": "tit")", "sum"},
        {R"("title": "tit")", "tit"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.fields);
        FeedCheck check = parse_feed(feed_with_items(std::string(R"({"id": "a", )") + c.fields + "}"));
        REQUIRE(check.ok());
        CHECK(check.feed->items[0].text == c.text);
    }
}

TEST_CASE("JSON Feed 1.0: the deprecated author object and numeric ids")
{
    FeedCheck check = parse_feed(R"({"version": "https://jsonfeed.org/version/1", "title": "Old blog", "items": [
        {"id": 7, "content_html": "<p>Hello</p>", "author": {"name": "A. Writer"}}]})");
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].id == "7");
    CHECK(check.feed->items[0].speaker == "A. Writer");
    CHECK(has_problem(check.warnings, "/items/0/id", "strings"));
}

TEST_CASE("warnings: unknown _placard keys with a did-you-mean, and neutralised characters")
{
    FeedCheck check = parse_feed(feed_with_items(
        "{\"id\": \"a\", \"content_text\": \"zero\\u200Bwidth and \\u0007bell\", \"_placard\": {\"priorty\": \"urgent\"}}"));
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].text == "zerowidth and bell");
    CHECK(has_problem(check.warnings, "/items/0/_placard/priorty", "did you mean \"priority\""));
    CHECK(has_problem(check.warnings, "/items/0/content_text", "control or invisible"));
}

TEST_CASE("direction overrides, embeddings and isolates refuse the feed, in plain text and in HTML entities")
{
    // "evil \u202Ereversed\u202C": an editor shows "desrever", the screen would show "reversed".
    for (const char* cp : {"202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"}) {
        CAPTURE(cp);
        FeedCheck check = parse_feed(feed_with_items(std::string("{\"id\": \"a\", \"content_text\": \"evil \\u") + cp
                                                     + "reversed\"}"));
        CHECK_FALSE(check.ok());
        CHECK(has_problem(check.errors, "/items/0/content_text", "read differently on screen than in the file"));
    }
    FeedCheck html = parse_feed(feed_with_items(R"({"id": "a", "content_html": "<p>evil &#x202E;reversed</p>"})"));
    CHECK(has_problem(html.errors, "/items/0/content_html", "direction override"));
    FeedCheck speaker = parse_feed(feed_with_items(R"({"id": "a", "content_text": "x", "authors": [{"name": "A\u2067B"}]})"));
    CHECK(has_problem(speaker.errors, "/items/0/authors/0/name", "direction override"));
}

TEST_CASE("invalid UTF-8 is refused with its byte offset and the fix, not the parser's words")
{
    const std::string feed = feed_with_items("{\"id\": \"a\", \"content_text\": \"bad \xC3\x28 byte\"}");
    FeedCheck check = parse_feed(feed);
    CHECK_FALSE(check.ok());
    REQUIRE(check.errors.size() == 1);
    CHECK(has_problem(check.errors, "", "not valid UTF-8 at byte " + std::to_string(feed.find('\xC3'))));
    CHECK(has_problem(check.errors, "", "save the file with the UTF-8 encoding"));
    // Overlong forms, surrogates and truncated sequences too.
    for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE2\x82", "\xF4\x90\x80\x80", "\xFF"}) {
        CAPTURE(bad);
        CHECK(has_problem(parse_feed(feed_with_items(std::string("{\"id\": \"") + bad + "\", \"title\": \"x\"}")).errors, "",
                          "not valid UTF-8"));
    }
}

TEST_CASE("warnings: unknown keys in the event, translations and breakdowns, with a did-you-mean")
{
    FeedCheck check = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
      "_placard": {"event": {"name": "E", "venu": "Room XXI"}},
      "items": [{"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3,
                 "breakdown": [{"label": "A", "value": 3, "valeu": 4}],
                 "translations": [{"language": "fr", "content_text": "y", "langauge": "fr"}]}}]})");
    REQUIRE(check.ok());
    CHECK(has_problem(check.warnings, "/_placard/event/venu", "did you mean \"venue\""));
    CHECK(has_problem(check.warnings, "/items/0/_placard/breakdown/0/valeu", "did you mean \"value\""));
    CHECK(has_problem(check.warnings, "/items/0/_placard/translations/0/langauge", "did you mean \"language\""));
    CHECK(check.warnings.size() == 3);
}

TEST_CASE("warnings: a language that is not a tag, and tally fields on an item that is not a tally")
{
    FeedCheck check = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "language": "english",
      "items": [{"id": "a", "content_text": "x", "language": "ar_EG", "authors": [{"name": "A"}], "_placard": {"value": 3}},
                {"id": "b", "content_text": "y", "language": "zh-Hans", "authors": [{"name": "B"}]}]})");
    REQUIRE(check.ok());
    CHECK(has_problem(check.warnings, "/language", "not a language tag"));
    CHECK(has_problem(check.warnings, "/items/0/language", "not a language tag"));
    CHECK(has_problem(check.warnings, "/items/0/_placard/value", "only used when \"kind\" is \"tally\""));
    CHECK(check.warnings.size() == 3);
    // An implausible tag is not passed on to choose fonts and direction.
    CHECK(check.feed->items[0].language.empty());
    CHECK(check.feed->items[1].language == "zh-Hans");
}

TEST_CASE("plausible language tags: the shape of BCP 47")
{
    for (const char* good : {"en", "fr", "ar", "zh-Hans", "es-419", "sr-Latn-RS", "EN-gb", "ast"})
        CHECK_MESSAGE(plausible_language_tag(good), good);
    for (const char* bad : {"", "e", "english", "en_GB", "en-", "-en", "en--GB", "zh-Hans!", "en-abcdefghi", "1en"})
        CHECK_FALSE_MESSAGE(plausible_language_tag(bad), bad);
}

TEST_CASE("exactly 2^53 is allowed for tallies, and an empty kind or priority is not the default")
{
    FeedCheck check = parse_feed(feed_with_items(
        R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 9007199254740992, "breakdown": [{"label": "A", "value": 0}]}})"));
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].tally.value == 9007199254740992.0);
    CHECK(has_problem(parse_feed(feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"priority": ""}})")).errors,
                      "/items/0/_placard/priority", "unknown priority"));
}

TEST_CASE("numbers are kept as written, and only numbers Placard reads are judged")
{
    FeedCheck check = parse_feed(feed_with_items(
        R"({"id": "t", "title": "x", "_x": 9007199254740993.0, "_placard": {"kind": "tally", "value": 12.50,
            "breakdown": [{"label": "A", "value": 0.1}, {"label": "B", "value": 1e3}, {"label": "C", "value": 9007199254740992.0}]}})"));
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].tally.value == 12.5);
    CHECK(check.feed->items[0].tally.breakdown[1].value == 1000);
}

TEST_CASE("a feed with more pictures than a screen shows says which are left out")
{
    auto statements = [](int n, int different) {
        std::string items;
        for (int i = 0; i < n; ++i)
            items += std::string(i ? "," : "") + R"({"id": "s)" + std::to_string(i) + R"(", "content_text": "x", "authors": [{"name": "A"}], "image": "https://e.org/)"
                     + std::to_string(i % different) + R"(.jpg"})";
        return parse_feed(feed_with_items(items));
    };
    FeedCheck many = statements(66, 66);
    REQUIRE(many.ok());
    CHECK(has_problem(many.warnings, "/items/64/image", "the feed names 66 different pictures and a screen shows only the first 64, "
                                                        "so this one and the 1 after it are not shown"));
    CHECK(has_problem(statements(65, 65).warnings, "/items/64/image", "so this one is not shown"));
    CHECK(statements(64, 64).warnings.empty());
    CHECK(statements(100, 64).warnings.empty());  // a picture named twice counts once
}

TEST_CASE("format_problem writes FILE: /pointer: message")
{
    CHECK(format_problem("feed.json", {"/items/3/_placard/value", "expected a number"}) ==
          "feed.json: /items/3/_placard/value: expected a number");
    CHECK(format_problem("feed.json", {"", "not valid JSON"}) == "feed.json: /: not valid JSON");
}

TEST_CASE("the demo feed is valid and quotes the article as it is")
{
    std::string demo = read(PLACARD_SOURCE_DIR "/feeds/demo.json");
    FeedCheck check = parse_feed(demo);
    REQUIRE(check.ok());
    CHECK(check.warnings.empty());
    int statements = 0, tallies = 0;
    bool ineichen = false, sinclair = false, special_procedures = false;
    for (const Item& item : check.feed->items) {
        if (item.kind == ItemKind::statement) ++statements;
        if (item.kind == ItemKind::tally) ++tallies;
        ineichen = ineichen || item.speaker == "Michael Ineichen";
        sinclair = sinclair || item.speaker == "Madeleine Sinclair";
        special_procedures = special_procedures || item.speaker.find("Special Procedures") != std::string::npos;
    }
    CHECK(statements >= 4);
    CHECK(tallies >= 2);
    CHECK(ineichen);
    CHECK(sinclair);
    CHECK(special_procedures);

    const std::string article_path = PLACARD_SHARED_DIR "/seed/000_b8c801ea3ffcd2ce.txt";
    if (!std::filesystem::exists(article_path)) {
        MESSAGE("the source article is not here (no ../shared); skipping the verbatim check");
        return;
    }
    std::string article = read(article_path);
    // The article breaks one line inside a quote; join it as a reader would.
    const std::string broken = "human rights\n\ndefenders";
    for (std::size_t at; (at = article.find(broken)) != std::string::npos;)
        article.replace(at, broken.size(), "human rights defenders");
    // Links in the article are written [text](#); the feed keeps the text.
    for (std::size_t at; (at = article.find("](#)")) != std::string::npos;) article.erase(at, 4);
    std::erase(article, '[');
    for (const Item& item : check.feed->items) {
        CAPTURE(item.id);
        CHECK(article.find(item.text) != std::string::npos);
        if (item.kind == ItemKind::tally)
            CHECK(article.find(std::to_string(static_cast<int>(item.tally.value))) != std::string::npos);
    }
}

TEST_CASE("a tally's earlier count and an item's QR switch are read into the model")
{
    FeedCheck check = parse_feed(feed_with_items(R"(
        {"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 30, "previous": {"value": 27, "as_of": "2013-11-01"}}},
        {"id": "s", "content_text": "y", "url": "https://example.org/", "authors": [{"name": "A"}], "_placard": {"qr": false}})"));
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].tally.previous_value == 27);
    CHECK(check.feed->items[0].tally.previous_as_of == "2013-11-01");
    CHECK_FALSE(check.feed->items[1].qr);
    CHECK(check.warnings.empty());
    FeedCheck bad = parse_feed(feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 3, "previous": {"value": 2, "as_of": "last month"}}})"));
    CHECK(has_problem(bad.errors, "/items/0/_placard/previous/as_of", "not a date"));
}

TEST_CASE("a number too large to read is refused at its own JSON pointer")
{
    auto check = parse_feed(feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": 1e400}})"));
    CHECK_FALSE(check.ok());
    CHECK(has_problem(check.errors, "/items/0/_placard/value", "too large to read"));
    auto in_array = parse_feed(feed_with_items(R"({"id": "a", "content_text": "x"}, {"id": "b", "content_text": "y",
        "_placard": {"kind": "tally", "breakdown": [{"label": "l", "value": 1}, {"label": "m", "value": -1e999}]}})"));
    CHECK(has_problem(in_array.errors, "/items/1/_placard/breakdown/1/value", "too large to read"));
    CHECK(has_problem(parse_feed("[1, 2, 1e400]").errors, "/2", "too large to read"));
    CHECK(has_problem(parse_feed("1e400").errors, "", "too large to read"));
}

TEST_CASE("a member name given twice is refused at the pointer of the second")
{
    auto check = parse_feed(feed_with_items(R"({"id": "s1", "content_text": "We condemn reprisals.",
        "content_text": "We endorse reprisals."})"));
    CHECK_FALSE(check.ok());
    CHECK_FALSE(check.feed.has_value());
    CHECK(has_problem(check.errors, "/items/0/content_text", "given twice"));
    auto top = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [], "title": "U"})");
    CHECK(has_problem(top.errors, "/title", "given twice"));
    // Escaped in the pointer as RFC 6901 says; the same name in different objects is fine.
    auto escaped = parse_feed(feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"a/b": 1, "a/b": 2}})"));
    CHECK(has_problem(escaped.errors, "/items/0/_placard/a~1b", "given twice"));
    CHECK(parse_feed(feed_with_items(R"({"id": "a", "content_text": "x"}, {"id": "b", "content_text": "y"})")).ok());
}

TEST_CASE("a validator that teaches: did you mean, a statement with no speaker, placeholders, the clock")
{
    FeedCheck check = parse_feed(R"J({"version": "https://jsonfeed.org/version/1.1", "titel": "T", "$schema": "s.json",
      "_reader": {}, "items": [
        {"id": "a", "contnet_text": "x", "content_text": "Words.", "knd": "tally", "kind": "notice", "_x": 1,
         "_placard": {"kind": "statement"}},
        {"id": "b", "content_text": "Replace this text with the first statement to show.",
         "authors": [{"name": "Speaker's name (replace)"}]},
        {"id": "c", "content_text": "Gone.", "authors": [{"name": "C"}], "_placard": {"expires_at": "2013-12-11T12:00:00Z"}},
        {"id": "d", "content_text": "Later.", "authors": [{"name": "D"}], "_placard": {"starts_at": "2013-12-11T14:00:00Z"}}]})J",
                                 parse_rfc3339("2013-12-11T13:00:00Z"));
    CHECK(has_problem(check.warnings, "/titel", "did you mean \"title\"?"));
    CHECK(has_problem(check.warnings, "/items/0/contnet_text", "did you mean \"content_text\"?"));
    CHECK(has_problem(check.warnings, "/items/0/knd", "did you mean \"kind\" inside \"_placard\""));
    CHECK(has_problem(check.warnings, "/items/0/kind", "belongs inside \"_placard\""));
    CHECK(has_problem(check.warnings, "/items/0", "a statement with no speaker"));
    CHECK(has_problem(check.warnings, "/items/1", "placeholder text of the starter feed"));
    CHECK(has_problem(check.warnings, "/items/1/authors", "placeholder text"));
    CHECK(has_problem(check.warnings, "/items/2/_placard/expires_at", "expired at 2013-12-11T12:00:00Z"));
    CHECK(has_problem(check.warnings, "/items/3/_placard/starts_at", "not started yet"));
    CHECK(check.warnings.size() == 9);
    // Without a clock (the screen's own check), no windows are judged.
    CHECK(parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "c", "content_text": "Gone.", "authors": [{"name": "C"}], "_placard": {"expires_at": "2013-12-11T12:00:00Z"}}]})")
              .warnings.empty());
}

TEST_CASE("a message quoting text with typographic quotes prints them as they are")
{
    // An opening quote of three bytes at byte 36: a cut at byte 37 would split it.
    const std::string value = "\xE2\x80\x9C" "thirty\xE2\x80\x9D States, by ISHR, as of \xE2\x80\x9C" "11 December\xE2\x80\x9D";
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "t", "title": "x", "_placard": {"kind": "tally", "value": ")"
                                                 + value + R"("}})"));
    REQUIRE(check.errors.size() == 1);
    const std::string& message = check.errors[0].message;
    CHECK(message.rfind("expected a number, got the string \"\xE2\x80\x9C" "thirty\xE2\x80\x9D States", 0) == 0);
    CHECK(is_valid_utf8(message));
    CHECK(message.find("\xEF\xBF\xBD") == std::string::npos);  // no replacement character
    CHECK(message.find("\\u") == std::string::npos);           // nor escapes
}

TEST_CASE("an item marked withdrawn is left out as if absent, and the one line about it names only its id")
{
    const std::string secret = "Quote-Xq7 only the speaker may say";
    FeedCheck check = parse_feed(feed_with_items(
        R"({"id": "keep", "content_text": "Still here", "authors": [{"name": "A"}]},
           {"id": "gone", "content_text": ")" + secret + R"(", "authors": [{"name": "Name-Zr4"}],
            "image": "https://example.org/name-zr4.jpg", "_placard": {"withdrawn": true, "kind": "nonsense"}},
           {"id": "bare", "_placard": {"withdrawn": true}},
           {"id": "shown", "content_text": "Shown", "_placard": {"withdrawn": false}})"));
    REQUIRE(check.ok());
    REQUIRE(check.feed->items.size() == 2);
    CHECK(check.feed->items[0].id == "keep");
    CHECK(check.feed->items[1].id == "shown");
    CHECK(has_problem(check.warnings, "/items/1", "withdrawn (id \"gone\"): not shown; its text is still in this file"));
    CHECK(has_problem(check.warnings, "/items/2", "withdrawn (id \"bare\"): not shown"));
    CHECK_FALSE(has_problem(check.warnings, "/items/2", "still in this file"));
    // Nothing of the withdrawn item is read: no warning about its kind, text, name or picture.
    for (const FeedProblem& w : check.warnings) {
        CHECK(w.pointer.rfind("/items/1/", 0) != 0);
        CHECK(w.message.find("Xq7") == std::string::npos);
        CHECK(w.message.find("Zr4") == std::string::npos);
    }
}

TEST_CASE("a feed whose only items are withdrawn is an empty feed, not a refused one")
{
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "gone", "content_text": "x", "_placard": {"withdrawn": true}})"));
    REQUIRE(check.ok());
    CHECK(check.feed->items.empty());
    FeedCheck typo = parse_feed(feed_with_items(R"({"id": "a", "content_text": "x", "_placard": {"withdrawn": "yes"}})"));
    CHECK(has_problem(typo.errors, "/items/0/_placard/withdrawn", "expected true or false"));
}
