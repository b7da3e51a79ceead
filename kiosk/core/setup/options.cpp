#include "core/setup/options.h"

#include "core/layout/theme.h"
#include "core/text/decimal.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace placard {

namespace {

// What a flag's value is checked for and written into: nothing when it is
// taken, else what is wrong with it, which the usage error puts after the flag.
using Parse = std::optional<std::string> (*)(Options& options, std::string_view value);

struct Argument {
    std::string_view placeholder;  // as --help shows it; empty for a flag that takes no value
    std::string_view needs;        // what a usage error says the flag needs when the value is missing
    bool may_be_empty = false;     // an empty value is checked by the parser, not refused as missing
};

struct Flag {
    std::string_view name;
    Argument argument;
    Parse parse;
    std::string_view help;  // its lines after the first are indented under the first by --help
};

constexpr Argument no_value{};

// What a parser returns when it took the value.
std::optional<std::string> taken() { return std::nullopt; }

std::string quoted(std::string_view value) { return "\"" + std::string(value) + "\""; }

std::optional<std::string> parse_name_in(std::optional<std::string>& out, std::string_view value,
                                         std::span<const std::string_view> names)
{
    if (!is_one_of(value, names)) return quoted(value) + " is not " + one_of(names);
    out = std::string(value);
    return std::nullopt;
}

// Theme and accent are checked together: an accent is refused when it is too faint on the theme.
std::optional<std::string> check_theme(const Options& o)
{
    if (auto theme = make_theme(o.theme.value_or("dark"), o.accent.value_or("")); !theme) return theme.error().message;
    return std::nullopt;
}

// The kiosk's flags, in the order --help lists them.
constexpr Flag flags[] = {
    {"--config", {"FILE", "a file name"},
     [](Options& o, std::string_view v) { o.config_path = v; return taken(); },
     "this settings file alone (default: /etc/placard/placard.json,\n"
     "then /boot/firmware/placard.json over it, each when it exists)"},
    {"--feed", {"URL|PATH", "a URL or a file path"},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (auto feed = read_feed_setting(v); !feed) return feed.error().message;
         o.feed = std::string(v);
         return std::nullopt;
     },
     "the feed to show; overrides \"feed\" in the config"},
    {"--size", {"WxH", "a size like 1280x720", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         o.window = parse_size(v);
         if (!o.window) return quoted(v) + " is not a size; write it like 1280x720";
         return std::nullopt;
     },
     "a window of that size instead of full-screen, e.g. 1280x720\n"
     "(also --windowed WxH, its older name); placard-feed preview\n"
     "takes the same --size"},
    {"--fullscreen", no_value,
     [](Options& o, std::string_view) { o.fullscreen = true; return taken(); },
     "full-screen even when the config names a window size"},
    {"--rotation", {"DEGREES", "0, 90, 180 or 270", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         o.rotation = parse_rotation(v);
         if (!o.rotation) return quoted(v) + " is not 0, 90, 180 or 270";
         return std::nullopt;
     },
     "how the screen is mounted: 0, 90, 180 or 270 (clockwise)"},
    {"--cache-dir", {"DIR", "a folder"},
     [](Options& o, std::string_view v) { o.cache_dir = std::string(v); return taken(); },
     "where the last good feed is kept (default /var/cache/placard\n"
     "where writable, else ~/.cache/placard)"},
    {"--ca-file", {"FILE", "a file name"},
     [](Options& o, std::string_view v) { o.ca_file = std::string(v); return taken(); },
     "trust this CA (PEM) for an https feed on a private server"},
    {"--languages", {"LIST", "language tags like en,fr", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         o.languages = parse_languages(v);
         if (!o.languages) return quoted(v) + " is not a list of language tags like en,fr";
         return std::nullopt;
     },
     "preferred languages, e.g. en,fr: statements show in the first\n"
     "with the second beneath it (one after the other if both don't fit)"},
    {"--no-sync", no_value,
     [](Options& o, std::string_view) { o.no_sync = true; return taken(); },
     "start the rotation at the first slide instead of following\n"
     "UTC (by default screens with the same feed stay in step);\n"
     "start and expiry times apply either way"},
    {"--no-qr", no_value,
     [](Options& o, std::string_view) { o.no_qr = true; return taken(); },
     "no QR codes (by default items with a link show one)"},
    {"--transition", {"KIND", "crossfade, slide or none", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         o.transition = parse_transition(v);
         if (!o.transition) return quoted(v) + " is not crossfade, slide or none";
         return std::nullopt;
     },
     "crossfade (the default), slide or none"},
    {"--frame-rate", {"N", "60 or 30", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (v != "60" && v != "30") return quoted(v) + " is not 60 or 30";
         o.frame_rate = v == "60" ? 60 : 30;
         return std::nullopt;
     },
     "frames a second during a transition: 60 (the default) or 30"},
    {"--ui-language", {"LANG", "en, fr, es, ru, ar or zh"},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         o.ui_language = parse_ui_language(v);
         if (!o.ui_language) return quoted(v) + " is not one of " + ui_language_list();
         return std::nullopt;
     },
     "the language of the set-up, status and diagnostics cards (default en)"},
    {"--theme", {"NAME", "dark or light"},
     [](Options& o, std::string_view v) { o.theme = std::string(v); return check_theme(o); },
     "dark (the default) or light"},
    {"--accent", {"#RRGGBB", "a colour like #F2B23E"},
     [](Options& o, std::string_view v) { o.accent = std::string(v); return check_theme(o); },
     "the accent colour (refused when too faint on the theme)"},
    {"--margin-percent", {"N", "a percentage from 2 to 20", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         const std::optional<double> percent = parse_decimal(v);
         if (!percent || *percent < 2 || *percent > 20) return quoted(v) + " is not a number from 2 to 20";
         o.margin_percent = *percent;
         return std::nullopt;
     },
     "side margin kept clear for TVs that crop the picture (default 6)"},
    {"--logo", {"FILE", "a PNG or SVG file"},
     [](Options& o, std::string_view v) { o.logo = std::string(v); return taken(); },
     "the organiser's logo (PNG or SVG) at the top left of every slide"},
    {"--poll-seconds", {"N", "a number of seconds from 15 to 86400", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         int seconds = 0;
         auto r = std::from_chars(v.data(), v.data() + v.size(), seconds);
         if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || seconds < min_poll_seconds || seconds > max_poll_seconds)
             return quoted(v) + " is not a whole number of seconds from 15 to 86400";
         o.poll_seconds = seconds;
         return std::nullopt;
     },
     "check the feed every N seconds, 15 to 86400 (default: the\n"
     "feed's refresh_seconds, else 60)"},
    {"--video-driver", {"NAME", "a video driver", true},
     [](Options& o, std::string_view v) { return parse_name_in(o.video_driver, v, video_driver_names); },
     "auto, x11, wayland, kmsdrm or offscreen (default auto:\n"
     "x11 or wayland on a desktop, else kmsdrm on the console)"},
    {"--renderer", {"NAME", "a renderer", true},
     [](Options& o, std::string_view v) { return parse_name_in(o.renderer, v, renderer_names); },
     "auto, software, opengles2 or opengl (default auto: opengles2\n"
     "with vsync on kmsdrm, else software)"},
    {"--display-device", {"PATH", "a device like /dev/dri/card1", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (!is_device_setting(v, false)) return quoted(v) + " is not auto or a device like /dev/dri/card1";
         o.display_device = std::string(v);
         return std::nullopt;
     },
     "the DRM device to draw on under kmsdrm (default auto: the\n"
     "one with a screen connected)"},
    {"--cec-device", {"PATH", "a device like /dev/cec0", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (!is_device_setting(v, true)) return quoted(v) + " is not auto, none or a device like /dev/cec0";
         o.cec_device = std::string(v);
         return std::nullopt;
     },
     "the HDMI-CEC adapter that powers the TV on and off (default\n"
     "auto: the first /dev/cec*; none: no CEC)"},
    {"--public-key", {"KEY", "a public key (the line placard-feed keygen printed)"},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         for (std::string_view rest = v; !rest.empty();) {
             auto comma = rest.find(',');
             auto key = parse_public_key(rest.substr(0, comma));
             if (!key) return key.error().message;
             o.public_keys.push_back(*key);
             rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
         }
         return std::nullopt;
     },
     "show only feeds signed by this key (the line placard-feed\n"
     "keygen printed); repeat it, or separate keys with commas,\n"
     "to trust several while rotating keys"},
    {"--status-broker", {"URL", "a broker URL like mqtts://broker.example.org"},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (auto address = parse_broker_url(v); !address) return address.error().message;
         o.status_broker = std::string(v);
         return std::nullopt;
     },
     "report this screen's state to an MQTT broker, mqtt:// or\n"
     "mqtts:// (the \"status\" section of the config sets the rest)"},
    {"--screen-name", {"NAME", "a name like room-xxi", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         if (!is_screen_name(v)) return quoted(v) + " is not 1 to 64 letters, digits, '-', '_' or '.' (nor \"all\")";
         o.screen_name = std::string(v);
         return std::nullopt;
     },
     "this screen's name on the broker (default: the host name)"},
    {"--run-for", {"SECONDS", "a number of seconds", true},
     [](Options& o, std::string_view v) -> std::optional<std::string> {
         const std::optional<double> seconds = parse_decimal(v);
         if (!seconds || *seconds <= 0 || *seconds > 1e9)  // the kiosk counts milliseconds in a 64-bit integer
             return quoted(v) + " is not a positive number of seconds (at most 1e9)";
         o.run_for_seconds = *seconds;
         return std::nullopt;
     },
     "quit after that many seconds (for tests and measurements)"},
    {"--stats", {"FILE", "a file name"},
     [](Options& o, std::string_view v) { o.stats_path = v; return taken(); },
     "on exit, write a JSON report: frames, frame times, slides shown"},
    {"--check", no_value,
     [](Options& o, std::string_view) { o.check = true; return taken(); },
     "load the config and the feed once, report, and exit"},
    {"--version", no_value,
     [](Options& o, std::string_view) { o.version = true; return taken(); },
     "print the version"},
    {"--help", no_value,
     [](Options& o, std::string_view) { o.help = true; return taken(); },
     "this text"},
};

// -h is --help's short name, and --windowed the older name of --size; every
// other flag has only its long one.
const Flag* find_flag(std::string_view name)
{
    if (name == "-h") name = "--help";
    if (name == "--windowed") name = "--size";
    for (const Flag& flag : flags)
        if (flag.name == name) return &flag;
    return nullptr;
}

}  // namespace

std::string kiosk_usage()
{
    std::string usage = R"(Usage: placard [OPTIONS]

Shows a feed of statements and figures full-screen, rotating them for the room.
With no feed configured it shows the bundled demo feed and a set-up card.

Options:
)";
    auto shown = [](const Flag& flag) {
        return flag.argument.placeholder.empty() ? std::string(flag.name)
                                                 : std::string(flag.name) + " " + std::string(flag.argument.placeholder);
    };
    std::size_t width = 0;
    for (const Flag& flag : flags) width = std::max(width, shown(flag).size());
    const std::string indent(2 + width + 2, ' ');
    for (const Flag& flag : flags) {
        std::string name = shown(flag);
        usage += "  " + name + std::string(width + 2 - name.size(), ' ');
        for (std::string_view rest = flag.help;;) {
            auto end = rest.find('\n');
            usage += std::string(rest.substr(0, end)) + "\n";
            if (end == std::string_view::npos) break;
            rest = rest.substr(end + 1);
            usage += indent;
        }
    }
    usage += R"(
Keys: Right or Page Down next slide, Left or Page Up previous, Space pause,
D or F1 (or Page Down held 1.5 s) diagnostics, Esc or Q quit.

Exit codes: 0 ok, 1 bad input (config or feed), 2 usage, 3 environment
(no display, unreadable file).
)";
    return usage;
}

Result<Options> parse_options(const std::vector<std::string_view>& args)
{
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view name = args[i];
        std::optional<std::string_view> inline_value;
        if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string_view::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const Flag* flag = find_flag(name);
        if (!flag) return Error{"unknown option \"" + std::string(args[i]) + "\"; see placard --help"};
        const Argument& argument = flag->argument;
        std::optional<std::string_view> value = inline_value;
        if (argument.placeholder.empty()) {
            if (inline_value)
                return Error{std::string(name) + " takes no value; write it without \"=" + std::string(*inline_value) + "\""};
        } else {
            if (!value && i + 1 < args.size()) value = args[++i];
            if (!value || (value->empty() && !argument.may_be_empty))
                return Error{std::string(name) + " needs " + std::string(argument.needs) + "; see placard --help"};
        }
        if (auto wrong = flag->parse(o, value.value_or(""))) return Error{std::string(name) + ": " + *wrong};
    }
    if (o.fullscreen && o.window) return Error{"--fullscreen and --size contradict each other; choose one"};
    return o;
}

Config apply_options(Config config, const Options& options)
{
    if (options.feed) {
        // Checked by parse_options; what it tidies is noted here, with the file's notes.
        auto feed = read_feed_setting(*options.feed);
        config.feed = feed ? feed->feed : *options.feed;
        if (feed && !feed->note.empty()) config.notes.push_back("--feed: " + feed->note);
    }
    if (options.window) config.window = options.window;
    if (options.fullscreen) config.window.reset();
    if (options.no_sync) config.sync = false;
    if (options.no_qr) config.qr_codes = false;
    if (options.rotation) config.rotation = *options.rotation;
    if (options.transition) config.transition = *options.transition;
    if (options.frame_rate) config.frame_rate = *options.frame_rate;
    if (options.cache_dir) config.cache_dir = *options.cache_dir;
    if (options.ca_file) config.ca_file = *options.ca_file;
    if (options.languages) config.languages = *options.languages;
    if (options.theme) config.theme = *options.theme;
    if (options.ui_language) config.ui_language = *options.ui_language;
    if (options.accent) config.accent = *options.accent;
    if (options.margin_percent) config.margin_percent = *options.margin_percent;
    if (options.logo) config.logo = *options.logo;
    if (options.poll_seconds) config.poll_seconds = options.poll_seconds;
    if (options.video_driver) config.video_driver = *options.video_driver;
    if (options.renderer) config.renderer = *options.renderer;
    if (!options.public_keys.empty()) config.public_keys = options.public_keys;
    if (options.status_broker) config.status.broker = *options.status_broker;
    if (options.screen_name) config.status.screen = *options.screen_name;
    if (options.display_device) config.display_device = *options.display_device;
    if (options.cec_device) config.tv.cec_device = *options.cec_device;
    return config;
}

}  // namespace placard
