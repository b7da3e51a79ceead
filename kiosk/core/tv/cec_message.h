#pragma once
// HDMI-CEC messages as bytes: the few this screen sends to the TV, and what it
// reads of those that come back. Pure: the kernel's CEC device (linux/cec.h)
// is opened and driven in screen/cec_device; what arrives from the bus is
// read here, as input from outside, and nothing in it is trusted.
//
// A message is 1 to 16 bytes: a header (initiator << 4 | destination; 15 as
// destination is a broadcast), then an opcode and its operands. A header
// alone is a poll.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace placard {

namespace cec {
inline constexpr std::uint8_t tv = 0;           // the TV's logical address
inline constexpr std::uint8_t broadcast = 15;
inline constexpr std::uint8_t feature_abort = 0x00;
inline constexpr std::uint8_t image_view_on = 0x04;
inline constexpr std::uint8_t standby = 0x36;
inline constexpr std::uint8_t active_source = 0x82;
inline constexpr std::uint8_t give_device_power_status = 0x8F;
inline constexpr std::uint8_t report_power_status = 0x90;
inline constexpr std::size_t max_size = 16;
}  // namespace cec

struct CecMessage {
    std::uint8_t initiator = 0;
    std::uint8_t destination = 0;
    std::optional<std::uint8_t> opcode;  // nothing: a poll
    std::vector<std::uint8_t> operands;
};

// The message in bytes as they came off the bus; an error (for the log) when
// it is empty or longer than a CEC message can be.
Result<CecMessage> parse_cec(std::span<const std::uint8_t> bytes);

using CecBytes = std::vector<std::uint8_t>;

// What this screen (logical address from) says to the TV.
CecBytes image_view_on(std::uint8_t from);
CecBytes standby_to_tv(std::uint8_t from);
CecBytes give_power_status(std::uint8_t from);
// Broadcast: "I am the source to show", with the screen's physical address.
CecBytes active_source(std::uint8_t from, std::uint16_t physical_address);

// The TV's power as it reports it: Report Power Status's operand (0 on,
// 1 standby, 2 on its way on, 3 on its way to standby); unknown before it
// has said, when it does not answer, or with no CEC at all.
enum class TvPower { unknown, on, standby, turning_on, turning_off };

// "on", "standby", "in transition" or "unknown": the words of the status
// message and the log.
const char* to_string(TvPower power);

// The power status in a message from the TV (Report Power Status from
// logical address 0); nothing for any other message, or an operand out of range.
std::optional<TvPower> power_reported(const CecMessage& message);

// "1.0.0.0"; "f.f.f.f" is no address (the HDMI cable out).
std::string physical_address_text(std::uint16_t address);
inline constexpr std::uint16_t no_physical_address = 0xFFFF;

}  // namespace placard
