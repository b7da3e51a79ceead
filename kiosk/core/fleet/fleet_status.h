#pragma once
// Many screens: what a screen tells the organisation's MQTT broker about
// itself, and the few commands it takes from there. Pure: the messages are
// built and read here; the connection lives in net/mqtt.
//
// Topics, under the config's prefix:
//   PREFIX/SCREEN/status      retained JSON, written by the screen (and its last will)
//   PREFIX/SCREEN/command     "refresh", "screenshot", "identify", "tv-on" or "tv-off", from editors
//   PREFIX/all/command        the same, for every screen
//   PREFIX/SCREEN/screenshot  a PNG of what is on screen, written by the screen
//   PREFIX/SCREEN/reply       JSON: the outcome of a command, written by the screen
// Nothing read from the broker is ever shown: a command only chooses one of
// five actions, and any id it carries goes back in the reply.
//
// The topic, not the message, says which screen speaks: the broker's ACL lets
// a screen write only under its own name, but a message can claim anything.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feed/feed_check.h"
#include "core/layout/geometry.h"
#include "core/result.h"

namespace placard {

// The config's "status" section.
struct StatusSettings {
    std::string broker;            // mqtt://HOST[:PORT] or mqtts://HOST[:PORT]; empty: the screen reports to nobody
    std::string credentials_file;  // one line, USER:PASSWORD; empty: connect without
    std::string ca_file;           // PEM of the CA that signed an mqtts broker's certificate; empty: the system's
    std::string topic_prefix = "placard";
    std::string screen;            // this screen's name in the topics; empty: the host name
    int interval_seconds = 120;    // the status is published at least this often
};

inline constexpr int min_status_interval_seconds = 10;
inline constexpr int max_status_interval_seconds = 3600;

struct BrokerAddress {
    std::string host;
    int port = 1883;
    bool tls = false;
};

// "mqtt://broker.example.org", "mqtts://10.0.0.2:8884": the port defaults to
// 1883, or 8883 with TLS. The error says what a broker URL looks like.
Result<BrokerAddress> parse_broker_url(std::string_view url);

struct Credentials {
    std::string username;
    std::string password;
};

// A credentials file's text: one line "USER:PASSWORD" (the password may hold
// colons; a trailing newline is ignored).
Result<Credentials> parse_credentials(std::string_view text, std::string_view file_name);

// A name fit for a topic level: 1 to 64 letters, digits, '-', '_' or '.', and
// not "all" (the topic every screen listens to).
bool is_screen_name(std::string_view name);

// A host name as a screen name: the part before the first dot, with anything
// a topic cannot hold replaced by '-'; "screen" when nothing is left.
std::string screen_name_from_host(std::string_view host);

// A topic prefix: one or more levels of the characters of a screen name,
// separated by '/'.
bool is_topic_prefix(std::string_view prefix);

struct StatusTopics {
    std::string status, command, all_command, screenshot, reply;
};
StatusTopics status_topics(std::string_view prefix, std::string_view screen);

// The screen NAME of a topic PREFIX/NAME/LEAF ("placard/room-xxi/status" with
// "placard" and "status" gives "room-xxi"); empty when the topic is not one,
// or NAME is not a screen name.
std::string screen_of_topic(std::string_view topic, std::string_view prefix, std::string_view leaf);

// The most one MQTT packet from the broker may hold, asked of the broker when
// connecting (MQTT 5's Maximum Packet Size): a larger message is dropped by the
// broker for this client and never crosses the network, so no one who may
// publish on a topic can fill a screen's memory. A screen takes only commands:
// at most 1 KiB (parse_command), their topic at most 273 bytes, and a few
// bytes of header. placard-feed screens takes statuses and replies (under
// 6 KiB as the screen writes them: 2 KiB and at most 4 KiB of ids on screen,
// more with a long feed address, note or error, which status_message cuts:
// the address at 512 bytes, the item on screen at 256, the note at 512, the
// last error at 384, a refused feed's place at 128 and its message at 384,
// under 8 KiB in all at their longest; a thousand screens' retained
// statuses reach it one message at a time) and
// screenshots: a PNG of at most 480x480 pixels, 4 bytes a pixel, is at most
// 923 KB, stored without compression.
inline constexpr std::uint32_t screen_packet_limit = 8 * 1024;
inline constexpr std::uint32_t editor_packet_limit = 1024 * 1024;

// What a screen reports. Times are Unix seconds.
struct ScreenStatus {
    std::string screen;
    bool online = true;
    std::string version;
    std::string feed_url;
    std::optional<std::int64_t> sequence;    // of the feed on screen
    std::string generated_at;                // the feed's own, as written
    std::string item;                        // id of the item on screen; empty: none
    std::size_t slide = 0;                   // 1-based place in the rotation; 0: no slide
    std::size_t slides = 0;
    std::optional<std::int64_t> last_good_fetch;
    std::string last_error;                  // the last failed fetch's reason, in the banner's words
    // The last fetch was refused as an invalid feed: its first error and its
    // place ("row 7, published", "/items/3/date_published"), as the parser wrote them.
    std::optional<FeedProblem> refused;
    std::string banner;                      // the note in the footer, if any
    bool clock_trusted = false;
    Size screen_size;
    int rotation = 0;
    std::int64_t uptime_seconds = 0;
    std::optional<double> temperature_c;     // the board's, where the system reports one
    std::int64_t reported_at = 0;
    // The ids of the items the screen has to show (set_showing): the first
    // of them, sorted, as many as fit max_showing_ids and max_showing_bytes;
    // how many there are in all (nothing from a screen that does not say);
    // and the SHA-256 of all of them (showing_digest).
    std::vector<std::string> showing;
    std::optional<std::size_t> showing_count;
    std::string showing_digest;
    // The TV's power as it reports it over HDMI-CEC: "on", "standby", "in
    // transition" or "unknown"; empty from a screen that does not say.
    std::string tv;
};

// A status lists at most this many ids, of at most this many bytes in all, so
// that it stays under 6 KiB however long a feed's ids are (a URL is an id).
// The count and the digest cover all of them.
inline constexpr std::size_t max_showing_ids = 200;
inline constexpr std::size_t max_showing_bytes = 4096;

// The SHA-256, in hex, of the ids sorted, each followed by a newline: equal
// for two screens that show the same items, whatever their order. An editor
// gets it from a feed with: jq -r '.items[].id' feed.json | LC_ALL=C sort | sha256sum
std::string showing_digest(const std::vector<std::string>& sorted_ids);
// Fills the status's showing, showing_count and showing_digest from the ids, sorted and each once.
void set_showing(ScreenStatus& status, const std::vector<std::string>& sorted_ids);

// Whether a screen's status says it shows the item: unknown when the screen
// does not report its ids (an older version, or offline), or when its list
// was cut short and the id sorts after its last.
enum class Shows { yes, no, unknown };
Shows shows_item(const ScreenStatus& status, std::string_view id);

// The retained status message, as compact JSON. What the screen did not
// choose itself (the feed's address, the last error, the note, the refused
// feed's place and message: "refused": {"place": ..., "message": ...}) is cut
// to a bounded length, between characters, so that a hostile feed's error
// keeps the status under 6 KiB; bytes that are not UTF-8 become U+FFFD.
std::string status_message(const ScreenStatus& status);

// The last will: the broker publishes it, retained, when the screen drops.
std::string offline_message(std::string_view screen);

// Whether two reports say the same about the screen: a change is published at
// once (an item that leaves the screen too, by its digest). The slide on screen, the last good fetch's time, uptime, the report's
// time and the board's temperature are aside: they go out with every report,
// but the rotation moving on, or another poll finding the feed unchanged, is
// not news (it would be a message every slide, or every poll).
bool same_state(const ScreenStatus& a, const ScreenStatus& b);

// A status message read back, for placard-feed screens. Fields it does not
// know are ignored, so newer screens can say more.
Result<ScreenStatus> parse_status_message(std::string_view payload);

// A status message from the topic of the screen topic_screen: refused when it
// names another screen (one screen's account speaking for another, or a screen
// misconfigured), so that no screen can make another look online or well. The
// error says which topic, for the editor.
Result<ScreenStatus> status_from(std::string_view topic_screen, std::string_view payload);

enum class CommandKind { refresh, screenshot, identify, tv_on, tv_off };

struct Command {
    CommandKind kind = CommandKind::refresh;
    std::string id;  // the sender's, echoed in the reply: up to 64 letters, digits, '-' or '_'
};

// "refresh", or {"command": "refresh", "id": "a1"}; likewise "screenshot",
// "identify", "tv-on" and "tv-off". Anything else is refused
// with a reason for the screen's log (it is never shown on screen).
Result<Command> parse_command(std::string_view payload);
std::string command_message(const Command& command);
const char* to_string(CommandKind kind);

struct CommandReply {
    std::string screen;
    std::string command;
    std::string id;
    bool ok = true;
    std::string detail;  // "accepted", "unchanged", "HTTP 404"..., "480x270 PNG, 41233 bytes"
};
std::string reply_message(const CommandReply& reply);
Result<CommandReply> parse_reply_message(std::string_view payload);
// A reply from the topic of the screen topic_screen; refused when it names
// another screen, so that no screen can answer for another.
Result<CommandReply> reply_from(std::string_view topic_screen, std::string_view payload);

}  // namespace placard
