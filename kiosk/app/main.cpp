// placard: the kiosk. Reads the config and the feed, then shows the slides.
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "app/feed_keeper.h"
#include "app/feed_store.h"
#include "app/files.h"
#include "app/kiosk.h"
#include "app/signed_file.h"
#include "core/setup/options.h"
#include "core/feed/rfc3339.h"
#include "core/schedule/schedule.h"
#include "core/setup/status.h"
#include "render/painter.h"

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

std::string describe_signature(const Judgement& j, const Feed* shown)
{
    switch (j.signature) {
    case SignatureCheck::verified:
        // Verified, then held back because the screen could not save it.
        if (j.verdict == Verdict::failed) return "verified, key " + key_id_hex(j.signed_by) + ", but " + j.reason;
        return "verified, key " + key_id_hex(j.signed_by) + ", sequence "
               + (shown && shown->sequence ? std::to_string(*shown->sequence) : std::string("none"));
    case SignatureCheck::rejected: return "rejected: " + j.reason;
    default:
        if (j.verdict == Verdict::unchanged) return "not modified; the feed on screen was verified when it arrived";
        if (j.verdict == Verdict::failed) return "not checked: " + j.reason;
        return "not checked: the feed itself was refused";
    }
}

// What --check says is on screen now: items outside their window are named
// and left out, when the clock can be trusted to judge them.
void print_showing(const Feed* feed)
{
    std::optional<std::int64_t> wall;
    if (feed && clock_is_plausible(wall_seconds(), *feed)) wall = wall_seconds();
    if (feed && !wall)
        std::printf("Clock: not set yet (it reads %s); starts_at and expires_at apply once it is\n",
                    format_rfc3339(wall_seconds()).c_str());
    if (feed && wall)
        for (const std::string& line : describe_out_of_window(*feed, *wall)) std::printf("Out of its window: %s\n", line.c_str());
    std::printf("%s\n", describe_showing(feed, wall).c_str());
}

// --check for a remote feed: one poll, reported in plain words.
int check_remote(FeedKeeper& keeper)
{
    std::printf("Feed: %s\nCache: %s\n", keeper.url().c_str(), keeper.cache_dir().c_str());
    keeper.log_outcomes(false);
    Judgement j = keeper.poll(wall_seconds());
    const FetchRecord& f = keeper.fetches().back();
    if (f.not_modified) std::printf("Fetch: not modified (HTTP 304)\n");
    else if (f.status > 0) std::printf("Fetch: HTTP %ld, %zu bytes\n", f.status, f.bytes);
    else std::printf("Fetch: no answer\n");
    if (keeper.verifies_signatures())
        std::printf("Signature: %s\n", describe_signature(j, keeper.feed().get()).c_str());
    if (j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged)
        std::printf("Result: %s\nLog: %s\n", to_string(j.verdict), keeper.outcome().c_str());
    else
        std::printf("Result: %s: %s\n", to_string(j.verdict), j.reason.c_str());
    // The pictures, fetched as the screen fetches them (after the feed).
    keeper.fetch_pictures(wall_seconds());
    if (auto [with, ready] = keeper.picture_counts(); with > 0) {
        std::printf("Pictures: %zu of %zu shown\n", ready, with);
        for (const PictureProblem& p : keeper.picture_problems())
            std::printf("Picture not shown: item %s (%s): %s\n", p.item_id.c_str(), p.url.c_str(), p.reason.c_str());
    }
    print_showing(keeper.feed().get());
    switch (j.verdict) {
    case Verdict::accepted:
    case Verdict::unchanged: return 0;
    case Verdict::refused: return 1;
    default: return 3;
    }
}

// A feed file, or none, on a screen that trusts keys: shown only once FILE.sig verifies.
int run_signed_file(const Config& config, const Options& options, const std::vector<std::string>& config_files,
                    double started_at)
{
    SignedFeed signed_feed = load_signed_feed(config.feed, config.public_keys);
    const std::string name = config.feed.empty() ? "none configured" : config.feed;
    const bool rejected = signed_feed.signature == SignatureCheck::rejected;
    if (options.check) {
        std::printf("Feed: %s\n", name.c_str());
        if (rejected) std::printf("Signature: rejected: %s\n", signed_feed.feed.error().message.c_str());
        else if (signed_feed.feed)
            std::printf("Signature: verified, key %s\n", key_id_hex(signed_feed.signed_by).c_str());
    }
    if (!signed_feed.feed && !rejected) {
        std::fprintf(stderr, "placard: the feed was refused:\n%s\n", signed_feed.feed.error().message.c_str());
        return exit_code(signed_feed.feed.error());
    }
    const LoadedFeed* loaded = signed_feed.feed ? &*signed_feed.feed : nullptr;
    if (options.check) {
        std::printf("Result: %s\n", loaded ? "accepted" : "refused: the signature was rejected");
        print_showing(loaded ? loaded->feed.get() : nullptr);
        return loaded ? 0 : 1;
    }
    if (!loaded) {
        std::fprintf(stderr, "placard: feed signature rejected: %s; waiting, showing nothing unverified\n",
                     signed_feed.feed.error().message.c_str());
        FeedSource source;
        source.name = name;
        source.signature_rejected = true;
        source.config_files = config_files;
        return run_kiosk(config, source, options, started_at);
    }
    for (const auto& w : loaded->warnings)
        std::fprintf(stderr, "placard: %s\n", format_problem(loaded->source, {w.pointer, "warning: " + w.message}).c_str());
    FeedSource source;
    source.feed = loaded->feed;
    source.name = loaded->source;
    source.config_files = config_files;
    return run_kiosk(config, source, options, started_at);
}

}  // namespace

int main(int argc, char** argv)
{
    const double started_at = monotonic_seconds();
    keep_pictures_out_of_heap();
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
    // On a screen set up from its boot partition (no --config, no --check) a
    // bad setting is shown on the screen, where the organiser is looking.
    const bool on_screen_errors = options->config_path.empty() && !options->check;
    if (!file_config) {
        std::fprintf(stderr, "placard: %s\n", file_config.error().message.c_str());
        if (!on_screen_errors) return exit_code(file_config.error());
        FeedSource source;
        source.name = "none: the settings cannot be used";
        source.config_error = file_config.error().message;
        return run_kiosk(apply_options(Config{}, *options), source, *options, started_at);
    }
    Config config = apply_options(file_config->config, *options);
    const std::vector<std::string>& config_files = file_config->files;
    if (options->check) std::printf("Settings: %s\n", describe_config_files(config_files).c_str());
    else std::fprintf(stderr, "placard: settings: %s\n", describe_config_files(config_files).c_str());

    // A plain feed path is watched like a file:// URL (edits show up within a
    // poll, and a signed one keeps its replay floor), but is read once first so
    // that a mistake in it is refused where it was typed. --check reads it once.
    const bool plain_path = !config.feed.empty() && !is_remote(config.feed);
    if (plain_path && !options->check) {
        if (auto hint = missing_scheme(config.feed)) {
            std::fprintf(stderr, "placard: %s\n", hint->message.c_str());
            if (!on_screen_errors || options->feed) return exit_code(*hint);
            FeedSource source;
            source.name = config.feed;
            source.config_error = "\"feed\": " + hint->message;
            source.config_files = config_files;
            return run_kiosk(config, source, *options, started_at);
        }
        config.feed = file_url(config.feed);
    }

    if (is_remote(config.feed)) {
        const std::string cache_dir = config.cache_dir.empty() ? default_cache_dir() : config.cache_dir;
        if (auto refused = check_cache_dir(cache_dir)) {
            std::fprintf(stderr, "placard: %s\n", refused->message.c_str());
            return exit_code(*refused);
        }
        FeedKeeper keeper(config.feed, cache_dir, config.ca_file, config.public_keys);
        if (auto warning = keeper.load_cache()) std::fprintf(stderr, "placard: warning: %s\n", warning->c_str());
        if (options->check) return check_remote(keeper);
        if (plain_path) {
            // Read now, so the first frame shows the file and not an older cache.
            // A bad or missing file stops the kiosk with its name, except on a
            // screen set up from its boot partition, where the status card says it.
            Judgement first = keeper.poll(wall_seconds());
            bool stop = !on_screen_errors || options->feed;
            if (stop && first.verdict == Verdict::failed && !keeper.feed_unsaved()) return 3;  // unreadable: named in the log
            if (stop && first.verdict == Verdict::refused && !keeper.signature_rejected()) return 1;
        }
        FeedSource source;
        source.name = keeper.url();
        source.remote = &keeper;
        source.config_files = config_files;
        return run_kiosk(config, source, *options, started_at);
    }

    if (!config.public_keys.empty()) return run_signed_file(config, *options, config_files, started_at);

    auto feed = load_feed(config.feed);
    if (!feed) {
        std::fprintf(stderr, "placard: the feed was refused:\n%s\n", feed.error().message.c_str());
        return exit_code(feed.error());
    }
    for (const auto& w : feed->warnings)
        std::fprintf(stderr, "placard: %s\n", format_problem(feed->source, {w.pointer, "warning: " + w.message}).c_str());
    const ConfigPaths paths = config_paths();
    if (options->check) {
        if (feed->demo)
            std::printf("Feed: none configured\nResult: no feed is set, so the bundled demo feed is shown; set \"feed\" "
                        "to your feed's address in %s (the SD card's boot partition) or %s\n",
                        paths.boot.c_str(), paths.system.c_str());
        else std::printf("Feed: %s\nResult: accepted\n", feed->source.c_str());
        std::printf("Log: accepted %s\n", describe_feed(*feed->feed, feed->source).c_str());
        print_showing(feed->feed.get());
        return 0;
    }
    if (feed->demo)
        std::fprintf(stderr, "placard: no feed configured, showing the bundled demo feed and the set-up card "
                             "(set one with --feed or \"feed\" in %s or %s)\n", paths.boot.c_str(), paths.system.c_str());
    // With no feed configured, the set-up card comes round every other slide.
    auto shown = feed->demo ? std::make_shared<const Feed>(with_first_run_card(*feed->feed)) : feed->feed;
    FeedSource source;
    source.feed = shown;
    source.name = feed->source;
    source.demo = feed->demo;
    source.config_files = config_files;
    return run_kiosk(config, source, *options, started_at);
}
