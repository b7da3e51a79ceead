// The kiosk's command line: each flag, usage errors, and how flags override the config.
#include <doctest/doctest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "core/setup/options.h"
#include "core/trust/signature.h"

using namespace placard;

namespace {

using Args = std::vector<std::string_view>;

bool contains(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

bool same_size(const std::optional<Size>& a, const std::optional<Size>& b)
{
    if (a.has_value() != b.has_value()) return false;
    return !a || (a->width == b->width && a->height == b->height);
}

}  // namespace

TEST_CASE("parse_options: no arguments gives the defaults")
{
    auto o = parse_options({});
    REQUIRE(o.ok());
    CHECK(o->config_path.empty());
    CHECK_FALSE(o->feed.has_value());
    CHECK_FALSE(o->window.has_value());
    CHECK_FALSE(o->fullscreen);
    CHECK_FALSE(o->rotation.has_value());
    CHECK_FALSE(o->run_for_seconds.has_value());
    CHECK(o->stats_path.empty());
    CHECK_FALSE(o->check);
    CHECK_FALSE(o->help);
    CHECK_FALSE(o->version);
}

TEST_CASE("parse_options: each flag, with its value as the next argument or after =")
{
    struct Case {
        const char* name;
        Args args;
        bool (*check)(const Options&);
    };
    const Case cases[] = {
        {"--help", {"--help"}, [](const Options& o) { return o.help; }},
        {"-h", {"-h"}, [](const Options& o) { return o.help; }},
        {"--version", {"--version"}, [](const Options& o) { return o.version; }},
        {"--check", {"--check"}, [](const Options& o) { return o.check; }},
        {"--fullscreen", {"--fullscreen"}, [](const Options& o) { return o.fullscreen && !o.window; }},
        {"--config FILE", {"--config", "/tmp/p.json"}, [](const Options& o) { return o.config_path == "/tmp/p.json"; }},
        {"--config=FILE", {"--config=/tmp/p.json"}, [](const Options& o) { return o.config_path == "/tmp/p.json"; }},
        {"--feed URL", {"--feed", "https://example.org/feed.json"},
         [](const Options& o) { return o.feed == std::optional<std::string>("https://example.org/feed.json"); }},
        {"--feed=URL with = in the query", {"--feed=https://example.org/feed.json?event=hlpf&day=2"},
         [](const Options& o) { return o.feed == std::optional<std::string>("https://example.org/feed.json?event=hlpf&day=2"); }},
        {"--feed PATH", {"--feed", "demo.json"}, [](const Options& o) { return o.feed == std::optional<std::string>("demo.json"); }},
        {"--size WxH", {"--size", "1280x720"}, [](const Options& o) { return same_size(o.window, Size{1280, 720}) && !o.fullscreen; }},
        {"--size=WxH", {"--size=800x600"}, [](const Options& o) { return same_size(o.window, Size{800, 600}); }},
        // --windowed, the older name of --size, still works.
        {"--windowed WxH", {"--windowed", "1280x720"}, [](const Options& o) { return same_size(o.window, Size{1280, 720}) && !o.fullscreen; }},
        {"--windowed=WxH", {"--windowed=800x600"}, [](const Options& o) { return same_size(o.window, Size{800, 600}); }},
        {"--rotation 90", {"--rotation", "90"}, [](const Options& o) { return o.rotation == std::optional<int>(90); }},
        {"--rotation=270", {"--rotation=270"}, [](const Options& o) { return o.rotation == std::optional<int>(270); }},
        {"--rotation 0 is a value, not absence", {"--rotation", "0"}, [](const Options& o) { return o.rotation == std::optional<int>(0); }},
        {"--run-for 30", {"--run-for", "30"}, [](const Options& o) { return o.run_for_seconds == std::optional<double>(30.0); }},
        {"--run-for=2.5", {"--run-for=2.5"}, [](const Options& o) { return o.run_for_seconds == std::optional<double>(2.5); }},
        {"--stats FILE", {"--stats", "/tmp/stats.json"}, [](const Options& o) { return o.stats_path == "/tmp/stats.json"; }},
        {"--stats=FILE", {"--stats=/tmp/stats.json"}, [](const Options& o) { return o.stats_path == "/tmp/stats.json"; }},
        {"a later flag wins", {"--rotation", "90", "--rotation", "180"}, [](const Options& o) { return o.rotation == std::optional<int>(180); }},
        {"everything together",
         {"--config", "c.json", "--feed=f.json", "--windowed", "1024x768", "--rotation", "180", "--run-for", "10", "--stats", "s.json", "--check"},
         [](const Options& o) {
             return o.config_path == "c.json" && o.feed == std::optional<std::string>("f.json") && same_size(o.window, Size{1024, 768})
                    && o.rotation == std::optional<int>(180) && o.run_for_seconds == std::optional<double>(10.0)
                    && o.stats_path == "s.json" && o.check && !o.help && !o.version && !o.fullscreen;
         }},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto o = parse_options(c.args);
        CAPTURE(o.ok() ? std::string() : o.error().message);
        REQUIRE(o.ok());
        CHECK(c.check(*o));
    }
}

TEST_CASE("parse_options: usage errors name the flag and the fix")
{
    struct Case {
        const char* name;
        Args args;
        std::vector<const char*> words;
    };
    const Case cases[] = {
        // Missing values.
        {"--config at the end", {"--config"}, {"--config needs a file name"}},
        {"--config= empty", {"--config="}, {"--config needs a file name"}},
        {"--feed at the end", {"--check", "--feed"}, {"--feed needs a URL or a file path"}},
        {"--feed= empty", {"--feed="}, {"--feed needs"}},
        {"--size at the end", {"--size"}, {"--size needs a size like 1280x720"}},
        {"--windowed at the end", {"--windowed"}, {"--windowed needs a size like 1280x720"}},
        {"--rotation at the end", {"--rotation"}, {"--rotation needs 0, 90, 180 or 270"}},
        {"--run-for at the end", {"--run-for"}, {"--run-for needs a number of seconds"}},
        {"--stats at the end", {"--stats"}, {"--stats needs a file name"}},
        {"--stats= empty", {"--stats="}, {"--stats needs a file name"}},
        // Bad sizes.
        {"--windowed a word", {"--windowed", "big"}, {"--windowed", "\"big\"", "1280x720"}},
        {"--windowed too small", {"--windowed", "10x10"}, {"--windowed", "\"10x10\""}},
        {"--windowed= empty", {"--windowed="}, {"--windowed", "\"\""}},
        {"--windowed with a capital X", {"--windowed=1280X720"}, {"--windowed", "\"1280X720\""}},
        // Bad rotations.
        {"--rotation 45", {"--rotation", "45"}, {"--rotation", "\"45\"", "0, 90, 180 or 270"}},
        {"--rotation=-90", {"--rotation=-90"}, {"--rotation", "\"-90\""}},
        {"--rotation 360", {"--rotation", "360"}, {"--rotation", "\"360\""}},
        {"--rotation= empty", {"--rotation="}, {"--rotation", "\"\""}},
        // Bad run-for.
        {"--run-for 0", {"--run-for", "0"}, {"--run-for", "\"0\"", "positive number of seconds"}},
        {"--run-for negative", {"--run-for", "-5"}, {"--run-for", "\"-5\""}},
        {"--run-for a word", {"--run-for", "ten"}, {"--run-for", "\"ten\""}},
        {"--run-for with a unit", {"--run-for", "10s"}, {"--run-for", "\"10s\""}},
        {"--run-for= empty", {"--run-for="}, {"--run-for", "\"\""}},
        {"--run-for nan", {"--run-for", "nan"}, {"--run-for", "\"nan\""}},
        {"--run-for inf", {"--run-for", "inf"}, {"--run-for", "\"inf\""}},
        {"--run-for too large to count in milliseconds", {"--run-for", "1e300"}, {"--run-for", "\"1e300\""}},
        // Unknown options.
        {"misspelt flag", {"--feeed", "x"}, {"unknown option \"--feeed\"", "placard --help"}},
        {"misspelt flag with =", {"--feeed=x"}, {"unknown option \"--feeed=x\""}},
        {"a bare word", {"feed.json"}, {"unknown option \"feed.json\""}},
        {"a short flag", {"-f"}, {"unknown option \"-f\""}},
        {"an empty argument", {""}, {"unknown option \"\""}},
        // Flags that take no value.
        {"--check=no", {"--check=no"}, {"--check"}},
        {"--fullscreen=false", {"--fullscreen=false"}, {"--fullscreen"}},
        {"--help=1", {"--help=1"}, {"--help"}},
        // Contradictions.
        {"--fullscreen then --size", {"--fullscreen", "--size", "1280x720"}, {"--fullscreen and --size contradict"}},
        {"--windowed then --fullscreen", {"--windowed=1280x720", "--fullscreen"}, {"--fullscreen and --size contradict"}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto o = parse_options(c.args);
        REQUIRE_FALSE(o.ok());
        const std::string& message = o.error().message;
        CAPTURE(message);
        for (const char* words : c.words) {
            const std::string expected = words;
            CAPTURE(expected);
            CHECK(contains(message, words));
        }
        CHECK(o.error().kind == ErrorKind::bad_input);
    }
}

TEST_CASE("apply_options: the command line wins over the config file")
{
    Config config;
    config.feed = "https://example.org/config-feed.json";
    config.window = Size{800, 600};
    config.rotation = 90;

    struct Case {
        const char* name;
        Args args;
        std::string feed;
        std::optional<Size> window;
        int rotation;
    };
    const Case cases[] = {
        {"no flags keep the config", {}, "https://example.org/config-feed.json", Size{800, 600}, 90},
        {"unrelated flags keep the config", {"--check", "--stats", "s.json", "--run-for", "5"},
         "https://example.org/config-feed.json", Size{800, 600}, 90},
        {"--feed", {"--feed", "local.json"}, "local.json", Size{800, 600}, 90},
        {"--windowed", {"--windowed", "1920x1080"}, "https://example.org/config-feed.json", Size{1920, 1080}, 90},
        {"--fullscreen clears the config's window", {"--fullscreen"}, "https://example.org/config-feed.json", std::nullopt, 90},
        {"--rotation 0 overrides 90", {"--rotation", "0"}, "https://example.org/config-feed.json", Size{800, 600}, 0},
        {"--rotation 270", {"--rotation=270"}, "https://example.org/config-feed.json", Size{800, 600}, 270},
        {"all of them", {"--feed=b.json", "--fullscreen", "--rotation", "180"}, "b.json", std::nullopt, 180},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto o = parse_options(c.args);
        REQUIRE(o.ok());
        Config result = apply_options(config, *o);
        CHECK(result.feed == c.feed);
        CHECK(same_size(result.window, c.window));
        CHECK(result.rotation == c.rotation);
    }

    // A window from the command line also applies when the config has none.
    Config fullscreen_config;
    auto o = parse_options({"--windowed", "1280x720"});
    REQUIRE(o.ok());
    CHECK(same_size(apply_options(fullscreen_config, *o).window, Size{1280, 720}));
}

TEST_CASE("kiosk_usage mentions every flag")
{
    const std::string usage = kiosk_usage();
    for (const char* flag : {"--config", "--feed", "--size", "--windowed", "--fullscreen", "--rotation", "--run-for", "--stats", "--check",
                             "--version", "--help"}) {
        const std::string flag_name = flag;
        CAPTURE(flag_name);
        CHECK(contains(usage, flag));
        // Every flag the usage mentions is one the parser accepts.
        std::vector<std::string_view> args{flag};
        if (std::string_view(flag) == "--config" || std::string_view(flag) == "--feed" || std::string_view(flag) == "--stats")
            args.push_back("x.json");
        else if (std::string_view(flag) == "--size" || std::string_view(flag) == "--windowed")
            args.push_back("1280x720");
        else if (std::string_view(flag) == "--rotation")
            args.push_back("90");
        else if (std::string_view(flag) == "--run-for")
            args.push_back("1");
        CHECK(parse_options(args).ok());
    }
    CHECK(contains(usage, "Usage: placard"));
}

TEST_CASE("parse_options: --poll-seconds, --video-driver and --renderer")
{
    struct Case {
        const char* name;
        Args args;
        bool (*check)(const Options&);
    };
    const Case cases[] = {
        {"--poll-seconds 60", {"--poll-seconds", "60"}, [](const Options& o) { return o.poll_seconds == std::optional<int>(60); }},
        {"--poll-seconds=15, the least", {"--poll-seconds=15"}, [](const Options& o) { return o.poll_seconds == std::optional<int>(15); }},
        {"--poll-seconds 86400, a day", {"--poll-seconds", "86400"},
         [](const Options& o) { return o.poll_seconds == std::optional<int>(86400); }},
        {"--video-driver kmsdrm", {"--video-driver", "kmsdrm"},
         [](const Options& o) { return o.video_driver == std::optional<std::string>("kmsdrm"); }},
        {"--video-driver=x11", {"--video-driver=x11"}, [](const Options& o) { return o.video_driver == std::optional<std::string>("x11"); }},
        {"--video-driver auto", {"--video-driver", "auto"},
         [](const Options& o) { return o.video_driver == std::optional<std::string>("auto"); }},
        {"--renderer opengles2", {"--renderer", "opengles2"},
         [](const Options& o) { return o.renderer == std::optional<std::string>("opengles2"); }},
        {"--renderer=software", {"--renderer=software"}, [](const Options& o) { return o.renderer == std::optional<std::string>("software"); }},
        {"none of them given", {"--check"},
         [](const Options& o) { return !o.poll_seconds && !o.video_driver && !o.renderer; }},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto o = parse_options(c.args);
        CAPTURE(o.ok() ? std::string() : o.error().message);
        REQUIRE(o.ok());
        CHECK(c.check(*o));
    }
}

TEST_CASE("parse_options: bad --poll-seconds, --video-driver and --renderer name the flag and the choices")
{
    struct Case {
        const char* name;
        Args args;
        std::vector<const char*> words;
    };
    const Case cases[] = {
        {"--poll-seconds at the end", {"--poll-seconds"}, {"--poll-seconds needs a number of seconds from 15 to 86400"}},
        {"--poll-seconds 14", {"--poll-seconds", "14"}, {"--poll-seconds", "\"14\"", "from 15 to 86400"}},
        {"--poll-seconds 86401", {"--poll-seconds", "86401"}, {"--poll-seconds", "\"86401\""}},
        {"--poll-seconds with a unit", {"--poll-seconds", "60s"}, {"--poll-seconds", "\"60s\""}},
        {"--poll-seconds not whole", {"--poll-seconds", "60.5"}, {"--poll-seconds", "\"60.5\""}},
        {"--poll-seconds negative", {"--poll-seconds=-60"}, {"--poll-seconds", "\"-60\""}},
        {"--poll-seconds= empty", {"--poll-seconds="}, {"--poll-seconds", "\"\""}},
        {"--poll-seconds overflowing", {"--poll-seconds", "99999999999999999999"}, {"--poll-seconds", "\"99999999999999999999\""}},
        {"--video-driver at the end", {"--video-driver"}, {"--video-driver needs a video driver"}},
        {"--video-driver unknown", {"--video-driver", "fbcon"},
         {"--video-driver", "\"fbcon\"", "\"auto\", \"x11\", \"wayland\", \"kmsdrm\" or \"offscreen\""}},
        {"--video-driver= empty", {"--video-driver="}, {"--video-driver", "\"\""}},
        {"--video-driver in capitals", {"--video-driver", "X11"}, {"--video-driver", "\"X11\""}},
        {"--renderer at the end", {"--renderer"}, {"--renderer needs a renderer"}},
        {"--renderer unknown", {"--renderer", "vulkan"},
         {"--renderer", "\"vulkan\"", "\"auto\", \"software\", \"opengles2\" or \"opengl\""}},
        {"--renderer= empty", {"--renderer="}, {"--renderer", "\"\""}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        auto o = parse_options(c.args);
        REQUIRE_FALSE(o.ok());
        const std::string& message = o.error().message;
        CAPTURE(message);
        for (const char* words : c.words) {
            const std::string expected = words;
            CAPTURE(expected);
            CHECK(contains(message, words));
        }
        CHECK(o.error().kind == ErrorKind::bad_input);
    }
}

TEST_CASE("apply_options: --poll-seconds, --video-driver and --renderer win over the config file")
{
    Config config;
    config.poll_seconds = 300;
    config.video_driver = "x11";
    config.renderer = "opengl";

    auto none = parse_options({});
    REQUIRE(none.ok());
    Config kept = apply_options(config, *none);
    CHECK(kept.poll_seconds == std::optional<int>(300));
    CHECK(kept.video_driver == "x11");
    CHECK(kept.renderer == "opengl");

    auto all = parse_options({"--poll-seconds", "30", "--video-driver", "kmsdrm", "--renderer=opengles2"});
    REQUIRE(all.ok());
    Config overridden = apply_options(config, *all);
    CHECK(overridden.poll_seconds == std::optional<int>(30));
    CHECK(overridden.video_driver == "kmsdrm");
    CHECK(overridden.renderer == "opengles2");

    // "auto" on the command line undoes a choice in the file.
    auto back = parse_options({"--video-driver", "auto", "--renderer", "auto"});
    REQUIRE(back.ok());
    Config automatic = apply_options(config, *back);
    CHECK(automatic.video_driver == "auto");
    CHECK(automatic.renderer == "auto");
}

TEST_CASE("every config key has a command-line flag that the usage teaches and the parser accepts")
{
    const std::string usage = kiosk_usage();
    struct Flag {
        std::string flag;
        std::string value;
    };
    KeySeed seed{};
    seed.fill(7);
    const std::string public_key = public_key_line(key_pair_from_seed(seed).first);
    // The flag is the key with dashes, except "window", whose flag says what it does.
    auto flag_for = [&](std::string_view key) -> Flag {
        if (key == "window") return {"--windowed", "1280x720"};
        if (key == "feed") return {"--feed", "f.json"};
        if (key == "rotation") return {"--rotation", "90"};
        if (key == "cache_dir") return {"--cache-dir", "/tmp/c"};
        if (key == "ca_file") return {"--ca-file", "ca.pem"};
        if (key == "poll_seconds") return {"--poll-seconds", "60"};
        if (key == "video_driver") return {"--video-driver", "kmsdrm"};
        if (key == "renderer") return {"--renderer", "software"};
        if (key == "public_key") return {"--public-key", public_key};
        if (key == "languages") return {"--languages", "en,fr"};
        if (key == "sync") return {"--no-sync", ""};
        if (key == "qr_codes") return {"--no-qr", ""};
        if (key == "theme") return {"--theme", "light"};
        if (key == "ui_language") return {"--ui-language", "fr"};
        if (key == "accent") return {"--accent", "#F2B23E"};
        if (key == "transition") return {"--transition", "slide"};
        if (key == "frame_rate") return {"--frame-rate", "30"};
        if (key == "margin_percent") return {"--margin-percent", "8"};
        if (key == "logo") return {"--logo", "logo.svg"};
        if (key == "status") return {"--status-broker", "mqtts://broker.example.org"};
        if (key == "display_device") return {"--display-device", "/dev/dri/card1"};
        if (key == "tv") return {"--cec-device", "/dev/cec1"};
        return {};
    };
    for (std::string_view key : config_keys) {
        const std::string name(key);
        CAPTURE(name);
        Flag f = flag_for(key);
        REQUIRE_FALSE(f.flag.empty());  // a new key needs a flag, and a line here
        CHECK(contains(usage, f.flag));
        auto parsed = f.value.empty() ? parse_options({f.flag}) : parse_options({f.flag, f.value});
        CAPTURE(parsed.ok() ? std::string() : parsed.error().message);
        CHECK(parsed.ok());
    }
}

TEST_CASE("--status-broker and --screen-name set the status section, bad values name the flag")
{
    auto o = parse_options({"--status-broker", "mqtt://127.0.0.1:18830", "--screen-name", "corridor"});
    REQUIRE(o.ok());
    Config config;
    config.status.broker = "mqtts://from-the-file.example.org";
    config.status.topic_prefix = "ishr";
    Config applied = apply_options(config, *o);
    CHECK(applied.status.broker == "mqtt://127.0.0.1:18830");
    CHECK(applied.status.screen == "corridor");
    CHECK(applied.status.topic_prefix == "ishr");  // the rest of the section stays as the file has it
    auto bad_url = parse_options({"--status-broker", "http://broker"});
    REQUIRE_FALSE(bad_url.ok());
    CHECK(contains(bad_url.error().message, "--status-broker: "));
    CHECK(contains(bad_url.error().message, "mqtts://"));
    auto bad_name = parse_options({"--screen-name", "all"});
    REQUIRE_FALSE(bad_name.ok());
    CHECK(contains(bad_name.error().message, "--screen-name: \"all\""));
    CHECK(contains(kiosk_usage(), "--screen-name"));
}

TEST_CASE("every flag kiosk_usage lists is one parse_options knows, needing a value exactly where the usage shows one")
{
    std::istringstream lines(kiosk_usage());
    int listed = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  --", 0) != 0) continue;
        std::istringstream words(line);
        std::string flag, next;
        words >> flag >> next;
        CAPTURE(line);
        // A value's placeholder is in capitals (FILE, WxH, #RRGGBB); help text starts in lower case.
        const bool takes_value = !next.empty() && (std::isupper(static_cast<unsigned char>(next[0])) || next[0] == '#');
        auto alone = parse_options({flag});
        if (takes_value) {
            REQUIRE_FALSE(alone.ok());
            CHECK(contains(alone.error().message, flag + " needs "));
        } else {
            CHECK(alone.ok());
        }
        ++listed;
    }
    CHECK(listed == 30);
}

TEST_CASE("--feed: another scheme than http(s) is a usage error naming it, spaces around it are dropped with a note")
{
    auto ftp = parse_options({"--feed", "ftp://example.org/feed.json"});
    REQUIRE_FALSE(ftp.ok());
    CHECK(contains(ftp.error().message, "--feed: \"ftp://example.org/feed.json\": a feed is read from an http:// or "
                                        "https:// address or a file path, not ftp://"));
    auto typo = parse_options({"--feed=htps://example.org/feed.json"});
    REQUIRE_FALSE(typo.ok());
    CHECK(contains(typo.error().message, "did you mean \"https://example.org/feed.json\"?"));
    auto spaced = parse_options({"--feed", " https://example.org/feed.json "});
    REQUIRE(spaced.ok());
    Config config = apply_options(Config{}, *spaced);
    CHECK(config.feed == "https://example.org/feed.json");
    REQUIRE(config.notes.size() == 1);
    CHECK(contains(config.notes[0], "--feed: \" https://example.org/feed.json \" has a space"));
    auto plain = parse_options({"--feed", "https://example.org/feed.json"});
    REQUIRE(plain.ok());
    CHECK(apply_options(Config{}, *plain).notes.empty());
}
