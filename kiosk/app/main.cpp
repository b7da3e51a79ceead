// placard: the kiosk. Reads the config and the feed, then shows the slides.
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "app/feed_keeper.h"
#include "app/feed_store.h"
#include "app/files.h"
#include "app/kiosk.h"
#include "core/options.h"

namespace {

using namespace placard;

bool is_remote(const std::string& source)
{
    return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0 || source.rfind("file://", 0) == 0;
}

std::int64_t wall_seconds()
{
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

// --check for a remote feed: one poll, reported in plain words.
int check_remote(FeedKeeper& keeper)
{
    std::printf("Feed: %s\nCache: %s\n", keeper.url().c_str(), keeper.cache_dir().c_str());
    Judgement j = keeper.poll(wall_seconds());
    const FetchRecord& f = keeper.fetches().back();
    if (f.not_modified) std::printf("Fetch: not modified (HTTP 304)\n");
    else if (f.status > 0) std::printf("Fetch: HTTP %ld, %zu bytes\n", f.status, f.bytes);
    else std::printf("Fetch: no answer\n");
    if (j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged)
        std::printf("Result: %s\n", to_string(j.verdict));
    else
        std::printf("Result: %s: %s\n", to_string(j.verdict), j.reason.c_str());
    std::printf("%s\n", describe_showing(keeper.feed().get()).c_str());
    switch (j.verdict) {
    case Verdict::accepted:
    case Verdict::unchanged: return 0;
    case Verdict::refused: return 1;
    default: return 3;
    }
}

}  // namespace

int main(int argc, char** argv)
{
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

    if (is_remote(config.feed)) {
        FeedKeeper keeper(config.feed, config.cache_dir.empty() ? default_cache_dir() : config.cache_dir, config.ca_file);
        if (auto warning = keeper.load_cache()) std::fprintf(stderr, "placard: warning: %s\n", warning->c_str());
        if (options->check) return check_remote(keeper);
        return run_kiosk(config, FeedSource{nullptr, keeper.url(), false, &keeper}, *options, started_at);
    }

    auto feed = load_feed(config.feed);
    if (!feed) {
        std::fprintf(stderr, "placard: the feed was refused:\n%s\n", feed.error().message.c_str());
        return exit_code(feed.error());
    }
    for (const auto& w : feed->warnings)
        std::fprintf(stderr, "placard: %s\n", format_problem(feed->source, {w.pointer, "warning: " + w.message}).c_str());
    if (options->check) {
        std::printf("Feed: %s\nResult: accepted\n%s\n", feed->source.c_str(), describe_showing(feed->feed.get()).c_str());
        return 0;
    }
    if (feed->demo)
        std::fprintf(stderr, "placard: no feed configured, showing the bundled demo feed "
                             "(set one with --feed or \"feed\" in %s)\n", default_config_path);
    return run_kiosk(config, FeedSource{feed->feed, feed->source, feed->demo, nullptr}, *options, started_at);
}
