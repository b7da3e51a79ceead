// The settings' "tv" section and "display_device": the schedule read, and each
// mistake refused naming the file, the key and the fix.
#include <doctest/doctest.h>

#include "core/setup/config.h"
#include "core/setup/options.h"

using namespace placard;

namespace {

std::string refusal(std::string_view text)
{
    auto config = parse_config(text, "placard.json");
    REQUIRE_FALSE(config.ok());
    return config.error().message;
}

}  // namespace

TEST_CASE("a tv section: weekdays and Saturday morning in Geneva's time, Sunday off")
{
    auto config = parse_config(R"({"tv": {"time_zone": "Europe/Zurich",
        "schedule": {"mon-fri": "08:00-19:00", "sat": ["09:00-12:00", "14:00-17:00"], "sun": "off"},
        "cec_device": "/dev/cec1"}})", "placard.json");
    REQUIRE(config.ok());
    const TvSettings& tv = config->tv;
    REQUIRE_FALSE(tv.schedule.empty());
    CHECK(tv.time_zone == "Europe/Zurich");
    CHECK(tv.schedule.zone->name() == "Europe/Zurich");
    CHECK(tv.schedule.days[0] == std::vector<TvPeriod>{{480, 1140}});
    CHECK(tv.schedule.days[4] == std::vector<TvPeriod>{{480, 1140}});
    CHECK(tv.schedule.days[5] == std::vector<TvPeriod>{{540, 720}, {840, 1020}});
    CHECK(tv.schedule.days[6].empty());
    CHECK(tv.cec_device == "/dev/cec1");
}

TEST_CASE("without a tv section: no schedule, CEC found by itself, the display device chosen by itself")
{
    auto config = parse_config("{}", "placard.json");
    REQUIRE(config.ok());
    CHECK(config->tv.schedule.empty());
    CHECK(config->tv.cec_device == "auto");
    CHECK(config->display_device == "auto");
    auto named = parse_config(R"({"display_device": "/dev/dri/card1", "tv": {"cec_device": "none"}})", "placard.json");
    REQUIRE(named.ok());
    CHECK(named->display_device == "/dev/dri/card1");
    CHECK(named->tv.cec_device == "none");
    CHECK(named->tv.schedule.empty());
}

TEST_CASE("the tv section's mistakes, each by its place, with the fix or the closest name")
{
    CHECK(refusal(R"({"tv": {"time_zone": "Europe/Zurich", "shedule": {}}})")
          == "placard.json: \"tv\": \"shedule\": unknown setting; did you mean \"schedule\"?");
    CHECK(refusal(R"({"tv": {"time_zone": "Europe/Zurik", "schedule": {"daily": "08:00-19:00"}}})")
          == "placard.json: \"tv\": \"time_zone\": expected the event's time zone by its name, like \"Europe/Zurich\" or "
             "\"America/New_York\", got the string \"Europe/Zurik\"; did you mean \"Europe/Zurich\"?");
    CHECK(refusal(R"({"tv": {"schedule": {"daily": "08:00-19:00"}}})")
          == "placard.json: \"tv\": \"schedule\": the hours are in the event's time zone: add \"time_zone\", like \"Europe/Zurich\"");
    CHECK(refusal(R"({"tv": {"time_zone": "UTC", "schedule": {"tues": "08:00-19:00"}}})")
          == "placard.json: \"tv\": \"schedule\": \"tues\": \"tues\" is not a day (\"mon\" to \"sun\"), a range of days like "
             "\"mon-fri\", or \"daily\"; did you mean \"tue\" for \"tues\"?");
    CHECK(refusal(R"({"tv": {"time_zone": "UTC", "schedule": {"mon": "8-19"}}})")
          == "placard.json: \"tv\": \"schedule\": \"mon\": expected the hours the TV is on, like \"08:00-19:00\" (24-hour "
             "clock), or \"off\", got \"8-19\"");
    CHECK(refusal(R"({"tv": {"time_zone": "UTC", "schedule": {"sat": ["09:00-12:00", 14]}}})")
          == "placard.json: \"tv\": \"schedule\": \"sat\": item 2: expected hours like \"08:00-19:00\", \"off\", or a list "
             "of hours, got the number 14");
    CHECK(refusal(R"({"tv": {"time_zone": "UTC", "schedule": {"mon-fri": "08:00-19:00", "fri": "off"}}})")
          == "placard.json: \"tv\": \"schedule\": \"mon-fri\": fri is given by \"fri\" already; name each day once");
    CHECK(refusal(R"({"tv": {"time_zone": "UTC", "schedule": {"mon": ["08:00-12:00", "11:00-14:00"]}}})")
          == "placard.json: \"tv\": \"schedule\": \"mon\": the hours 08:00-12:00 and 11:00-14:00 overlap; write them as one");
    CHECK(refusal(R"({"tv": {"cec_device": "cec0"}})")
          == "placard.json: \"tv\": \"cec_device\": expected \"auto\" (the first /dev/cec*), a device like \"/dev/cec1\", "
             "or \"none\" (no CEC), got the string \"cec0\"");
    CHECK(refusal(R"({"tv": "on"})").rfind("placard.json: \"tv\": expected a section like {", 0) == 0);
    CHECK(refusal(R"({"display_device": "card1"})")
          == "placard.json: \"display_device\": expected \"auto\" (the one with a screen connected) or a device like "
             "\"/dev/dri/card1\", got the string \"card1\"");
    CHECK(refusal(R"({"display_devise": "/dev/dri/card1"})")
          == "placard.json: \"display_devise\": unknown setting; did you mean \"display_device\"?");
    // Every problem in the section at once, in the order of their keys.
    CHECK(refusal(R"({"tv": {"time_zone": 1, "cec": "none"}})")
          == "placard.json: \"tv\": \"cec\": unknown setting; this section's settings are time_zone, schedule and "
             "cec_device; \"time_zone\": expected the event's time zone by its name, like \"Europe/Zurich\" or "
             "\"America/New_York\", got the number 1");
}

TEST_CASE("--display-device and --cec-device override the file")
{
    Config c = parse_config(R"({"tv": {"cec_device": "/dev/cec0"}})", "placard.json").value();
    Options o;
    o.display_device = "/dev/dri/card0";
    o.cec_device = "none";
    Config applied = apply_options(c, o);
    CHECK(applied.display_device == "/dev/dri/card0");
    CHECK(applied.tv.cec_device == "none");
}
