#pragma once
// What the screen tells the organiser about itself, in the organiser's
// language (the "ui_language" setting: "fr"; the cards' words are the slide
// words table's "card.*" words): the first-run card while
// no feed is configured, the status card while there is no feed to show, the
// diagnostics overlay, and the cause the staleness banner names. Pure: the
// shell gathers the facts (host name, addresses, clock) and passes them in.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fetch/fetch_judge.h"
#include "core/fetch/refusal.h"

namespace placard {

// The id of the first-run card that the kiosk adds, pinned, to the bundled
// demo feed when no feed is configured (never to an organiser's feed).
inline constexpr const char* first_run_item_id = "placard:first-run";

struct DeviceFacts {
    std::string hostname;
    std::vector<std::string> addresses;  // IPv4 and global IPv6; loopback and link-local left out
    std::vector<std::string> config_files;  // the config files read, in the order they apply
    std::string boot_config;    // where a laptop can put placard.json: the SD card's boot partition
    std::string system_config;  // /etc/placard/placard.json
    std::string version;
};

// The last fetch of a remote feed, as the card and the banner need it.
struct LastAttempt {
    std::int64_t at = 0;  // Unix seconds
    long status = 0;      // HTTP status; 0 when no answer came
    FetchProblem problem = FetchProblem::none;
    std::string reason;   // the fetch's own words, for the diagnostics
    std::optional<FeedProblem> first_error = std::nullopt;  // not a feed: its first error, at its place
};

struct StatusRow {
    std::string label;  // "This screen", "Feed", "What to do"
    std::string text;
};

// A card of labelled rows under a heading: laid out by layout_status_card.
struct StatusCard {
    std::string heading;
    std::vector<StatusRow> rows;
};

// What happened, in plain words, and what to do about it. A screen with no
// address at all is offline whatever the fetch said.
struct ProblemWords {
    std::string what;
    std::string todo;
};
ProblemWords describe_problem(FetchProblem problem, long status, bool has_address, std::string_view language = "en");

// The banner's few words for the cause of a stale feed, in the slide's
// language: "Offline" only when the screen has no network; "Feed not found
// (HTTP 404)", "Wi-Fi login page"... A feed refused as invalid names its first
// error, at its place, in at most error_chars characters (fit_note in
// layout_status.h chooses them): "Feed refused: row 7, published:
// \"12/11/2013\" is ambiguous; …".
std::string problem_headline(FetchProblem problem, long status, bool has_address, std::string_view language = "en",
                             const FeedProblem* first_error = nullptr, std::size_t error_chars = refusal_note_chars);

// "placard-hall · 192.168.1.23, fd00::23", or what to do when there is no address.
std::string describe_screen(const DeviceFacts& facts, std::string_view language = "en");

// No feed configured: who this screen is and how to give it a feed from a laptop.
StatusCard first_run_card(const DeviceFacts& facts, std::string_view language = "en");

// The demo feed with the first-run card pinned into it: every other slide.
Feed with_first_run_card(Feed demo);

// A feed is configured but there is nothing of it to show: what the last
// attempt got (a refused feed's first error too, at its place) and what to
// do. No attempt yet: that one is under way.
StatusCard feed_status_card(const std::string& feed, const std::optional<LastAttempt>& last, const DeviceFacts& facts,
                            std::int64_t utc_offset_seconds, std::string_view language = "en");

// A config file the screen could not use: its error, and where to fix it.
StatusCard config_error_card(const std::string& error, const DeviceFacts& facts, std::string_view language = "en");

struct Diagnostics {
    DeviceFacts facts;
    std::string feed;  // URL or path; empty: none configured
    bool demo = false;
    std::string language = "en";  // ui_language: the card's words
    std::optional<LastAttempt> last_attempt;
    std::optional<std::int64_t> last_success;    // Unix seconds
    std::optional<std::int64_t> feed_fetched_at;
    std::optional<std::int64_t> sequence;       // of the feed on screen
    std::size_t slides = 0;
    bool feed_on_screen = false;
    std::int64_t wall_now = 0;                  // Unix seconds, as the screen's clock reads
    bool clock_trusted = false;
    bool sync = true;
    std::int64_t utc_offset_seconds = 0;
    std::string screen;                         // "1920x1080, rotation 0, kmsdrm, opengles2, /dev/dri/card1 (...)"
    std::string tv;                             // "on · /dev/cec0, logical address 4, ..."; empty: no row
};

// Every fact an organiser or a helper on the phone asks for first.
StatusCard diagnostics_card(const Diagnostics& d);

// A key held down: how a presenter clicker, which has no D key, opens the
// diagnostics (Page Down held for a second and a half). Clickers that repeat
// the key while it is held and clickers that only send the release late both
// count; a press counts once, however long it is held.
class LongPress {
public:
    static constexpr std::chrono::milliseconds hold{1500};
    // Each returns true when this event completes a long press.
    bool down(std::chrono::milliseconds now, bool repeat);
    bool up(std::chrono::milliseconds now);

private:
    std::optional<std::chrono::milliseconds> since_;
    bool used_ = false;
};

}  // namespace placard
