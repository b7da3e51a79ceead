#include "core/tv/cec_message.h"

namespace placard {

namespace {

std::uint8_t header(std::uint8_t from, std::uint8_t to)
{
    return static_cast<std::uint8_t>(((from & 0x0F) << 4) | (to & 0x0F));
}

}  // namespace

Result<CecMessage> parse_cec(std::span<const std::uint8_t> bytes)
{
    if (bytes.empty()) return Error{"an empty CEC message"};
    if (bytes.size() > cec::max_size)
        return Error{"a CEC message of " + std::to_string(bytes.size()) + " bytes (at most 16)"};
    CecMessage m;
    m.initiator = static_cast<std::uint8_t>(bytes[0] >> 4);
    m.destination = static_cast<std::uint8_t>(bytes[0] & 0x0F);
    if (bytes.size() >= 2) m.opcode = bytes[1];
    if (bytes.size() > 2) m.operands.assign(bytes.begin() + 2, bytes.end());
    return m;
}

CecBytes image_view_on(std::uint8_t from) { return {header(from, cec::tv), cec::image_view_on}; }

CecBytes standby_to_tv(std::uint8_t from) { return {header(from, cec::tv), cec::standby}; }

CecBytes give_power_status(std::uint8_t from) { return {header(from, cec::tv), cec::give_device_power_status}; }

CecBytes active_source(std::uint8_t from, std::uint16_t physical_address)
{
    return {header(from, cec::broadcast), cec::active_source, static_cast<std::uint8_t>(physical_address >> 8),
            static_cast<std::uint8_t>(physical_address & 0xFF)};
}

const char* to_string(TvPower power)
{
    switch (power) {
    case TvPower::on: return "on";
    case TvPower::standby: return "standby";
    case TvPower::turning_on:
    case TvPower::turning_off: return "in transition";
    case TvPower::unknown: break;
    }
    return "unknown";
}

std::optional<TvPower> power_reported(const CecMessage& message)
{
    // Only the TV's word counts, and only as its own message; a broadcast
    // Report Power Status is not in the standard, but some TVs send one.
    if (message.initiator != cec::tv || message.opcode != cec::report_power_status || message.operands.empty())
        return std::nullopt;
    switch (message.operands[0]) {
    case 0: return TvPower::on;
    case 1: return TvPower::standby;
    case 2: return TvPower::turning_on;
    case 3: return TvPower::turning_off;
    default: return std::nullopt;
    }
}

std::string physical_address_text(std::uint16_t address)
{
    const char* hex = "0123456789abcdef";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) {
        if (!out.empty()) out += '.';
        out += hex[(address >> shift) & 0x0F];
    }
    return out;
}

}  // namespace placard
