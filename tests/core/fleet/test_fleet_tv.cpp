// The fleet's tv-on and tv-off, and the TV's power in a screen's status.
#include <doctest/doctest.h>

#include "core/fleet/fleet_status.h"

using namespace placard;

TEST_CASE("tv-on and tv-off, alone or with an id, and back as written")
{
    CHECK(parse_command("tv-on")->kind == CommandKind::tv_on);
    CHECK(parse_command("tv-off")->kind == CommandKind::tv_off);
    auto with_id = parse_command(R"({"command": "tv-off", "id": "k9"})");
    REQUIRE(with_id);
    CHECK(with_id->kind == CommandKind::tv_off);
    CHECK(with_id->id == "k9");
    CHECK(command_message({CommandKind::tv_on, "a1"}) == R"({"command":"tv-on","id":"a1"})");
    CHECK(parse_command("tv_on").error().message
          == "expected \"refresh\", \"screenshot\", \"identify\", \"tv-on\" or \"tv-off\", alone or as {\"command\": ..., \"id\": ...}");
}

TEST_CASE("the TV's power in the status: written, read back, and a change is news")
{
    ScreenStatus s;
    s.screen = "room-xxi";
    s.tv = "standby";
    const std::string message = status_message(s);
    CHECK(message.find(R"("tv":"standby")") != std::string::npos);
    auto back = parse_status_message(message);
    REQUIRE(back);
    CHECK(back->tv == "standby");
    ScreenStatus on = s;
    on.tv = "on";
    CHECK_FALSE(same_state(s, on));
    // A screen that does not say has no "tv" at all.
    s.tv.clear();
    CHECK(status_message(s).find("\"tv\"") == std::string::npos);
}
