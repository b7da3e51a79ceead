// Many screens (core/fleet_status, core/screens_table, core/thumbnail): the status
// message and its reading back, commands, the broker settings, the editor's
// table and the screenshot's scaling.
#include <doctest/doctest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/setup/config.h"
#include "core/fleet/name_card.h"
#include "core/fleet/screens_table.h"
#include "core/fleet/fleet_status.h"
#include "core/fleet/thumbnail.h"

using namespace placard;

namespace {

bool contains(const std::string& text, const std::string& words) { return text.find(words) != std::string::npos; }

ScreenStatus sample()
{
    ScreenStatus s;
    s.screen = "room-xxi";
    s.version = "1.2.3";
    s.feed_url = "https://example.org/feed.json";
    s.sequence = 42;
    s.generated_at = "2013-12-11T09:00:00Z";
    s.item = "s1";
    s.slide = 3;
    s.slides = 10;
    s.last_good_fetch = 1386752400;  // 2013-12-11T09:00:00Z
    s.banner = "Offline since 14:02 \xC2\xB7 showing the feed from 13:58";
    s.last_error = "HTTP 500";
    s.clock_trusted = true;
    s.screen_size = {1920, 1080};
    s.rotation = 90;
    s.uptime_seconds = 3600;
    s.temperature_c = 48.25;
    s.reported_at = 1386752460;
    return s;
}

}  // namespace

TEST_CASE("the status message holds every field the issue lists, as JSON")
{
    auto j = nlohmann::json::parse(status_message(sample()));
    CHECK(j["screen"] == "room-xxi");
    CHECK(j["online"] == true);
    CHECK(j["version"] == "1.2.3");
    CHECK(j["feed"] == "https://example.org/feed.json");
    CHECK(j["sequence"] == 42);
    CHECK(j["generated_at"] == "2013-12-11T09:00:00Z");
    CHECK(j["item"] == "s1");
    CHECK(j["slide"] == 3);
    CHECK(j["slides"] == 10);
    CHECK(j["last_good_fetch"] == "2013-12-11T09:00:00Z");
    CHECK(j["last_error"] == "HTTP 500");
    CHECK(j["banner"] == "Offline since 14:02 \xC2\xB7 showing the feed from 13:58");
    CHECK(j["clock_trusted"] == true);
    CHECK(j["screen_size"] == "1920x1080");
    CHECK(j["rotation"] == 90);
    CHECK(j["uptime_seconds"] == 3600);
    CHECK(j["temperature_c"] == doctest::Approx(48.3));
    CHECK(j["reported_at"] == "2013-12-11T09:01:00Z");
}

TEST_CASE("what is unknown goes out as null, not as a made-up value")
{
    ScreenStatus s;
    s.screen = "corridor";
    auto j = nlohmann::json::parse(status_message(s));
    for (const char* key : {"sequence", "generated_at", "item", "last_good_fetch", "last_error", "banner", "temperature_c"}) {
        CAPTURE(key);
        CHECK(j[key].is_null());
    }
}

TEST_CASE("a status message reads back as it was written")
{
    ScreenStatus s = sample();
    auto back = parse_status_message(status_message(s));
    REQUIRE(back.ok());
    CHECK(same_state(*back, s));
    CHECK(back->item == "s1");
    CHECK(back->slide == 3);
    CHECK(back->uptime_seconds == 3600);
    CHECK(back->reported_at == s.reported_at);
    REQUIRE(back->temperature_c.has_value());
    CHECK(*back->temperature_c == doctest::Approx(48.3));
}

TEST_CASE("the last will says the screen is offline, and reads back so")
{
    auto j = nlohmann::json::parse(offline_message("corridor"));
    CHECK(j["online"] == false);
    CHECK(j["screen"] == "corridor");
    auto back = parse_status_message(offline_message("corridor"));
    REQUIRE(back.ok());
    CHECK_FALSE(back->online);
    CHECK(screen_problem(*back) == "offline");
}

TEST_CASE("status messages from elsewhere: bad ones are refused, unknown fields ignored")
{
    CHECK_FALSE(parse_status_message("not json").ok());
    CHECK_FALSE(parse_status_message("[1]").ok());
    CHECK_FALSE(parse_status_message(R"({"online": true})").ok());            // no screen name
    CHECK_FALSE(parse_status_message(R"({"screen": "a/b", "online": true})").ok());
    auto newer = parse_status_message(R"({"screen": "x", "online": true, "future_field": [1, 2], "sequence": "7"})");
    REQUIRE(newer.ok());
    CHECK_FALSE(newer->sequence.has_value());  // a string is not a sequence
}

TEST_CASE("same_state: what changes the state is published at once, the rotation, polls and the clock are not news")
{
    ScreenStatus a = sample();
    ScreenStatus b = a;
    b.uptime_seconds += 60;
    b.reported_at += 60;
    b.temperature_c = 50;
    b.item = "s2";
    b.slide = 4;
    b.last_good_fetch = *a.last_good_fetch + 60;
    CHECK(same_state(a, b));
    auto changed = [&](auto change) {
        ScreenStatus c = a;
        change(c);
        return !same_state(a, c);
    };
    CHECK(changed([](ScreenStatus& c) { c.sequence = 43; }));
    CHECK(changed([](ScreenStatus& c) { c.banner.clear(); }));
    CHECK(changed([](ScreenStatus& c) { c.last_error = "HTTP 404"; }));
    CHECK(changed([](ScreenStatus& c) { c.clock_trusted = false; }));
    CHECK(changed([](ScreenStatus& c) { c.screen_size = {1280, 720}; }));
    CHECK(changed([](ScreenStatus& c) { c.rotation = 0; }));
    CHECK(changed([](ScreenStatus& c) { c.slides = 11; }));
}

TEST_CASE("commands: three words, alone or with an id, nothing else")
{
    auto plain = parse_command("refresh");
    REQUIRE(plain.ok());
    CHECK(plain->kind == CommandKind::refresh);
    CHECK(plain->id.empty());
    auto with_id = parse_command(R"({"command": "screenshot", "id": "a1-b2"})");
    REQUIRE(with_id.ok());
    CHECK(with_id->kind == CommandKind::screenshot);
    CHECK(with_id->id == "a1-b2");
    auto identify = parse_command(command_message({CommandKind::identify, "x"}));
    REQUIRE(identify.ok());
    CHECK(identify->kind == CommandKind::identify);
    CHECK(identify->id == "x");
    CHECK(command_message({CommandKind::refresh, ""}) == "refresh");
    // Nothing that could carry text to the screen or a new feed gets through.
    for (const char* bad : {"", "Refresh", "refresh ", "show", "feed https://evil.example/feed.json",
                            R"({"command": "identify", "text": "FORGED"})" /* extra fields are ignored, see below */,
                            R"({"command": "set_feed", "url": "https://evil.example"})", R"({"command": 1})",
                            R"({"command": "refresh", "id": "<b>hi</b>"})", R"({"command": "refresh", "id": 7})", "{"}) {
        CAPTURE(bad);
        auto c = parse_command(bad);
        if (std::string(bad).find("FORGED") != std::string::npos) {
            // Accepted as identify, and the text is dropped: a Command has nowhere to hold it.
            REQUIRE(c.ok());
            CHECK(c->kind == CommandKind::identify);
            CHECK(c->id.empty());
        } else {
            CHECK_FALSE(c.ok());
        }
    }
    CHECK_FALSE(parse_command(std::string(2000, 'r')).ok());
}

TEST_CASE("replies read back")
{
    auto back = parse_reply_message(reply_message({"corridor", "refresh", "id7", false, "HTTP 404"}));
    REQUIRE(back.ok());
    CHECK(back->screen == "corridor");
    CHECK(back->command == "refresh");
    CHECK(back->id == "id7");
    CHECK_FALSE(back->ok);
    CHECK(back->detail == "HTTP 404");
    CHECK_FALSE(parse_reply_message("{}").ok());
}

TEST_CASE("the topic names the screen: a status or reply that names another is refused, saying where it came from")
{
    CHECK(screen_of_topic("placard/room-xxi/status", "placard", "status") == "room-xxi");
    CHECK(screen_of_topic("org/un/room-xxi/reply", "org/un", "reply") == "room-xxi");
    for (const char* topic : {"placard/room-xxi/reply", "placard/status", "placard//status", "placard/all/status",
                              "placard/a/b/status", "placardx/room/status", "placard/room/statusx", "other/room/status",
                              "placard/room xxi/status", ""})
        CHECK_MESSAGE(screen_of_topic(topic, "placard", "status").empty(), topic);

    ScreenStatus corridor = sample();
    corridor.screen = "corridor";
    CHECK(status_from("corridor", status_message(corridor)).ok());
    auto forged = status_from("corridor", status_message(sample()));
    REQUIRE_FALSE(forged.ok());
    CHECK(forged.error().message
          == "a status on corridor's topic that names the screen \"room-xxi\"; a screen speaks only under its own name");
    CHECK(status_from("corridor", offline_message("corridor")).ok());
    CHECK_FALSE(status_from("corridor", offline_message("room-xxi")).ok());
    CHECK(status_from("corridor", "[]").error().message == "a status on corridor's topic: not a JSON object");

    const CommandReply reply{"room-xxi", "refresh", "a1", true, "accepted"};
    CHECK(reply_from("room-xxi", reply_message(reply)).ok());
    auto answered_for = reply_from("corridor", reply_message(reply));
    REQUIRE_FALSE(answered_for.ok());
    CHECK(contains(answered_for.error().message, "a reply on corridor's topic that names the screen \"room-xxi\""));
    auto odd = reply_from("corridor", reply_message({"\x1b[2J", "refresh", "a1", true, "accepted"}));
    REQUIRE_FALSE(odd.ok());
    CHECK(contains(odd.error().message, "names the screen another name"));  // not the controls it names
}

TEST_CASE("what a screen may be sent is sized for its largest message")
{
    // A command of the largest size parse_command takes (1024 bytes), on the longest topic a screen has.
    const std::string prefix(200, 'p');
    const std::string topic = status_topics(prefix, std::string(64, 's')).command;
    const std::size_t command_packet = 1 + 4 + 2 + topic.size() + 2 + 4 + 1024;  // header, topic, id, properties, payload
    CHECK(command_packet < screen_packet_limit);
    // A 480x480 screenshot stored without compression: 4 bytes a pixel and a filter byte a row, in
    // deflate's stored blocks of 65535 bytes at 5 bytes each, with PNG's and zlib's headers.
    const std::size_t raw = 480 * (480 * 4 + 1);
    const std::size_t png = 8 + 25 + 12 + 2 + raw + (raw / 65535 + 1) * 5 + 4 + 12;
    CHECK(thumbnail_size({480, 480}).width == 480);
    CHECK(thumbnail_size({480, 480}).height == 480);
    CHECK(png + 1 + 4 + 2 + topic.size() < editor_packet_limit);
}

TEST_CASE("broker URLs: mqtt and mqtts, with the right default ports")
{
    struct Case {
        const char* url;
        const char* host;
        int port;
        bool tls;
    };
    for (const Case& c : {Case{"mqtt://broker.example.org", "broker.example.org", 1883, false},
                          Case{"mqtts://broker.example.org", "broker.example.org", 8883, true},
                          Case{"mqtt://127.0.0.1:18830", "127.0.0.1", 18830, false},
                          Case{"mqtts://[::1]:8884/", "::1", 8884, true}}) {
        CAPTURE(c.url);
        auto a = parse_broker_url(c.url);
        REQUIRE(a.ok());
        CHECK(a->host == c.host);
        CHECK(a->port == c.port);
        CHECK(a->tls == c.tls);
    }
    for (const char* bad : {"", "broker.example.org", "http://broker", "mqtt://", "mqtt://host:0", "mqtt://host:99999",
                            "mqtt://host:x", "mqtt://user:pw@host", "mqtt://host/topic"}) {
        CAPTURE(bad);
        auto a = parse_broker_url(bad);
        REQUIRE_FALSE(a.ok());
        CHECK(contains(a.error().message, "mqtts://"));
    }
}

TEST_CASE("credentials: one line USER:PASSWORD")
{
    auto c = parse_credentials("screen-1:s3cr:et\n", "/etc/placard/broker.pass");
    REQUIRE(c.ok());
    CHECK(c->username == "screen-1");
    CHECK(c->password == "s3cr:et");
    for (const char* bad : {"", "no-colon", ":password", "a:b\nc:d\n"}) {
        CAPTURE(bad);
        auto r = parse_credentials(bad, "/etc/placard/broker.pass");
        REQUIRE_FALSE(r.ok());
        CHECK(contains(r.error().message, "/etc/placard/broker.pass: "));
        CHECK(contains(r.error().message, "USER:PASSWORD"));
    }
}

TEST_CASE("screen names and topic prefixes fit in a topic, and all is everyone's")
{
    CHECK(is_screen_name("room-xxi"));
    CHECK(is_screen_name("ny_2.lobby"));
    for (const char* bad : {"", "all", "a/b", "a+", "#", "room xxi", "caf\xC3\xA9"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_screen_name(bad));
    }
    CHECK_FALSE(is_screen_name(std::string(65, 'a')));
    CHECK(screen_name_from_host("raspberrypi.local") == "raspberrypi");
    CHECK(screen_name_from_host("pi 4+") == "pi-4-");
    CHECK(screen_name_from_host("") == "screen");
    CHECK(screen_name_from_host("all") == "screen");
    CHECK(is_topic_prefix("placard"));
    CHECK(is_topic_prefix("ishr/geneva/placard"));
    for (const char* bad : {"", "/placard", "placard/", "a//b", "a/+/b", "a/#"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_topic_prefix(bad));
    }
    StatusTopics t = status_topics("ishr/placard", "room-xxi");
    CHECK(t.status == "ishr/placard/room-xxi/status");
    CHECK(t.command == "ishr/placard/room-xxi/command");
    CHECK(t.all_command == "ishr/placard/all/command");
    CHECK(t.screenshot == "ishr/placard/room-xxi/screenshot");
    CHECK(t.reply == "ishr/placard/room-xxi/reply");
}

TEST_CASE("the config's status section: every key, and problems named with the fix")
{
    auto config = parse_config(R"({"status": {"broker": "mqtts://broker.example.org", "credentials_file": "/etc/placard/broker.pass",
        "ca_file": "/etc/placard/broker-ca.pem", "topic_prefix": "ishr/placard", "screen": "room-xxi", "interval_seconds": 60,
        "// screen": "a comment"}})",
                               "placard.json");
    REQUIRE(config.ok());
    CHECK(config->status.broker == "mqtts://broker.example.org");
    CHECK(config->status.credentials_file == "/etc/placard/broker.pass");
    CHECK(config->status.ca_file == "/etc/placard/broker-ca.pem");
    CHECK(config->status.topic_prefix == "ishr/placard");
    CHECK(config->status.screen == "room-xxi");
    CHECK(config->status.interval_seconds == 60);
    auto defaults = parse_config("{}", "placard.json");
    REQUIRE(defaults.ok());
    CHECK(defaults->status.broker.empty());
    CHECK(defaults->status.topic_prefix == "placard");
    CHECK(defaults->status.interval_seconds == 120);

    struct Bad {
        const char* text;
        const char* words;
    };
    for (const Bad& b : {Bad{R"({"status": "mqtt://x"})", "expected a section like"},
                         Bad{R"({"status": {"broker": "http://x"}})", "\"broker\": \"http://x\" is not an mqtt://"},
                         Bad{R"({"status": {"brokr": "mqtt://x"}})", "did you mean \"broker\"?"},
                         Bad{R"({"status": {"colour": 1}})", "this section's settings are broker,"},
                         Bad{R"({"status": {"screen": "all"}})", "\"screen\": expected 1 to 64"},
                         Bad{R"({"status": {"topic_prefix": "a/#"}})", "\"topic_prefix\": expected topic levels"},
                         Bad{R"({"status": {"interval_seconds": 5}})", "from 10 to 3600"},
                         Bad{R"({"status": {"credentials_file": ""}})", "\"credentials_file\": expected a file path"}}) {
        CAPTURE(b.text);
        auto r = parse_config(b.text, "placard.json");
        REQUIRE_FALSE(r.ok());
        CHECK(contains(r.error().message, "placard.json: \"status\": "));
        CHECK(contains(r.error().message, b.words));
    }
}

TEST_CASE("the editor's table: one aligned row a screen, sorted, offline and problems said plainly")
{
    ScreenStatus room = sample();
    room.banner.clear();
    room.last_error.clear();
    ScreenStatus corridor = sample();
    corridor.screen = "corridor";
    corridor.item = "t1";
    corridor.slide = 4;
    corridor.banner = "Offline since 14:02 \xC2\xB7 showing the feed from 13:58";
    ScreenStatus ny;
    ny.screen = "new-york";
    ny.online = false;
    const std::int64_t now = 1386752400 + 150;
    std::string table = screens_table({room, ny, corridor}, now);
    CAPTURE(table);
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = table.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(table.substr(start, end - start));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("SCREEN", 0) == 0);
    CHECK(lines[1].rfind("corridor", 0) == 0);
    CHECK(lines[2].rfind("new-york", 0) == 0);
    CHECK(lines[3].rfind("room-xxi", 0) == 0);
    CHECK(contains(lines[1], "t1 (4/10)"));
    CHECK(contains(lines[1], "Offline since 14:02"));
    CHECK(contains(lines[2], "no"));
    CHECK(contains(lines[2], "offline"));
    CHECK(contains(lines[3], "s1 (3/10)"));
    CHECK(contains(lines[3], "42"));
    CHECK(contains(lines[3], "2013-12-11T09:00:00Z, 2 min ago"));
    // Columns line up: ONLINE starts at the same place on every row.
    const auto column = lines[0].find("ONLINE");
    for (const std::string& line : lines) CHECK(line.size() > column);
    CHECK(lines[1].substr(column, 3) == "yes");
    CHECK(lines[2].substr(column, 2) == "no");
}

TEST_CASE("the editor's table: controls in what a screen wrote are printed as escapes, never obeyed")
{
    ScreenStatus s = sample();
    s.item = "s1\x1b[2J";
    s.banner = "\x1b]0;owned\x07 \xC2\x9B" "31m \xE2\x80\xAEgnp.exe";
    std::string table = screens_table({s}, 1386752400);
    CAPTURE(table);
    CHECK(contains(table, "s1\\u001B[2J (3/10)"));
    CHECK(contains(table, "\\u001B]0;owned\\u0007 \\u009B31m \\u202Egnp.exe\n"));
    CHECK_FALSE(contains(table, "\x1b"));
    CHECK_FALSE(contains(table, "\xE2\x80\xAE"));
}

TEST_CASE("ages read as people say them")
{
    CHECK(describe_age(1000, 1000) == "0 s ago");
    CHECK(describe_age(1059, 1000) == "59 s ago");
    CHECK(describe_age(1000 + 300, 1000) == "5 min ago");
    CHECK(describe_age(1000 + 3 * 3600, 1000) == "3 h ago");
    CHECK(describe_age(1000 + 5 * 86400, 1000) == "5 days ago");
    CHECK(describe_age(1000, 2000) == "in the future");
}

TEST_CASE("thumbnails: the viewer's picture, its shape kept, each pixel the average of those it covers")
{
    CHECK(thumbnail_size({1920, 1080}).width == 480);
    CHECK(thumbnail_size({1920, 1080}).height == 270);
    CHECK(thumbnail_size({1080, 1920}).width == 270);
    CHECK(thumbnail_size({1080, 1920}).height == 480);
    CHECK(thumbnail_size({320, 200}).width == 320);  // never enlarged

    // A 4x2 panel: left half red, right half blue; averaged into 2x1.
    const std::uint32_t red = 0xFFFF0000, blue = 0xFF0000FF;
    std::vector<std::uint32_t> panel{red, red, blue, blue, red, red, blue, blue};
    auto flat = thumbnail(panel, {4, 2}, 0, {2, 1});
    REQUIRE(flat.size() == 2);
    CHECK(flat[0] == red);
    CHECK(flat[1] == blue);
    auto one = thumbnail(panel, {4, 2}, 0, {1, 1});
    REQUIRE(one.size() == 1);
    CHECK(one[0] == 0xFF800080);  // half red, half blue, rounded

    // Turned 180 degrees on the panel: the viewer sees blue on the left.
    auto turned = thumbnail(panel, {4, 2}, 180, {2, 1});
    CHECK(turned[0] == blue);
    CHECK(turned[1] == red);
    // Turned 90 degrees clockwise, the picture's top is at the panel's right
    // (blue) edge; turned 270, at its left (red) edge.
    auto portrait = thumbnail(panel, {4, 2}, 90, {1, 2});
    REQUIRE(portrait.size() == 2);
    CHECK(portrait[0] == blue);
    CHECK(portrait[1] == red);
    auto other_way = thumbnail(panel, {4, 2}, 270, {1, 2});
    CHECK(other_way[0] == red);
    CHECK(other_way[1] == blue);
    CHECK(thumbnail(panel, {4, 3}, 0, {2, 1}).empty());  // fewer pixels than the size says
}

namespace {

// Every character is half its size wide; lines are 1.2 sizes apart.
class HalfWidthMetrics final : public FontMetrics {
public:
    int text_width(std::string_view utf8, FontFace, int px) override { return static_cast<int>(utf8.size()) * px / 2; }
    int line_height(FontFace, int px) override { return px * 12 / 10; }
    std::vector<char32_t> missing_glyphs(std::string_view) override { return {}; }
};

}  // namespace

TEST_CASE("the identify card: the name as large as fits, centred, and nothing else from outside")
{
    HalfWidthMetrics metrics;
    SlideLayout short_name = layout_name_card("ny", {1920, 1080}, metrics);
    REQUIRE(short_name.lines.size() == 2);
    const TextLine& name = short_name.lines[0];
    CHECK(name.text == "ny");
    CHECK(name.role == "name");
    CHECK(name.px == 360);  // a third of the height: a short name is held by the height
    CHECK(name.box.x + name.box.w / 2 == doctest::Approx(960).epsilon(0.01));
    CHECK(short_name.lines[1].text == "This screen's name on the status broker");
    SlideLayout long_name = layout_name_card("conference-room-xxi-left", {1920, 1080}, metrics);
    const TextLine& wide = long_name.lines[0];
    CHECK(wide.box.w <= 1920 * 8 / 10);            // held by the width...
    CHECK(wide.box.w > 1920 * 8 / 10 - 24 * 2);    // ...and as large as that allows
    CHECK(wide.box.y > 0);
    CHECK(long_name.lines[1].box.y >= wide.box.bottom());
}

TEST_CASE("the status lists the ids on screen, with their count and digest, and reads back")
{
    ScreenStatus s = sample();
    set_showing(s, {"a1", "b2", "c3"});
    CHECK(s.showing == std::vector<std::string>{"a1", "b2", "c3"});
    CHECK(s.showing_count == 3u);
    // printf 'a1\nb2\nc3\n' | sha256sum
    CHECK(s.showing_digest == "5ebda042ce65e7e18ba1f7d467b91a1ed5275e6e2e9fc4362425595b46d36e70");
    auto back = parse_status_message(status_message(s));
    REQUIRE(back);
    CHECK(back->showing == s.showing);
    CHECK(back->showing_count == 3u);
    CHECK(back->showing_digest == s.showing_digest);
    CHECK(shows_item(*back, "b2") == Shows::yes);
    CHECK(shows_item(*back, "zz") == Shows::no);
    // A screen that does not report its ids, or is offline, cannot be said to have dropped one.
    CHECK(shows_item(*parse_status_message(offline_message("room-xxi")), "b2") == Shows::unknown);
    CHECK(shows_item(sample(), "b2") == Shows::unknown);
}

TEST_CASE("the digest is of the sorted ids each with a newline, so an editor can compute it from a feed")
{
    // printf 'a\nb\n' | sha256sum
    CHECK(showing_digest({"a", "b"}) == "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
    CHECK(showing_digest({}) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(showing_digest({"a", "b"}) != showing_digest({"a"}));
    CHECK(showing_digest({"ab"}) != showing_digest({"a", "b"}));
}

TEST_CASE("a long list is cut at 200 ids or 4 KiB, the count and digest cover all, and the status stays small")
{
    std::vector<std::string> ids;
    for (int i = 0; i < 2000; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "s%04d", i);
        ids.push_back(id);
    }
    ScreenStatus s = sample();
    set_showing(s, ids);
    CHECK(s.showing.size() == max_showing_ids);
    CHECK(s.showing_count == 2000u);
    CHECK(s.showing_digest == showing_digest(ids));
    CHECK(shows_item(s, "s0150") == Shows::yes);
    CHECK(shows_item(s, "s0150x") == Shows::no);   // sorts among those listed, and is not listed
    CHECK(shows_item(s, "s1500") == Shows::unknown);  // past the end of the list
    // Long ids (addresses) are cut by their bytes.
    std::vector<std::string> urls;
    for (int i = 0; i < 500; ++i) urls.push_back("https://example.org/statements/2027/" + std::string(80, 'x') + std::to_string(1000 + i));
    set_showing(s, urls);
    CHECK(s.showing.size() < max_showing_ids);
    CHECK(status_message(s).size() < 6 * 1024);
}

TEST_CASE("an item leaving the screen changes the state, so the status goes out at once")
{
    ScreenStatus a = sample(), b = sample();
    set_showing(a, {"a1", "b2"});
    set_showing(b, {"a1"});
    CHECK_FALSE(same_state(a, b));
    set_showing(b, {"a1", "b2"});
    CHECK(same_state(a, b));
}

TEST_CASE("a refused feed's first error and its place go in the status, and read back")
{
    ScreenStatus s = sample();
    s.refused = FeedProblem{"row 7, published", "\"12/11/2013\" is ambiguous; write 2013-12-11"};
    auto j = nlohmann::json::parse(status_message(s));
    CHECK(j["refused"]["place"] == "row 7, published");
    CHECK(j["refused"]["message"] == "\"12/11/2013\" is ambiguous; write 2013-12-11");
    auto back = parse_status_message(status_message(s));
    REQUIRE(back);
    REQUIRE(back->refused);
    CHECK(back->refused->pointer == "row 7, published");
    CHECK(same_state(*back, s));
    // A new error, or none, is news: the status goes out at once.
    ScreenStatus other = s;
    other.refused->pointer = "row 8, published";
    CHECK_FALSE(same_state(s, other));
    other.refused.reset();
    CHECK_FALSE(same_state(s, other));
    // Backward compatible: no "refused" when the feed was not, and a status without it reads as before.
    CHECK_FALSE(nlohmann::json::parse(status_message(sample())).contains("refused"));
    CHECK_FALSE(parse_status_message(status_message(sample()))->refused);
    CHECK_FALSE(parse_status_message(R"({"screen": "a", "online": true, "refused": "row 7"})")->refused);
}

TEST_CASE("a hostile error of 100 KB, not all UTF-8, is cut between characters and the status stays small")
{
    ScreenStatus s = sample();
    std::string hostile;
    for (int i = 0; i < 25000; ++i) hostile += "\xE4\xB8\x80\xFF";  // 一 and a byte that is no UTF-8
    s.refused = FeedProblem{"/items/0/" + hostile, hostile + "\n\x1b[2J"};
    s.last_error = "not a valid feed: " + hostile;
    s.banner = "Feed refused: " + hostile;
    s.feed_url = "https://example.org/" + std::string(100000, 'f');
    s.item = std::string(100000, 'i');
    const std::string message = status_message(s);
    CHECK(message.size() < 3 * 1024);
    auto j = nlohmann::json::parse(message);  // valid JSON, so valid UTF-8
    const std::string place = j["refused"]["place"], text = j["refused"]["message"];
    CHECK(place.size() <= 128);
    CHECK(text.size() <= 384);
    CHECK(place.rfind("/items/0/\xE4\xB8\x80\xEF\xBF\xBD", 0) == 0);
    CHECK(text.ends_with("\xE2\x80\xA6"));
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(j["last_error"].get<std::string>().size() <= 384);
    CHECK(j["banner"].get<std::string>().size() <= 512);
    // With the longest list of ids too, it stays under 8 KiB.
    std::vector<std::string> ids;
    for (int i = 0; i < 500; ++i) ids.push_back("https://example.org/statements/" + std::string(60, 'x') + std::to_string(1000 + i));
    set_showing(s, ids);
    CHECK(status_message(s).size() < 8 * 1024);
}

TEST_CASE("the editor's table names a refused feed's first error and where it is")
{
    ScreenStatus room = sample();
    room.refused = FeedProblem{"row 7, published", "\"12/11/2013\" is ambiguous; write 2013-12-11"};
    std::string table = screens_table({room}, 1386752400);
    CAPTURE(table);
    CHECK(contains(table, "feed refused: row 7, published: \"12/11/2013\" is ambiguous; write 2013-12-11\n"));
    CHECK(screen_problem(room) == "feed refused: row 7, published: \"12/11/2013\" is ambiguous; write 2013-12-11");
    // Long or hostile: one line, cut, its controls never reaching the terminal.
    room.refused = FeedProblem{"/items/3/date_published", "bad \x1b[2J" + std::string(5000, 'x')};
    table = screens_table({room}, 1386752400);
    CHECK_FALSE(contains(table, "\x1b"));
    CHECK(table.size() < 2 * 1024);
    CHECK(contains(table, "feed refused: /items/3/date_published: bad [2Jxxx"));
}
