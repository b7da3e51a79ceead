// placard: the kiosk. Reads the config and the feed, then shows the slides.
#include <cstdio>
#include <string_view>
#include <vector>

#include "app/files.h"
#include "app/kiosk.h"
#include "core/options.h"

int main(int argc, char** argv)
{
    using namespace placard;
    const double started_at = monotonic_seconds();
    auto options = parse_options(std::vector<std::string_view>(argv + 1, argv + argc));
    if (!options) {
        std::fprintf(stderr, "placard: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->help) {
        std::fputs(kiosk_usage(), stdout);
        return 0;
    }
    if (options->version) {
        std::printf("placard %s\n", PLACARD_VERSION);
        return 0;
    }
    auto file_config = load_config(options->config_path);
    if (!file_config) {
        std::fprintf(stderr, "placard: %s\n", file_config.error().message.c_str());
        return exit_code(file_config.error());
    }
    Config config = apply_options(*file_config, *options);
    auto feed = load_feed(config.feed);
    if (!feed) {
        std::fprintf(stderr, "placard: the feed was refused:\n%s\n", feed.error().message.c_str());
        return exit_code(feed.error());
    }
    for (const auto& w : feed->warnings)
        std::fprintf(stderr, "placard: %s\n", format_problem(feed->source, {w.pointer, "warning: " + w.message}).c_str());
    if (options->check) {
        std::printf("Feed: %s\nItems: %zu\nResult: OK, this feed will show.\n", feed->source.c_str(),
                    feed->feed->items.size());
        return 0;
    }
    if (feed->demo)
        std::fprintf(stderr, "placard: no feed configured, showing the bundled demo feed "
                             "(set one with --feed or \"feed\" in %s)\n", default_config_path);
    return run_kiosk(config, *feed, *options, started_at);
}
