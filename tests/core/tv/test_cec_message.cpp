// CEC messages as bytes: the ones the screen sends the TV, and what it reads
// of those that come from the bus.
#include <doctest/doctest.h>

#include "core/tv/cec_message.h"

using namespace placard;

TEST_CASE("the orders to the TV, from a playback device at logical address 4")
{
    CHECK(image_view_on(4) == CecBytes{0x40, 0x04});
    CHECK(standby_to_tv(4) == CecBytes{0x40, 0x36});
    CHECK(give_power_status(4) == CecBytes{0x40, 0x8F});
    // Active Source is a broadcast, with the physical address 1.0.0.0.
    CHECK(active_source(4, 0x1000) == CecBytes{0x4F, 0x82, 0x10, 0x00});
    CHECK(active_source(8, 0x2130) == CecBytes{0x8F, 0x82, 0x21, 0x30});
}

TEST_CASE("a message read back: header, opcode, operands, a poll is a header alone")
{
    const std::uint8_t report[] = {0x04, 0x90, 0x01};
    auto m = parse_cec(report);
    REQUIRE(m);
    CHECK(m->initiator == 0);
    CHECK(m->destination == 4);
    CHECK(m->opcode == 0x90);
    CHECK(m->operands == std::vector<std::uint8_t>{0x01});
    const std::uint8_t poll[] = {0x40};
    auto p = parse_cec(poll);
    REQUIRE(p);
    CHECK_FALSE(p->opcode);
}

TEST_CASE("an empty message or one longer than 16 bytes is refused, saying why")
{
    CHECK(parse_cec({}).error().message == "an empty CEC message");
    std::vector<std::uint8_t> long_one(17, 0x90);
    CHECK(parse_cec(long_one).error().message == "a CEC message of 17 bytes (at most 16)");
    std::vector<std::uint8_t> longest(16, 0x00);
    CHECK(parse_cec(longest).ok());
}

TEST_CASE("the TV's power status: each of the four, and nothing from anyone else or out of range")
{
    auto power = [](std::vector<std::uint8_t> bytes) { return power_reported(*parse_cec(bytes)); };
    CHECK(power({0x04, 0x90, 0x00}) == TvPower::on);
    CHECK(power({0x04, 0x90, 0x01}) == TvPower::standby);
    CHECK(power({0x04, 0x90, 0x02}) == TvPower::turning_on);
    CHECK(power({0x04, 0x90, 0x03}) == TvPower::turning_off);
    CHECK(power({0x0F, 0x90, 0x00}) == TvPower::on);  // broadcast by some TVs
    CHECK_FALSE(power({0x04, 0x90, 0x04}));            // no such status
    CHECK_FALSE(power({0x04, 0x90}));                  // no operand
    CHECK_FALSE(power({0x54, 0x90, 0x00}));            // an amplifier's, not the TV's
    CHECK_FALSE(power({0x04, 0x00, 0x8F, 0x04}));      // Feature Abort
    CHECK(std::string(to_string(TvPower::turning_off)) == "in transition");
    CHECK(std::string(to_string(TvPower::unknown)) == "unknown");
}

TEST_CASE("a physical address as people write it")
{
    CHECK(physical_address_text(0x1000) == "1.0.0.0");
    CHECK(physical_address_text(0x21a0) == "2.1.a.0");
    CHECK(physical_address_text(no_physical_address) == "f.f.f.f");
}
