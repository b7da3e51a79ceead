#pragma once
// The organiser's settings: the config file model, and how command-line flags
// override it. Parsing only; reading the file is the shell's job.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/layout/layout.h"
#include "core/result.h"
#include "core/trust/signature.h"
#include "core/fleet/fleet_status.h"
#include "core/setup/config_tv.h"
#include "core/tv/tv_schedule.h"

namespace placard {

enum class Transition { crossfade, slide, none };

struct Config {
    std::string feed;             // URL or file path; empty shows the bundled demo feed
    std::optional<Size> window;   // nothing: full-screen
    int rotation = 0;             // degrees clockwise the screen is mounted: 0, 90, 180 or 270
    std::string cache_dir;        // empty: /var/cache/placard where writable, else the user's cache
    std::string ca_file;          // PEM file of extra CAs for a private https server
    std::optional<int> poll_seconds;  // empty: the feed's refresh_seconds, else 60
    std::vector<std::string> languages;  // preferred languages, e.g. {"en", "fr"}: a bilingual slide
    bool qr_codes = true;         // a QR code on slides whose item has an http(s) link
    double margin_percent = 6;    // the safe area's side margin, for TVs that crop the picture (overscan)
    std::string logo;             // PNG or SVG file shown in every slide's header
    Transition transition = Transition::crossfade;
    int frame_rate = 60;          // frames a second during a transition: 60 or 30 (half the CPU, a little less smooth)
    std::string theme = "dark";   // "dark" or "light"
    std::string ui_language = "en";  // the organiser's cards (set-up, status, diagnostics): one of word_languages()
    std::string accent;           // "#RRGGBB"; empty: the theme's own
    bool sync = true;             // anchor the rotation to UTC so screens with the same feed show the same slide
    std::string video_driver = "auto";  // one of video_driver_names; see core/display_plan.h
    std::string renderer = "auto";      // one of renderer_names
    std::vector<PublicKey> public_keys;  // empty: unsigned feeds are shown; else only feeds one of them signed
    StatusSettings status;        // reporting to the organisation's MQTT broker; see core/fleet_status.h
    TvSettings tv;                // the TV's power schedule over HDMI-CEC
    std::string display_device = "auto";  // "auto": the DRM device with a screen connected; else its path, /dev/dri/card1
    std::vector<std::string> notes;  // what reading the settings tidied, for the log and --check ("FILE: \"feed\": ...")
};

// Every key a config file may hold, in the order the docs list them.
inline constexpr std::array<std::string_view, 22> config_keys{
    "feed",     "window", "rotation", "cache_dir", "ca_file",    "poll_seconds",   "video_driver", "renderer", "public_key",
    "languages", "ui_language", "sync",  "qr_codes", "theme",     "accent",     "transition",     "frame_rate", "margin_percent",
    "logo", "status", "display_device", "tv"};

// The organiser's card language for a setting's value: "fr", or nothing when the table has no such language.
std::optional<std::string> parse_ui_language(std::string_view text);
std::string ui_language_list();  // "\"en\", \"fr\", ..."

// The keys of the "status" section, in the order the docs list them.
inline constexpr std::array<std::string_view, 6> status_keys{"broker", "credentials_file", "ca_file", "topic_prefix",
                                                             "screen", "interval_seconds"};


// "offscreen" draws into memory only: for tests and measurements, never chosen
// unless asked for by name.
inline constexpr std::array<std::string_view, 5> video_driver_names{"auto", "x11", "wayland", "kmsdrm", "offscreen"};
inline constexpr std::array<std::string_view, 4> renderer_names{"auto", "software", "opengles2", "opengl"};

inline constexpr int min_poll_seconds = 15;
inline constexpr int max_poll_seconds = 86400;  // a day

// Parses a config file's text over base: the keys the file sets replace
// base's, the rest stay (how the boot partition's file overrides the system
// one, key by key). All problems are reported together, one per line, each
// naming the file, the key and the fix. Text that is not UTF-8, is nested
// deeper than a feed may be, or is not JSON is refused before any value is
// read, naming the place and the likely slip (a trailing comma, a comment).
Result<Config> parse_config(std::string_view text, std::string_view file_name, Config base = {});

// The "feed" setting (or --feed) as typed, made into what the kiosk opens.
// Spaces and invisible characters around it, as an address pasted from an
// e-mail brings, are dropped with a note saying so; the scheme is made
// lower-case. Refused, with the fix: an address of any other kind than
// http://, https:// or file:// (ftp://, a mistyped "htps://" or "https//"),
// and an http(s) address with a space in it.
struct FeedSetting {
    std::string feed;
    std::string note;  // empty unless something was dropped
};
Result<FeedSetting> read_feed_setting(std::string_view typed);


// "en,fr" -> {"en", "fr"}; nothing unless every tag is letters, digits and hyphens.
std::optional<std::vector<std::string>> parse_languages(std::string_view text);

// "crossfade", "slide" or "none".
std::optional<Transition> parse_transition(std::string_view text);

// Rotation in degrees, or nothing unless it is 0, 90, 180 or 270.
std::optional<int> parse_rotation(std::string_view text);

bool is_one_of(std::string_view value, std::span<const std::string_view> names);

// "example.org/feed.json" -> "https://example.org/feed.json": a feed setting
// that reads as a web address without its scheme (a host name with a dot and
// a top-level domain, then a path, or "www."); empty for anything else. Asked
// only when no file of that name exists.
std::string with_missing_scheme(std::string_view feed);

// The names for a message, quoted: "\"a\", \"b\" or \"c\"".
std::string one_of(std::span<const std::string_view> names);

}  // namespace placard
