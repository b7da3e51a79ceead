// JSON as people save and type it: UTF-16, NUL bytes and the slips of
// hand-written JSON named, with their place, for feeds and settings alike.
#include <doctest/doctest.h>

#include <string>

#include "core/feed/feed_parse.h"
#include "core/feed/json_check.h"
#include "core/feed/json_text.h"

using namespace placard;

namespace {

bool contains(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

// "{...}" as Notepad's "Unicode" saves it: UTF-16 little-endian, with or without its byte order mark.
std::string utf16le(const std::string& ascii, bool with_bom)
{
    std::string out = with_bom ? "\xFF\xFE" : "";
    for (char c : ascii) out += std::string{c, '\0'};
    return out;
}

}  // namespace

TEST_CASE("not_json_text: UTF-16 is named as such, with the fix, so are bytes that are not UTF-8 and NUL bytes")
{
    const std::string doc = R"({"feed": "https://example.org/feed.json"})";
    for (const std::string& bytes : {utf16le(doc, true), utf16le(doc, false), "\xFE\xFF" + std::string("\0{", 2)}) {
        auto problem = not_json_text(bytes);
        REQUIRE(problem);
        CHECK(contains(*problem, "saved as UTF-16 (Notepad calls it \"Unicode\")"));
        CHECK(contains(*problem, "Encoding: UTF-8"));
    }
    auto latin1 = not_json_text("{\"logo\": \"caf\xE9.png\"}");
    REQUIRE(latin1);
    CHECK(contains(*latin1, "not valid UTF-8 at byte 13 (line 1, column 14)"));
    auto nul = not_json_text(std::string("{}\n\0junk", 7));
    REQUIRE(nul);
    CHECK(contains(*nul, "a NUL byte at byte 3 (line 2, column 1)"));
    CHECK_FALSE(not_json_text(doc));
    CHECK_FALSE(not_json_text("\xEF\xBB\xBF" + doc));  // a UTF-8 byte order mark is still UTF-8
    CHECK_FALSE(not_json_text(""));
}

TEST_CASE("find_json_slip names the slip at its own place: trailing comma, comment, quotes, a missing comma, a bare word")
{
    struct Case {
        const char* text;
        JsonSlip::Kind kind;
        const char* where;
        const char* words;
    };
    using K = JsonSlip::Kind;
    const Case cases[] = {
        {"{\n  \"feed\": \"a\",\n}", K::trailing_comma, "line 2, column 14", "a comma after the last entry, before the closing \"}\""},
        {"{\"languages\": [\"en\", \"fr\",]}", K::trailing_comma, "line 1, column 26", "before the closing \"]\""},
        {"{\n  // the screen in room XXI\n  \"feed\": \"a\"\n}", K::comment, "line 2, column 3", "a comment"},
        {"{\"feed\": \"a\" /* old: b */}", K::comment, "line 1, column 14", "a comment"},
        {"# settings\n{}", K::comment, "line 1, column 1", "a comment"},
        {"{'feed': 'a'}", K::single_quotes, "line 1, column 2", "single quotes"},
        {"{\xE2\x80\x9C" "feed\xE2\x80\x9D: 1}", K::curly_quotes, "line 1, column 2", "typographic quotes"},
        {"{\"feed\": \xE2\x80\x9Cx\xE2\x80\x9D}", K::curly_quotes, "line 1, column 10", "straight double quotes"},
        {"{\n  \"feed\": \"a\"\n  \"rotation\": 90\n}", K::missing_comma, "line 3, column 3", "a comma is missing"},
        {"{\"languages\": [\"en\" \"fr\"]}", K::missing_comma, "line 1, column 21", "a comma is missing"},
        {"{feed: \"a\"}", K::unquoted, "line 1, column 2", "without double quotes"},
        {"{\"feed\": https://example.org/feed.json}", K::unquoted, "line 1, column 10", "without double quotes"},
        {"{\"sync\": True}", K::capitalised, "line 1, column 10", "in small letters"},
    };
    for (const Case& c : cases) {
        const std::string text = c.text;
        CAPTURE(text);
        auto read = read_json(text);
        REQUIRE(read.error);
        auto slip = find_json_slip(text, *read.error);
        REQUIRE(slip);
        CHECK(slip->kind == c.kind);
        CHECK(line_and_column(text, slip->byte) == c.where);
        CHECK(contains(slip->what, c.words));
    }
    // A stray bracket after a comma is not a trailing comma; a text cut short is no slip.
    for (const char* text : {"{\n  \"rotation\": 90,\n  ]\n}", "{\"feed\": ", "{\"feed\" \"a\"}", ""}) {
        CAPTURE(text);
        auto read = read_json(text);
        REQUIRE(read.error);
        auto slip = find_json_slip(text, *read.error);
        CHECK_FALSE((slip && slip->kind == JsonSlip::Kind::trailing_comma));
    }
}

TEST_CASE("a feed saved as UTF-16 or with a trailing comma is refused with the cause, not the parser's words")
{
    const std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []})";
    std::string wide = "\xFF\xFE";
    for (char c : feed) wide += std::string{c, '\0'};
    auto utf16 = parse_feed(wide);
    REQUIRE(utf16.errors.size() == 1);
    CHECK(contains(utf16.errors[0].message, "not valid UTF-8: the file is saved as UTF-16"));
    auto comma = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [],})");
    REQUIRE(comma.errors.size() == 1);
    CHECK(contains(comma.errors[0].message, "not valid JSON at line 1, column 74: a comma after the last entry"));
}
