// What placard-feed validate and the browser checker say about one file: the
// lines of a check, the characters no font has, and a file too large to read.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/feed/feed_parse.h"
#include "core/feed/feed_report.h"
#include "core/text/text.h"

using namespace placard;

namespace {

// Fonts that have every character but those of the Private Use Area.
class NoPrivateUse final : public FontMetrics {
public:
    int text_width(std::string_view, FontFace, int) override { return 0; }
    int line_height(FontFace, int) override { return 0; }
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override
    {
        std::vector<char32_t> cps, out;
        decode_utf8(utf8, cps);
        for (char32_t cp : cps)
            if (cp >= 0xE000 && cp <= 0xF8FF) out.push_back(cp);
        return out;
    }
};

const char* const two_items = R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
  {"id": "a", "content_text": "Fine", "authors": [{"name": "A"}]},
  {"id": "b", "content_text": "Boxes \uE001\uE000\uE001", "authors": [{"name": "B \uE002"}]}]})";

}  // namespace

TEST_CASE("report_of: warnings, then errors, then the verdict with its count")
{
    FeedCheck check;
    check.warnings.push_back({"/items/0/_placard/colour", "unknown key"});
    check.errors.push_back({"/title", "expected a string"});
    check.errors.push_back({"", "no items"});
    const FeedReport report = report_of("event.json", check);
    CHECK(report.problems == std::vector<std::string>{"event.json: /items/0/_placard/colour: warning: unknown key",
                                                      "event.json: /title: expected a string", "event.json: /: no items"});
    CHECK(report.verdict == "event.json: invalid (2 errors)");

    const FeedCheck valid = parse_feed(two_items);
    REQUIRE(valid.ok());
    CHECK(report_of("x.json", valid).verdict == "x.json: valid (2 items)");
}

TEST_CASE("glyph_warnings names each field's missing characters once, in order, at the item")
{
    const FeedCheck check = parse_feed(two_items);
    REQUIRE(check.ok());
    NoPrivateUse fonts;
    const auto warnings = glyph_warnings(*check.feed, two_items, fonts);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].pointer == "/items/1");
    CHECK(warnings[0].message == "its text has characters that no font of the screen has, shown as empty boxes: "
                                 "U+E000, U+E001; write them another way, or install a font that has them");
    CHECK(warnings[1].message.rfind("its speaker has characters", 0) == 0);
}

TEST_CASE("too_large_message names the file and the limit in KiB")
{
    CHECK(too_large_message("big.json", 4u * 1024u * 1024u + 1) == "big.json: larger than 4096 KiB; is this the right file?");
}
