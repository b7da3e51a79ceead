#pragma once
// The kiosk's command line, parsed into values. Flags override the config file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/setup/config.h"
#include "core/result.h"

namespace placard {

struct Options {
    std::string config_path;            // empty: the default location, when it exists
    std::optional<std::string> feed;
    std::optional<Size> window;
    bool fullscreen = false;
    bool no_sync = false;
    bool no_qr = false;
    std::optional<int> rotation;
    std::optional<Transition> transition;
    std::optional<int> frame_rate;
    std::optional<double> run_for_seconds;
    std::string stats_path;
    std::optional<std::string> cache_dir;
    std::optional<std::string> ca_file;
    std::optional<std::vector<std::string>> languages;
    std::optional<std::string> theme;
    std::optional<std::string> ui_language;
    std::optional<std::string> accent;
    std::optional<double> margin_percent;
    std::optional<std::string> logo;
    std::optional<int> poll_seconds;
    std::optional<std::string> video_driver;
    std::optional<std::string> renderer;
    std::optional<std::string> status_broker;
    std::optional<std::string> screen_name;
    std::optional<std::string> display_device;
    std::optional<std::string> cec_device;
    std::vector<PublicKey> public_keys;  // --public-key, repeatable or comma-separated
    bool check = false;
    bool help = false;
    bool version = false;
};

// Parses argv[1..]. A usage error says which flag was wrong and how to fix it.
Result<Options> parse_options(const std::vector<std::string_view>& args);

// The config file with the command line's overrides applied.
Config apply_options(Config config, const Options& options);

// The --help text, with a line or more for each flag the parser takes.
std::string kiosk_usage();

}  // namespace placard
