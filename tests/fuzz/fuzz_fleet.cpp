// What a screen and placard-feed screens read from an MQTT broker: commands,
// status messages and replies, on their topics, at every size the broker lets
// through (up to editor_packet_limit, the larger of the two limits). Any bytes
// parse or are refused; what parses is written back as a message that reads
// back the same; a status or reply is taken only from its own screen's topic;
// nothing a terminal would obey reaches the editor's table or replies.
//
// The whole input is a payload, as it comes. Then, read as a message on a
// topic: byte 0 picks the topic's last level (bits 0-1) and how the payload is
// stretched (bits 2-3: not, repeated, padded with JSON whitespace, or with a
// long "banner"), byte 1 the stretched size's power of two (0 to 20), bytes 2-3
// where it falls below the next one, byte 4 the topic's length; the topic,
// then the payload, follow.
#include <algorithm>
#include <string>
#include <vector>

#include "core/fleet/fleet_status.h"
#include "core/fleet/screens_table.h"
#include "core/text/terminal.h"
#include "core/text/text.h"
#include "fuzz_input.h"

namespace {

using namespace placard;

constexpr std::string_view prefix = "placard";

// The oracle, written apart from terminal_safe: what a terminal would obey.
bool obeys(char32_t cp)
{
    return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || cp == 0x061C || cp == 0x200E || cp == 0x200F
           || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

// Text for a terminal: UTF-8, and nothing in it a terminal obeys.
bool printable(std::string_view printed)
{
    std::vector<char32_t> cps;
    if (!decode_utf8(printed, cps)) return false;
    return std::none_of(cps.begin(), cps.end(), obeys);
}

void check_payload(std::string_view text)
{
    if (auto command = parse_command(text)) {
        auto again = parse_command(command_message(*command));
        fuzz::require(again && again->kind == command->kind && again->id == command->id,
                      "command_message round-trips what parse_command read");
    }
    if (auto status = parse_status_message(text)) {
        auto again = parse_status_message(status_message(*status));
        fuzz::require(again && again->screen == status->screen && again->online == status->online,
                      "status_message round-trips what parse_status_message read");
    }
    if (auto reply = parse_reply_message(text)) {
        auto again = parse_reply_message(reply_message(*reply));
        fuzz::require(again && again->screen == reply->screen && again->id == reply->id && again->ok == reply->ok,
                      "reply_message round-trips what parse_reply_message read");
    }
    const std::string safe = terminal_safe(text);
    fuzz::require(printable(safe), "terminal_safe leaves nothing a terminal obeys");
    std::vector<char32_t> cps;
    if (decode_utf8(text, cps) && std::none_of(cps.begin(), cps.end(), [](char32_t cp) { return obeys(cp) || cp == '\n'; }))
        fuzz::require(safe == text, "terminal_safe keeps text with nothing to escape as it is");
}

void check_message(std::string_view topic, std::string_view leaf, std::string_view payload)
{
    const std::string screen = screen_of_topic(topic, prefix, leaf);
    if (screen.empty()) return;
    const StatusTopics topics = status_topics(prefix, screen);
    fuzz::require(is_screen_name(screen) && (topic == topics.status || topic == topics.reply || topic == topics.command
                                             || topic == topics.screenshot),
                  "screen_of_topic finds a screen name only in that screen's own topic");
    if (auto status = status_from(screen, payload)) {
        fuzz::require(status->screen == screen, "status_from takes a status only from its own screen's topic");
        fuzz::require(printable(screens_table({*status}, 1386752400)), "the editor's table holds nothing a terminal obeys");
    }
    if (auto reply = reply_from(screen, payload)) {
        fuzz::require(reply->screen == screen, "reply_from takes a reply only from its own screen's topic");
        fuzz::require(printable(terminal_safe(reply->command) + terminal_safe(reply->detail)),
                      "a reply prints nothing a terminal obeys");
    }
    check_payload(payload);
}

// The payload at size bytes: repeated, padded with whitespace after the JSON,
// or with a banner of its own bytes before the closing brace.
std::string stretch(std::string_view payload, int how, std::size_t size)
{
    if (payload.empty()) return std::string(size, ' ');
    std::string out;
    out.reserve(size);
    if (how == 1) {
        while (out.size() < size) out.append(payload.substr(0, size - out.size()));
    } else if (how == 2) {
        out.assign(payload.substr(0, size));
        out.resize(size, ' ');
    } else {
        const std::string_view head = payload.back() == '}' ? payload.substr(0, payload.size() - 1) : payload;
        out.assign(head);
        out += ",\"banner\":\"";
        for (std::size_t i = 0; out.size() + 2 < size; ++i) {
            char c = payload[i % payload.size()];
            out.push_back(c == '"' || c == '\\' ? 'x' : c);
        }
        out += "\"}";
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    check_payload(fuzz::text(data, size));
    if (size < 5) return 0;
    static constexpr std::string_view leaves[] = {"status", "reply", "command", "screenshot"};
    const std::string_view leaf = leaves[data[0] & 3];
    const int how = (data[0] >> 2) & 3;
    const unsigned power = data[1] % 21;
    const std::size_t stretched = std::min<std::size_t>(
        (std::size_t{1} << power) + ((std::size_t{data[2]} << 8 | data[3]) << power >> 16), editor_packet_limit);
    const std::string_view rest = fuzz::text(data + 5, size - 5);
    const std::string_view topic = rest.substr(0, data[4]);
    const std::string_view payload = rest.substr(topic.size());
    if (how == 0) check_message(topic, leaf, payload);
    else check_message(topic, leaf, stretch(payload, how, stretched));
    return 0;
}
