#include "core/setup/options.h"

#include "core/layout/theme.h"

#include <charconv>
#include <cmath>

namespace placard {

const char* kiosk_usage()
{
    return R"(Usage: placard [OPTIONS]

Shows a feed of statements and figures full-screen, rotating them for the room.
With no feed configured it shows the bundled demo feed and a set-up card.

Options:
  --config FILE        this settings file alone (default: /etc/placard/placard.json,
                       then /boot/firmware/placard.json over it, each when it exists)
  --feed URL|PATH      the feed to show; overrides "feed" in the config
  --windowed WxH       a window of that size instead of full-screen, e.g. 1280x720
  --fullscreen         full-screen even when the config names a window size
  --rotation DEGREES   how the screen is mounted: 0, 90, 180 or 270 (clockwise)
  --cache-dir DIR      where the last good feed is kept (default /var/cache/placard
                       where writable, else ~/.cache/placard)
  --ca-file FILE       trust this CA (PEM) for an https feed on a private server
  --languages LIST     preferred languages, e.g. en,fr: statements show in the first
                       with the second beneath it (one after the other if both don't fit)
  --no-sync            start the rotation at the first slide instead of following
                       UTC (by default screens with the same feed stay in step);
                       start and expiry times apply either way
  --no-qr              no QR codes (by default items with a link show one)
  --transition KIND    crossfade (the default), slide or none
  --frame-rate N       frames a second during a transition: 60 (the default) or 30
  --theme NAME         dark (the default) or light
  --accent #RRGGBB     the accent colour (refused when too faint on the theme)
  --margin-percent N   side margin kept clear for TVs that crop the picture (default 6)
  --logo FILE          the organiser's logo (PNG or SVG) at the top left of every slide
  --poll-seconds N     check the feed every N seconds, 15 to 86400 (default: the
                       feed's refresh_seconds, else 60)
  --video-driver NAME  auto, x11, wayland, kmsdrm or offscreen (default auto:
                       x11 or wayland on a desktop, else kmsdrm on the console)
  --renderer NAME      auto, software, opengles2 or opengl (default auto: opengles2
                       with vsync on kmsdrm, else software)
  --public-key KEY     show only feeds signed by this key (the line placard-feed
                       keygen printed); repeat it, or separate keys with commas,
                       to trust several while rotating keys
  --status-broker URL  report this screen's state to an MQTT broker, mqtt:// or
                       mqtts:// (the "status" section of the config sets the rest)
  --screen-name NAME   this screen's name on the broker (default: the host name)
  --run-for SECONDS    quit after that many seconds (for tests and measurements)
  --stats FILE         on exit, write a JSON report: frames, frame times, slides shown
  --check              load the config and the feed once, report, and exit
  --version            print the version
  --help               this text

Keys: Right or Page Down next slide, Left or Page Up previous, Space pause,
D or F1 (or Page Down held 1.5 s) diagnostics, Esc or Q quit.

Exit codes: 0 ok, 1 bad input (config or feed), 2 usage, 3 environment
(no display, unreadable file).
)";
}

Result<Options> parse_options(const std::vector<std::string_view>& args)
{
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view flag = args[i];
        std::string_view inline_value;
        bool has_inline = false;
        if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string_view::npos) {
            inline_value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
            has_inline = true;
        }
        auto value = [&]() -> std::optional<std::string_view> {
            if (has_inline) return inline_value;
            if (i + 1 >= args.size()) return std::nullopt;
            return args[++i];
        };
        auto missing = [&](const char* what) {
            return Error{std::string(flag) + " needs " + what + "; see placard --help"};
        };
        bool takes_no_value = flag == "--help" || flag == "-h" || flag == "--version" || flag == "--check" || flag == "--fullscreen"
                              || flag == "--no-sync" || flag == "--no-qr";
        if (takes_no_value && has_inline)
            return Error{std::string(flag) + " takes no value; write it without \"=" + std::string(inline_value) + "\""};
        if (flag == "--help" || flag == "-h") o.help = true;
        else if (flag == "--version") o.version = true;
        else if (flag == "--check") o.check = true;
        else if (flag == "--fullscreen") o.fullscreen = true;
        else if (flag == "--no-sync") o.no_sync = true;
        else if (flag == "--no-qr") o.no_qr = true;
        else if (flag == "--config") {
            auto v = value();
            if (!v || v->empty()) return missing("a file name");
            o.config_path = *v;
        } else if (flag == "--feed") {
            auto v = value();
            if (!v || v->empty()) return missing("a URL or a file path");
            o.feed = std::string(*v);
        } else if (flag == "--windowed") {
            auto v = value();
            if (!v) return missing("a size like 1280x720");
            o.window = parse_size(*v);
            if (!o.window) return Error{"--windowed: \"" + std::string(*v) + "\" is not a size; write it like 1280x720"};
        } else if (flag == "--rotation") {
            auto v = value();
            if (!v) return missing("0, 90, 180 or 270");
            o.rotation = parse_rotation(*v);
            if (!o.rotation) return Error{"--rotation: \"" + std::string(*v) + "\" is not 0, 90, 180 or 270"};
        } else if (flag == "--run-for") {
            auto v = value();
            if (!v) return missing("a number of seconds");
            double seconds = 0;
            auto r = std::from_chars(v->data(), v->data() + v->size(), seconds);
            if (r.ec != std::errc{} || r.ptr != v->data() + v->size() || !std::isfinite(seconds) || seconds <= 0
                || seconds > 1e9)  // the kiosk counts milliseconds in a 64-bit integer
                return Error{"--run-for: \"" + std::string(*v) + "\" is not a positive number of seconds (at most 1e9)"};
            o.run_for_seconds = seconds;
        } else if (flag == "--cache-dir" || flag == "--ca-file") {
            auto v = value();
            if (!v || v->empty()) return missing(flag == "--cache-dir" ? "a folder" : "a file name");
            (flag == "--cache-dir" ? o.cache_dir : o.ca_file) = std::string(*v);
        } else if (flag == "--theme" || flag == "--accent") {
            auto v = value();
            if (!v || v->empty()) return missing(flag == "--theme" ? "dark or light" : "a colour like #F2B23E");
            (flag == "--theme" ? o.theme : o.accent) = std::string(*v);
            if (auto theme = make_theme(o.theme.value_or("dark"), o.accent.value_or("")); !theme)
                return Error{std::string(flag) + ": " + theme.error().message};
        } else if (flag == "--logo") {
            auto v = value();
            if (!v || v->empty()) return missing("a PNG or SVG file");
            o.logo = std::string(*v);
        } else if (flag == "--margin-percent") {
            auto v = value();
            if (!v) return missing("a percentage from 2 to 20");
            double percent = 0;
            auto r = std::from_chars(v->data(), v->data() + v->size(), percent);
            if (r.ec != std::errc{} || r.ptr != v->data() + v->size() || percent < 2 || percent > 20)
                return Error{"--margin-percent: \"" + std::string(*v) + "\" is not a number from 2 to 20"};
            o.margin_percent = percent;
        } else if (flag == "--transition") {
            auto v = value();
            if (!v) return missing("crossfade, slide or none");
            o.transition = parse_transition(*v);
            if (!o.transition) return Error{"--transition: \"" + std::string(*v) + "\" is not crossfade, slide or none"};
        } else if (flag == "--frame-rate") {
            auto v = value();
            if (!v) return missing("60 or 30");
            if (*v == "60" || *v == "30") o.frame_rate = *v == "60" ? 60 : 30;
            else return Error{"--frame-rate: \"" + std::string(*v) + "\" is not 60 or 30"};
        } else if (flag == "--languages") {
            auto v = value();
            if (!v) return missing("language tags like en,fr");
            o.languages = parse_languages(*v);
            if (!o.languages) return Error{"--languages: \"" + std::string(*v) + "\" is not a list of language tags like en,fr"};
        } else if (flag == "--poll-seconds") {
            auto v = value();
            if (!v) return missing("a number of seconds from 15 to 86400");
            int seconds = 0;
            auto r = std::from_chars(v->data(), v->data() + v->size(), seconds);
            if (r.ec != std::errc{} || r.ptr != v->data() + v->size() || seconds < min_poll_seconds
                || seconds > max_poll_seconds)
                return Error{"--poll-seconds: \"" + std::string(*v) + "\" is not a whole number of seconds from 15 to 86400"};
            o.poll_seconds = seconds;
        } else if (flag == "--video-driver" || flag == "--renderer") {
            const auto names = flag == "--video-driver" ? std::span<const std::string_view>(video_driver_names)
                                                        : std::span<const std::string_view>(renderer_names);
            auto v = value();
            if (!v) return missing(flag == "--video-driver" ? "a video driver" : "a renderer");
            if (!is_one_of(*v, names))
                return Error{std::string(flag) + ": \"" + std::string(*v) + "\" is not " + one_of(names)};
            (flag == "--video-driver" ? o.video_driver : o.renderer) = std::string(*v);
        } else if (flag == "--public-key") {
            auto v = value();
            if (!v || v->empty()) return missing("a public key (the line placard-feed keygen printed)");
            for (std::string_view rest = *v; !rest.empty();) {
                auto comma = rest.find(',');
                auto key = parse_public_key(rest.substr(0, comma));
                if (!key) return Error{"--public-key: " + key.error().message};
                o.public_keys.push_back(*key);
                rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            }
        } else if (flag == "--status-broker") {
            auto v = value();
            if (!v || v->empty()) return missing("a broker URL like mqtts://broker.example.org");
            if (auto address = parse_broker_url(*v); !address) return Error{"--status-broker: " + address.error().message};
            o.status_broker = std::string(*v);
        } else if (flag == "--screen-name") {
            auto v = value();
            if (!v) return missing("a name like room-xxi");
            if (!is_screen_name(*v))
                return Error{"--screen-name: \"" + std::string(*v)
                             + "\" is not 1 to 64 letters, digits, '-', '_' or '.' (nor \"all\")"};
            o.screen_name = std::string(*v);
        } else if (flag == "--stats") {
            auto v = value();
            if (!v || v->empty()) return missing("a file name");
            o.stats_path = *v;
        } else {
            return Error{"unknown option \"" + std::string(args[i]) + "\"; see placard --help"};
        }
    }
    if (o.fullscreen && o.window) return Error{"--fullscreen and --windowed contradict each other; choose one"};
    return o;
}

Config apply_options(Config config, const Options& options)
{
    if (options.feed) config.feed = *options.feed;
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
    if (options.accent) config.accent = *options.accent;
    if (options.margin_percent) config.margin_percent = *options.margin_percent;
    if (options.logo) config.logo = *options.logo;
    if (options.poll_seconds) config.poll_seconds = options.poll_seconds;
    if (options.video_driver) config.video_driver = *options.video_driver;
    if (options.renderer) config.renderer = *options.renderer;
    if (!options.public_keys.empty()) config.public_keys = options.public_keys;
    if (options.status_broker) config.status.broker = *options.status_broker;
    if (options.screen_name) config.status.screen = *options.screen_name;
    return config;
}

}  // namespace placard
