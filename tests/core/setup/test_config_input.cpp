// Hostile and careless config files: the parser is total, every problem names its key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/setup/config.h"

using namespace placard;

namespace {

const char* const file = "/etc/placard/placard.json";

bool contains(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

}  // namespace

TEST_CASE("parse_config: a bad entry in the languages list refuses the list, without touching freed memory")
{
    // A bad entry used to reset the list and the next good entry was pushed
    // into it anyway: a double free under systemd's restart loop.
    for (const char* text : {R"({"languages": ["en", 5, "fr"]})", R"({"languages": [5, "en"]})",
                             R"({"languages": ["en", "not a tag!", "fr", "de"]})"}) {
        CAPTURE(text);
        auto config = parse_config(text, file);
        REQUIRE_FALSE(config.ok());
        CHECK(contains(config.error().message, "\"languages\": expected language tags"));
    }
    auto good = parse_config(R"({"languages": ["en", "fr"]})", file);
    REQUIRE(good.ok());
    CHECK(good->languages == std::vector<std::string>{"en", "fr"});
}

TEST_CASE("parse_config is total: a number too large names its key, never throws")
{
    for (const char* text : {R"({"poll_seconds": 1e400})", R"({"margin_percent": -1e400})",
                             R"({"rotation": 1e99999})", R"({"feed": "x", "poll_seconds": [1, 2, 1E+400]})"}) {
        CAPTURE(text);
        auto config = parse_config(text, file);
        REQUIRE_FALSE(config.ok());
        CHECK(contains(config.error().message, "too large to read"));
    }
    auto config = parse_config(R"({"poll_seconds": 1e400})", file);
    CHECK(contains(config.error().message, std::string(file) + ": \"poll_seconds\": the number at line 1"));
    // Huge integers still read (as doubles or unsigned) and are refused by the range checks.
    auto big = parse_config(R"({"poll_seconds": 18446744073709551616, "rotation": 18446744073709551615})", file);
    REQUIRE_FALSE(big.ok());
    CHECK(contains(big.error().message, "\"poll_seconds\": expected a whole number"));
    CHECK(contains(big.error().message, "\"rotation\": expected 0, 90"));
}

TEST_CASE("parse_config refuses a setting given twice, naming it, comments may repeat")
{
    auto twice = parse_config(R"({"feed": "https://a.example/f.json", "window": "fullscreen", "feed": "b.json"})", file);
    REQUIRE_FALSE(twice.ok());
    CHECK(contains(twice.error().message, "\"feed\": given more than once"));
    auto nested = parse_config(R"({"public_key": {"a": 1, "a": 2}})", file);
    REQUIRE_FALSE(nested.ok());
    CHECK(contains(nested.error().message, "\"public_key\": \"a\" is given more than once in it"));
    auto comments = parse_config(R"({"//": "one", "//": "two", "// feed": "x", "// feed": "y", "feed": "f.json"})", file);
    REQUIRE(comments.ok());
    CHECK(comments->feed == "f.json");
}

namespace {

// {"KEY": [[[...]]]}: a value nested `depth` deep, as a file of 2 x depth bytes.
std::string nested(const std::string& key, std::size_t depth, const std::string& open = "[", const std::string& close = "]")
{
    std::string text = "{\"" + key + "\": ";
    text.reserve(text.size() + depth * (open.size() + close.size()) + 2);
    for (std::size_t i = 0; i < depth; ++i) text += open;
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text + "}";
}

}  // namespace

TEST_CASE("parse_config refuses settings nested 150,000 deep by their place, before reading any value (no stack overflow)")
{
    // A 300 KB public_key nested 150,000 deep was copied recursively while the
    // keys were read, and the kiosk died of SIGSEGV; the other keys' values and
    // the root stand for the rest.
    const std::string cases[] = {nested("public_key", 150000), nested("status", 150000, "{\"a\":", "}"),
                                 nested("languages", 150000), std::string(150000, '[') + std::string(150000, ']')};
    for (const std::string& text : cases) {
        CAPTURE(text.substr(0, 20));
        auto config = parse_config(text, file);
        REQUIRE_FALSE(config.ok());
        const std::string& message = config.error().message;
        CAPTURE(message);
        CHECK(message.rfind(std::string(file) + ": nested more than 64 levels deep at line 1, column ", 0) == 0);
        CHECK(contains(message, "remove the extra brackets"));
        CHECK(config.error().kind == ErrorKind::bad_input);
    }
    // The root counts as a level: the 64th "[" is the 65th level.
    auto at = parse_config(nested("public_key", 64), file);
    REQUIRE_FALSE(at.ok());
    CHECK(contains(at.error().message, "deep at line 1, column 79;"));
    // As deep as a feed may be is read, and refused for what it holds.
    auto within = parse_config(nested("public_key", 63), file);
    REQUIRE_FALSE(within.ok());
    CHECK(contains(within.error().message, "\"public_key\": item 1: expected a string, got an array"));
}

TEST_CASE("parse_config names UTF-16, a trailing comma and a comment, with the fix, not only the line and column")
{
    std::string unicode = "\xFF\xFE";
    for (char c : std::string(R"({"feed": "https://example.org/feed.json"})")) unicode += std::string{c, '\0'};
    auto utf16 = parse_config(unicode, file);
    REQUIRE_FALSE(utf16.ok());
    CHECK(utf16.error().message == std::string(file) + ": not valid UTF-8: the file is saved as UTF-16 (Notepad calls it "
                                   "\"Unicode\"); save it again with the encoding UTF-8 (in Notepad: File, Save As, "
                                   "Encoding: UTF-8)");
    auto comma = parse_config("{\n  \"feed\": \"https://example.org/feed.json\",\n}\n", file);
    REQUIRE_FALSE(comma.ok());
    CHECK(comma.error().message == std::string(file) + ": not valid JSON at line 2, column 42: a comma after the last "
                                   "entry, before the closing \"}\"; JSON allows none there, so remove that comma");
    auto comment = parse_config("{\n  // room XXI\n  \"feed\": \"https://example.org/feed.json\"\n}\n", file);
    REQUIRE_FALSE(comment.ok());
    CHECK(contains(comment.error().message, std::string(file) + ": not valid JSON at line 2, column 3: a comment;"));
    CHECK(contains(comment.error().message, "a setting whose name starts with //, like \"//\": "));
    // The JSON parser would stop at a NUL byte and take what came before it.
    auto nul = parse_config(std::string("{\"feed\": \"a.json\"}\0{\"x\": 1}", 27), file);
    REQUIRE_FALSE(nul.ok());
    CHECK(contains(nul.error().message, "a NUL byte at byte 18"));
}

TEST_CASE("the feed's address: spaces around it are dropped with a note, another scheme than http(s) is refused by name")
{
    auto spaced = parse_config("{\"feed\": \" https://example.org/feed.json\\n\"}", file);
    REQUIRE(spaced.ok());
    CHECK(spaced->feed == "https://example.org/feed.json");
    REQUIRE(spaced->notes.size() == 1);
    CHECK(spaced->notes[0] == std::string(file) + ": \"feed\": \" https://example.org/feed.json\\n\" has a space or an "
                              "invisible character before or after it, which was dropped: reading "
                              "\"https://example.org/feed.json\"");
    auto pasted = parse_config("{\"feed\": \"\xE2\x80\x8Bhttps://example.org/feed.json\xC2\xA0\"}", file);
    REQUIRE(pasted.ok());
    CHECK(pasted->feed == "https://example.org/feed.json");
    CHECK(pasted->notes.size() == 1);
    auto clean = parse_config(R"({"feed": "HTTPS://example.org/Feed.json"})", file);
    REQUIRE(clean.ok());
    CHECK(clean->feed == "https://example.org/Feed.json");
    CHECK(clean->notes.empty());

    struct Case {
        const char* feed;
        const char* words;
    };
    const Case refused[] = {
        {"ftp://example.org/feed.json", "\"ftp://example.org/feed.json\": a feed is read from an http:// or https:// "
                                        "address or a file path, not ftp://; put the feed on a web server"},
        {" sftp://example.org/feed.json", "not sftp://"},
        {"htps://example.org/feed.json", "did you mean \"https://example.org/feed.json\"?"},
        {"https//example.org/feed.json", "did you mean \"https://example.org/feed.json\"?"},
        {"http:/example.org/feed.json", "did you mean \"http://example.org/feed.json\"?"},
        {"https://example.org/side event.json", "a web address has no spaces in it; write %20"},
    };
    for (const Case& c : refused) {
        CAPTURE(c.feed);
        auto config = parse_config(R"({"feed": ")" + std::string(c.feed) + "\"}", file);
        REQUIRE_FALSE(config.ok());
        CHECK(contains(config.error().message, std::string(file) + ": \"feed\": "));
        CHECK(contains(config.error().message, c.words));
    }
    for (const char* fine : {"feeds/side event.json", "file:///srv/feed.json", "C:\\feeds\\event.json", "http-feed.json",
                             "example.org/feed.json"}) {
        CAPTURE(fine);
        auto setting = read_feed_setting(fine);
        REQUIRE(setting.ok());
        CHECK(setting->feed == fine);
        CHECK(setting->note.empty());
    }
}
