// The config file: parsing, every problem reported at once, and the size and rotation values.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/setup/config.h"
#include "core/layout/theme.h"

using namespace placard;

namespace {

const char* const file = "/etc/placard/placard.json";

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool contains(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

}  // namespace

TEST_CASE("parse_config reads a good file with every key")
{
    const char* text = R"({
  "$schema": "https://placard.example/config.schema.json",
  "// feed": "the statements for the side event",
  "//": "a comment",
  "feed": "https://example.org/feed.json",
  "window": "1280x720",
  "rotation": 90
})";
    auto config = parse_config(text, file);
    REQUIRE(config.ok());
    CHECK(config->feed == "https://example.org/feed.json");
    REQUIRE(config->window.has_value());
    CHECK(config->window->width == 1280);
    CHECK(config->window->height == 720);
    CHECK(config->rotation == 90);
}

TEST_CASE("parse_config: each good value")
{
    struct Case {
        const char* name;
        const char* text;
        std::string feed;
        std::optional<Size> window;
        int rotation;
    };
    const Case cases[] = {
        {"empty object gives the defaults", "{}", "", std::nullopt, 0},
        {"only comments", R"({"//": "nothing yet", "$schema": "x"})", "", std::nullopt, 0},
        {"a file path", R"({"feed": "/var/lib/placard/feed.json"})", "/var/lib/placard/feed.json", std::nullopt, 0},
        {"window fullscreen", R"({"window": "fullscreen"})", "", std::nullopt, 0},
        {"smallest window", R"({"window": "64x64"})", "", Size{64, 64}, 0},
        {"portrait window", R"({"window": "1080x1920"})", "", Size{1080, 1920}, 0},
        {"rotation 0", R"({"rotation": 0})", "", std::nullopt, 0},
        {"rotation 180", R"({"rotation": 180})", "", std::nullopt, 180},
        {"rotation 270", R"({"rotation": 270})", "", std::nullopt, 270},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto config = parse_config(c.text, file);
        REQUIRE(config.ok());
        CHECK(config->feed == c.feed);
        CHECK(config->window.has_value() == c.window.has_value());
        if (config->window && c.window) {
            CHECK(config->window->width == c.window->width);
            CHECK(config->window->height == c.window->height);
        }
        CHECK(config->rotation == c.rotation);
    }
}

TEST_CASE("parse_config: ui_language, English unless set")
{
    CHECK(parse_config("{}", file)->ui_language == "en");
    CHECK(parse_config(R"({"ui_language": "fr"})", file)->ui_language == "fr");
    CHECK(parse_config(R"({"ui_language": "ZH"})", file)->ui_language == "zh");
}

TEST_CASE("parse_config: a bad value names the file, the key and the fix")
{
    struct Case {
        const char* name;
        const char* text;
        const char* key;
        const char* words;
    };
    const Case cases[] = {
        {"unknown key close to feed", R"({"feeed": "x"})", "feeed", "did you mean \"feed\"?"},
        {"unknown key close to window", R"({"windw": "fullscreen"})", "windw", "did you mean \"window\"?"},
        {"unknown key close to rotation", R"({"rotaton": 90})", "rotaton", "did you mean \"rotation\"?"},
        {"unknown key far from everything", R"({"colour": "blue"})", "colour",
         "the settings are feed, window, rotation, cache_dir, ca_file, poll_seconds, video_driver, renderer"},
        {"unknown key close to video_driver", R"({"videodriver": "x11"})", "videodriver", "did you mean \"video_driver\"?"},
        {"unknown key close to renderer", R"({"render": "software"})", "render", "did you mean \"renderer\"?"},
        {"video_driver unknown", R"({"video_driver": "fbcon"})", "video_driver",
         "expected \"auto\", \"x11\", \"wayland\", \"kmsdrm\" or \"offscreen\""},
        {"video_driver in capitals", R"({"video_driver": "KMSDRM"})", "video_driver", "got the string \"KMSDRM\""},
        {"video_driver empty", R"({"video_driver": ""})", "video_driver", "got the string \"\""},
        {"video_driver a number", R"({"video_driver": 1})", "video_driver", "got the number 1"},
        {"renderer unknown", R"({"renderer": "direct3d"})", "renderer",
         "expected \"auto\", \"software\", \"opengles2\" or \"opengl\""},
        {"renderer gles2 misspelt", R"({"renderer": "gles2"})", "renderer", "got the string \"gles2\""},
        {"renderer null", R"({"renderer": null})", "renderer", "got null"},
        {"poll_seconds too short", R"({"poll_seconds": 14})", "poll_seconds", "from 15 to 86400, got the number 14"},
        {"poll_seconds too long", R"({"poll_seconds": 86401})", "poll_seconds", "got the number 86401"},
        {"poll_seconds as a string", R"({"poll_seconds": "60"})", "poll_seconds", "got the string \"60\""},
        {"poll_seconds not whole", R"({"poll_seconds": 60.5})", "poll_seconds", "got the number 60.5"},
        {"feed not a string", R"({"feed": 3})", "feed", "got the number 3"},
        {"feed null", R"({"feed": null})", "feed", "got null"},
        {"feed an array", R"({"feed": ["a", "b"]})", "feed", "got an array"},
        {"window a word", R"({"window": "big"})", "window", "like \"1280x720\", got the string \"big\""},
        {"window too small", R"({"window": "32x32"})", "window", "got the string \"32x32\""},
        {"window a number", R"({"window": 1280})", "window", "got the number 1280"},
        {"window an object", R"({"window": {"width": 1280, "height": 720}})", "window", "got an object"},
        {"rotation 45", R"({"rotation": 45})", "rotation", "expected 0, 90, 180 or 270"},
        {"rotation as a string", R"({"rotation": "90"})", "rotation", "got the string \"90\""},
        {"rotation 360", R"({"rotation": 360})", "rotation", "got the number 360"},
        {"rotation -90", R"({"rotation": -90})", "rotation", "got the number -90"},
        {"rotation not whole", R"({"rotation": 90.5})", "rotation", "got the number 90.5"},
        {"rotation true", R"({"rotation": true})", "rotation", "got true"},
        {"ui_language not in the table", R"({"ui_language": "de"})", "ui_language",
         "expected one of \"ar\", \"en\", \"es\", \"fr\", \"ru\", \"zh\", got the string \"de\""},
        {"ui_language a list", R"({"ui_language": ["fr"]})", "ui_language", "got an array"},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto config = parse_config(c.text, file);
        REQUIRE_FALSE(config.ok());
        const std::string& message = config.error().message;
        CAPTURE(message);
        CHECK(config.error().kind == ErrorKind::bad_input);
        CHECK(exit_code(config.error()) == 1);
        CHECK(lines_of(message).size() == 1);
        CHECK(contains(message, std::string(file) + ": \"" + c.key + "\": "));
        CHECK(contains(message, c.words));
    }
}

TEST_CASE("parse_config reports every problem at once, one line each")
{
    const char* text = R"({
  "feeed": "https://example.org/feed.json",
  "window": "big",
  "rotation": 45,
  "feed": 7,
  "// note": "comments are never problems",
  "$schema": "neither is this"
})";
    auto config = parse_config(text, "kiosk.json");
    REQUIRE_FALSE(config.ok());
    const auto lines = lines_of(config.error().message);
    CAPTURE(config.error().message);
    REQUIRE(lines.size() == 4);
    for (const std::string& line : lines) {
        CAPTURE(line);
        CHECK(line.rfind("kiosk.json: \"", 0) == 0);  // each line names the file, then the key
    }
    auto line_for = [&](const std::string& key) -> std::string {
        for (const std::string& line : lines)
            if (line.rfind("kiosk.json: \"" + key + "\":", 0) == 0) return line;
        return {};
    };
    CHECK(contains(line_for("feeed"), "did you mean \"feed\"?"));
    CHECK(contains(line_for("window"), "\"big\""));
    CHECK(contains(line_for("rotation"), "45"));
    CHECK(contains(line_for("feed"), "the number 7"));
    CHECK_FALSE(contains(config.error().message, "comments"));
    CHECK_FALSE(contains(config.error().message, "$schema"));
}

TEST_CASE("parse_config: invalid JSON names the line and the column")
{
    struct Case {
        const char* name;
        const char* text;
        const char* where;
    };
    const Case cases[] = {
        {"missing comma", "{\n  \"feed\": \"a\"\n  \"window\": \"1280x720\"\n}", "line 3, column "},
        {"stray bracket", "{\n  \"rotation\": 90,\n  ]\n}", "line 3, column 3"},
        {"trailing comma", "{\n  \"feed\": \"a\",\n}", "line 2, column 14"},
        {"unquoted key", "{feed: 1}", "line 1, column "},
        {"after a multi-byte character", "{\"feed\": \"caf\xC3\xA9\" x}", "line 1, column 17"},
        {"cut short", "{\"feed\": ", "line 1"},
        {"empty file", "", "line 1, column 1"},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto config = parse_config(c.text, "site.json");
        REQUIRE_FALSE(config.ok());
        const std::string& message = config.error().message;
        CAPTURE(message);
        CHECK(message.rfind("site.json: ", 0) == 0);
        CHECK(contains(message, "not valid JSON"));
        CHECK(contains(message, c.where));
        CHECK(config.error().kind == ErrorKind::bad_input);
    }
}

TEST_CASE("parse_config: the root must be an object")
{
    struct Case {
        const char* text;
        const char* got;
    };
    const Case cases[] = {
        {"[]", "an array"},
        {"\"https://example.org/feed.json\"", "the string \"https://example.org/feed.json\""},
        {"42", "the number 42"},
        {"null", "null"},
    };
    for (const Case& c : cases) {
        const std::string text_ = c.text;
        CAPTURE(text_);
        auto config = parse_config(c.text, file);
        REQUIRE_FALSE(config.ok());
        const std::string& message = config.error().message;
        CAPTURE(message);
        CHECK(message.rfind(std::string(file) + ": ", 0) == 0);
        CHECK(contains(message, "expected a JSON object"));
        CHECK(contains(message, c.got));
    }
}

TEST_CASE("parse_size accepts WxH within 64..16384 and nothing else")
{
    struct Case {
        const char* text;
        std::optional<Size> expected;
    };
    const Case cases[] = {
        {"1280x720", Size{1280, 720}},
        {"1920x1080", Size{1920, 1080}},
        {"64x64", Size{64, 64}},
        {"16384x16384", Size{16384, 16384}},
        {"64x16384", Size{64, 16384}},
        {"63x720", std::nullopt},
        {"1280x63", std::nullopt},
        {"16385x720", std::nullopt},
        {"1280x16385", std::nullopt},
        {"0x0", std::nullopt},
        {"-1280x720", std::nullopt},
        {"+1280x720", std::nullopt},
        {"1280X720", std::nullopt},
        {"1280*720", std::nullopt},
        {"1280 x 720", std::nullopt},
        {" 1280x720", std::nullopt},
        {"1280x720 ", std::nullopt},
        {"1280x720x2", std::nullopt},
        {"1280.5x720", std::nullopt},
        {"x720", std::nullopt},
        {"1280x", std::nullopt},
        {"x", std::nullopt},
        {"1280", std::nullopt},
        {"", std::nullopt},
        {"99999999999999999999x720", std::nullopt},
        {"fullscreen", std::nullopt},
    };
    for (const Case& c : cases) {
        const std::string text_ = c.text;
        CAPTURE(text_);
        auto size = parse_size(c.text);
        REQUIRE(size.has_value() == c.expected.has_value());
        if (size) {
            CHECK(size->width == c.expected->width);
            CHECK(size->height == c.expected->height);
        }
    }
}

TEST_CASE("parse_rotation accepts exactly 0, 90, 180 and 270")
{
    struct Case {
        const char* text;
        std::optional<int> expected;
    };
    const Case cases[] = {
        {"0", 0},         {"90", 90},        {"180", 180},       {"270", 270},
        {"45", std::nullopt},  {"360", std::nullopt}, {"-90", std::nullopt}, {"090", std::nullopt},
        {"+90", std::nullopt}, {" 90", std::nullopt}, {"90 ", std::nullopt}, {"90.0", std::nullopt},
        {"ninety", std::nullopt}, {"", std::nullopt},
    };
    for (const Case& c : cases) {
        const std::string text_ = c.text;
        CAPTURE(text_);
        CHECK(parse_rotation(c.text) == c.expected);
    }
}

TEST_CASE("themes: both keep text at WCAG AAA contrast, a faint accent is refused with the fix")
{
    for (const Theme& t : {dark_theme(), light_theme()}) {
        CHECK(contrast_ratio(t.text, t.background) >= 7.0);
        CHECK(contrast_ratio(t.muted, t.background) >= 7.0);
        CHECK(contrast_ratio(t.accent, t.background) >= 4.5);
        CHECK(contrast_ratio(t.urgent, t.background) >= 4.5);
        CHECK(contrast_ratio(t.on_accent, t.accent) >= 4.5);
    }
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}) == doctest::Approx(4.48).epsilon(0.01));

    auto light = parse_config(R"({"theme": "light", "accent": "#005A9C"})", "placard.json");
    REQUIRE(light.ok());
    auto faint = parse_config(R"({"theme": "light", "accent": "#FFD700"})", "placard.json");
    REQUIRE_FALSE(faint.ok());
    CHECK(faint.error().message.find("placard.json: \"accent\": #FFD700 has a contrast of only") != std::string::npos);
    CHECK(faint.error().message.find("darker") != std::string::npos);
    auto unknown = parse_config(R"({"theme": "neon"})", "placard.json");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("use \"dark\" or \"light\"") != std::string::npos);
    CHECK_FALSE(parse_config(R"({"accent": "orange"})", "placard.json").ok());
    CHECK(parse_hex_colour("#f2b23e")->g == 0xB2);
    CHECK_FALSE(parse_hex_colour("#F2B23").has_value());
}

TEST_CASE("parse_config: video_driver, renderer and poll_seconds")
{
    auto defaults = parse_config("{}", file);
    REQUIRE(defaults.ok());
    CHECK(defaults->video_driver == "auto");
    CHECK(defaults->renderer == "auto");
    CHECK_FALSE(defaults->poll_seconds.has_value());

    for (std::string_view driver : video_driver_names) {
        const std::string value(driver);
        CAPTURE(value);
        auto config = parse_config(R"({"video_driver": ")" + value + "\"}", file);
        REQUIRE(config.ok());
        CHECK(config->video_driver == value);
    }
    for (std::string_view renderer : renderer_names) {
        const std::string value(renderer);
        CAPTURE(value);
        auto config = parse_config(R"({"renderer": ")" + value + "\"}", file);
        REQUIRE(config.ok());
        CHECK(config->renderer == value);
    }
    for (int seconds : {15, 60, 300, 86400}) {
        CAPTURE(seconds);
        auto config = parse_config(R"({"poll_seconds": )" + std::to_string(seconds) + "}", file);
        REQUIRE(config.ok());
        CHECK(config->poll_seconds == std::optional<int>(seconds));
    }
}

namespace {

std::string read_source(const std::string& path)
{
    std::ifstream in(std::string(PLACARD_SOURCE_DIR) + "/" + path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("the example config parses, shows the demo feed as it stands, and documents every key")
{
    const std::string example = read_source("platform/raspberry-pi/placard.json.example");
    REQUIRE_FALSE(example.empty());
    auto config = parse_config(example, "placard.json.example");
    CAPTURE(config.ok() ? std::string() : config.error().message);
    REQUIRE(config.ok());
    CHECK(config->feed.empty());  // copied as it is, the screen shows the bundled demo feed
    CHECK_FALSE(config->window.has_value());
    CHECK(config->video_driver == "auto");
    CHECK(config->renderer == "auto");
    for (std::string_view key : config_keys) {
        const std::string name(key);
        CAPTURE(name);
        // Set, or shown switched off as a comment key ("//ca_file") with its explanation ("// ca_file").
        CHECK((contains(example, "\"" + name + "\":") || contains(example, "\"//" + name + "\":")));
        CHECK(contains(example, "\"// " + name + "\":"));
    }
    // The status section shown switched off is a good one, and its comment names every key in it.
    std::string with_status = example;
    const std::string off = "\"//status\":";
    with_status.replace(with_status.find(off), off.size(), "\"status\":");
    auto reporting = parse_config(with_status, "placard.json.example");
    CAPTURE(reporting.ok() ? std::string() : reporting.error().message);
    REQUIRE(reporting.ok());
    CHECK(reporting->status.broker == "mqtts://broker.example.org");
    const std::string comment = example.substr(example.find("\"// status\":"));
    for (std::string_view key : status_keys) {
        const std::string name(key);
        CAPTURE(name);
        CHECK(contains(comment.substr(0, comment.find('\n')), name + ":"));
    }
}

TEST_CASE("the Pi guide's settings table has a row for every key")
{
    const std::string readme = read_source("platform/raspberry-pi/README.md");
    REQUIRE_FALSE(readme.empty());
    for (std::string_view key : config_keys) {
        const std::string row = "| `" + std::string(key) + "` |";
        CAPTURE(row);
        CHECK(contains(readme, row));
    }
    for (std::string_view key : status_keys) {
        const std::string row = "| `status." + std::string(key) + "` |";
        CAPTURE(row);
        CHECK(contains(readme, row));
    }
}

TEST_CASE("a feed setting that reads as a web address without https:// gets the address it meant")
{
    CHECK(with_missing_scheme("example.org/feed.json") == "https://example.org/feed.json");
    CHECK(with_missing_scheme("www.example.org") == "https://www.example.org");
    CHECK(with_missing_scheme("events.example.org:8443/side/feed.json") == "https://events.example.org:8443/side/feed.json");
    for (const char* file : {"feed.json", "feeds/demo.json", "/srv/feed.json", "./example.org/feed.json",
                             "https://example.org/feed.json", "file:///tmp/feed.json", "", "my feed.json",
                             "example.123/feed.json", "example.org:http/feed.json"})
        CHECK_MESSAGE(with_missing_scheme(file).empty(), file);
}
