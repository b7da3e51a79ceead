// read_json's deferred objects: the items of a feed are checked as the whole
// document is read, but not kept in it; their places in the text are, so the
// feed's reader reads each again only when it comes to it.
#include <doctest/doctest.h>

#include <string>

#include "core/feed/feed_parse.h"
#include "core/feed/json_check.h"
#include "core/feed/json_read.h"

using namespace placard;

namespace {

const DeferObjects items{"items", {}};

std::string span_text(const std::string& text, TextSpan span) { return text.substr(span.begin, span.end - span.begin); }

}  // namespace

TEST_CASE("the objects of the deferred array are left out of the document, and their text is where it says")
{
    const std::string text = R"({"title": "T", "items": [ {"id": "a", "n": 1.5},
        {"id": "b", "more": {"deep": [1, {"x": "}"}]}}, "not an object", {}, [{"id": "in an array"}] ],
        "after": {"items": [{"id": "not the root's"}]}})";
    JsonRead read = read_json(text, {}, items);
    REQUIRE_FALSE(read.error);
    const auto& list = read.value["items"];
    REQUIRE(list.size() == 5);
    CHECK(list[0].is_discarded());
    CHECK(list[1].is_discarded());
    CHECK(list[2] == "not an object");  // only objects are deferred
    CHECK(list[3].is_discarded());
    CHECK(list[4].is_array());
    CHECK(read.value["after"]["items"][0]["id"] == "not the root's");
    REQUIRE(read.deferred.size() == 4);
    CHECK(span_text(text, read.deferred[0]) == R"({"id": "a", "n": 1.5})");
    CHECK(span_text(text, read.deferred[1]) == R"({"id": "b", "more": {"deep": [1, {"x": "}"}]}})");
    CHECK(read.deferred[2].end == 0);
    CHECK(span_text(text, read.deferred[3]) == "{}");
    // Each span reads again as the object it was.
    JsonRead again = read_json(span_text(text, read.deferred[1]));
    REQUIRE_FALSE(again.error);
    CHECK(again.value["more"]["deep"][1]["x"] == "}");
    // Without deferring, the same document whole.
    CHECK(read_json(text).value["items"][1]["id"] == "b");
}

TEST_CASE("a deferred object is still checked as it is read: a repeated name, a number too large, an inexact one")
{
    JsonRead twice = read_json(R"({"items": [{"id": "a"}, {"id": "b", "id": "c"}]})", {}, items);
    REQUIRE(twice.error);
    CHECK(twice.error->kind == JsonReadError::Kind::duplicate_key);
    CHECK(twice.error->pointer == "/items/1/id");
    JsonRead large = read_json(R"({"items": [{"n": 1e400}]})", {}, items);
    REQUIRE(large.error);
    CHECK(large.error->kind == JsonReadError::Kind::number_too_large);
    CHECK(large.error->pointer == "/items/0/n");
    JsonRead inexact = read_json(R"({"items": [{"id": "a"}, {"n": 9007199254740993.0}]})", {}, items);
    REQUIRE_FALSE(inexact.error);
    REQUIRE(inexact.inexact.size() == 1);
    CHECK(inexact.inexact[0].pointer == "/items/1/n");
    JsonRead cut = read_json(R"({"items": [{"id": "a"}, {"id": )", {}, items);
    CHECK(cut.error);
}

TEST_CASE("an object the reader asks to keep stays in the document")
{
    const DeferObjects keep_long{"items", [](const nlohmann::json& item) { return has_string_longer_than(item, 5); }};
    JsonRead read = read_json(R"({"items": [{"id": "short"}, {"id": "a", "tags": ["longer than five"]}]})", {}, keep_long);
    REQUIRE_FALSE(read.error);
    CHECK(read.value["items"][0].is_discarded());
    CHECK(read.value["items"][1]["tags"][0] == "longer than five");
    // Nested deeper than the stack would allow for a recursive walk: looked at with a stack of its own.
    std::string deep = R"({"items": [{"x": )" + std::string(100000, '[') + std::string(100000, ']') + "}]}";
    CHECK_FALSE(read_json(deep, {}, keep_long).error);
}

TEST_CASE("a feed read item by item says what it said when read whole: the same items, warnings and errors")
{
    // A string past 64 KiB in the middle item: kept whole, so the size check
    // names it in its place among the feed's other errors.
    const std::string long_text(70 * 1024, 'x');
    const std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "content_text": "First.", "unknown_member": 1},
        {"id": "b", "content_text": ")" + long_text + R"("},
        {"id": "a", "content_text": "Same id."}], "zzz": ")" + long_text + R"("})";
    FeedCheck check = parse_feed(feed);
    REQUIRE(check.errors.size() == 2);
    CHECK(check.errors[0].pointer == "/items/1/content_text");
    CHECK(check.errors[1].pointer == "/zzz");
    // Without the long strings: read item by item, the first item kept, the repeated id skipped.
    const std::string fine = R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "content_text": "First."}, {"id": "b", "content_text": "Second, with \"quotes\" and \u00e9."},
        {"id": "a", "content_text": "Same id."}]})";
    FeedCheck ok = parse_feed(fine);
    REQUIRE(ok.ok());
    REQUIRE(ok.feed->items.size() == 2);
    CHECK(ok.feed->items[1].text == "Second, with \"quotes\" and \u00e9.");
    REQUIRE_FALSE(ok.warnings.empty());
    CHECK(ok.warnings.back().pointer == "/items/2/id");
}
