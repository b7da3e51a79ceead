// What a screen and placard-feed screens read from an MQTT broker: commands,
// status messages and replies. Any bytes parse or are refused; what parses is
// written back as a message that reads back the same.
#include <string>

#include "core/fleet/fleet_status.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    if (auto command = placard::parse_command(text)) {
        auto again = placard::parse_command(placard::command_message(*command));
        fuzz::require(again && again->kind == command->kind && again->id == command->id,
                      "command_message round-trips what parse_command read");
    }
    if (auto status = placard::parse_status_message(text)) {
        auto again = placard::parse_status_message(placard::status_message(*status));
        fuzz::require(again && again->screen == status->screen && again->online == status->online,
                      "status_message round-trips what parse_status_message read");
    }
    if (auto reply = placard::parse_reply_message(text)) {
        auto again = placard::parse_reply_message(placard::reply_message(*reply));
        fuzz::require(again && again->screen == reply->screen && again->id == reply->id && again->ok == reply->ok,
                      "reply_message round-trips what parse_reply_message read");
    }
    return 0;
}
