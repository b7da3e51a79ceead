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

TEST_CASE("parse_config refuses a setting given twice, naming it; comments may repeat")
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
