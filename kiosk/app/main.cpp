// placard: the kiosk. Reads the config and the feed, then shows the slides.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "store/feed_keeper.h"
#include "store/feed_store.h"
#include "store/files.h"
#include "store/logo_file.h"
#include "app/kiosk.h"
#include "store/signed_file.h"
#include "core/setup/options.h"
#include "core/feed/rfc3339.h"
#include "core/schedule/schedule.h"
#include "core/setup/status.h"
#include "render/painter.h"
#include "screen/tv_control.h"

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

// --check for a feed file on a screen that trusts keys.
int check_signed_file(const FeedSource& source)
{
    std::printf("Feed: %s\nSignature: %s\n", source.name.c_str(), source.signature.c_str());
    std::printf("Result: %s\n", source.feed ? "accepted" : "refused: the signature was rejected");
    print_showing(source.feed.get());
    return source.feed ? 0 : 1;
}

// --check for a feed file, or the demo when none is configured.
int check_file(const FeedSource& source)
{
    if (source.demo) {
        const ConfigPaths paths = config_paths();
        std::printf("Feed: none configured\nResult: no feed is set, so the bundled demo feed is shown; set \"feed\" "
                    "to your feed's address in %s (the SD card's boot partition) or %s\n",
                    paths.boot.c_str(), paths.system.c_str());
    } else {
        std::printf("Feed: %s\nResult: accepted\n", source.name.c_str());
    }
    std::printf("Log: accepted %s\n", describe_feed(*source.feed, source.name).c_str());
    print_showing(source.feed.get());
    return 0;
}

int check(FeedSource& source)
{
    if (source.remote) return check_remote(*source.remote);
    if (!source.signature.empty()) return check_signed_file(source);
    return check_file(source);
}

// --check's line for the logo, when one is set: 1 (bad settings) when the
// screen would go without it.
int check_logo(const std::string& path)
{
    if (path.empty()) return 0;
    auto logo = load_logo(path);
    if (!logo) {
        std::printf("Logo: not shown: %s\n", logo.error().message.c_str());
        return 1;
    }
    std::printf("Logo: %s (%s)\n", path.c_str(), logo->describe().c_str());
    return 0;
}

// A remote feed, its cache loaded. read_first: a plain path watched like a
// file:// URL, read now so that the first frame shows the file and not an
// older cache; stop_on_error: a bad or missing one stops the kiosk with its
// name, except on a screen set up from its boot partition, where the status
// card says it.
Result<FeedSource> open_remote(const Config& config, bool read_first, bool stop_on_error)
{
    const std::string cache_dir = config.cache_dir.empty() ? default_cache_dir() : config.cache_dir;
    if (auto refused = check_cache_dir(cache_dir)) return *refused;
    FeedSource source;
    source.remote = std::make_unique<FeedKeeper>(config.feed, cache_dir, config.ca_file, config.public_keys);
    FeedKeeper& keeper = *source.remote;
    if (auto warning = keeper.load_cache()) std::fprintf(stderr, "placard: warning: %s\n", warning->c_str());
    if (read_first) {
        Judgement first = keeper.poll(wall_seconds());
        // Named in the log already, so the errors say nothing more.
        if (stop_on_error && first.verdict == Verdict::failed && !keeper.feed_unsaved())
            return Error{"", ErrorKind::environment};  // unreadable
        if (stop_on_error && first.verdict == Verdict::refused && !keeper.signature_rejected()) return Error{""};
    }
    source.name = keeper.url();
    return source;
}

// A feed file, or none, on a screen that trusts keys: shown only once FILE.sig
// verifies. The kiosk reads a file as a file:// URL, so only --check and a
// screen with no feed configured come here.
Result<FeedSource> open_signed_file(const Config& config, const Options& options)
{
    SignedFeed signed_feed = load_signed_feed(config.feed, config.public_keys);
    FeedSource source;
    source.name = config.feed.empty() ? "none configured" : config.feed;
    source.signature_rejected = signed_feed.signature == SignatureCheck::rejected;
    if (!signed_feed.feed && !source.signature_rejected) {
        if (options.check) std::printf("Feed: %s\n", source.name.c_str());  // --check names the feed before the error
        Error refused = signed_feed.feed.error();
        refused.message = "the feed was refused:\n" + refused.message;
        return refused;
    }
    if (source.signature_rejected) source.signature = "rejected: " + signed_feed.feed.error().message;
    else source.signature = "verified, key " + key_id_hex(signed_feed.signed_by);
    if (signed_feed.feed) source.feed = signed_feed.feed->feed;
    return source;
}

// A feed file, or the bundled demo feed when none is configured.
Result<FeedSource> open_file(const Config& config)
{
    auto feed = load_feed(config.feed);
    if (!feed) return Error{"the feed was refused:\n" + feed.error().message, feed.error().kind};
    for (const auto& w : feed->warnings)
        std::fprintf(stderr, "placard: %s\n", format_problem(feed->source, {w.pointer, "warning: " + w.message}).c_str());
    FeedSource source;
    source.feed = feed->feed;
    source.name = feed->source;
    source.demo = feed->demo;
    return source;
}

// The feed the settings name, opened once for the kiosk and for --check alike.
Result<FeedSource> open_feed(Config& config, const Options& options, bool on_screen_errors)
{
    // A plain feed path is watched like a file:// URL (edits show up within a
    // poll, and a signed one keeps its replay floor), but is read once first so
    // that a mistake in it is refused where it was typed. --check reads it once.
    const bool plain_path = !config.feed.empty() && !is_remote(config.feed) && !options.check;
    const bool stop_on_error = !on_screen_errors || options.feed;
    if (plain_path) {
        if (auto hint = missing_scheme(config.feed)) {
            if (stop_on_error) return *hint;
            std::fprintf(stderr, "placard: %s\n", hint->message.c_str());
            FeedSource card;
            card.name = config.feed;
            card.config_error = "\"feed\": " + hint->message;
            return card;
        }
        config.feed = file_url(config.feed);
    }
    if (is_remote(config.feed)) return open_remote(config, plain_path, stop_on_error);
    if (!config.public_keys.empty()) return open_signed_file(config, options);
    return open_file(config);
}

// The settings, and the feed they name.
struct Setup {
    Config config;
    FeedSource source;
};

// What reading the settings tidied (spaces around the feed's address): a
// warning line in --check's report, or in the log.
void print_notes(const Config& config, bool check)
{
    for (const std::string& note : config.notes) {
        if (check) std::printf("Warning: %s\n", note.c_str());
        else std::fprintf(stderr, "placard: warning: %s\n", note.c_str());
    }
}

// Reads the settings and opens the feed they name. On a screen set up from its
// boot partition (no --config, no --check) a bad setting is shown on the
// screen, where the organiser is looking; elsewhere it stops placard with an
// error, whose message is empty when the log has said it already.
Result<Setup> set_up(const Options& options)
{
    auto file_config = load_config(options.config_path);
    const bool on_screen_errors = options.config_path.empty() && !options.check;
    if (!file_config) {
        if (!on_screen_errors) return file_config.error();
        std::fprintf(stderr, "placard: %s\n", file_config.error().message.c_str());
        Setup setup{apply_options(Config{}, options), {}};
        print_notes(setup.config, options.check);
        setup.source.name = "none: the settings cannot be used";
        setup.source.config_error = file_config.error().message;
        return setup;
    }
    Setup setup{apply_options(file_config->config, options), {}};
    if (options.check) std::printf("Settings: %s\n", describe_config_files(file_config->files).c_str());
    else std::fprintf(stderr, "placard: settings: %s\n", describe_config_files(file_config->files).c_str());
    print_notes(setup.config, options.check);
    auto source = open_feed(setup.config, options, on_screen_errors);
    if (!source) return source.error();
    setup.source = std::move(*source);
    setup.source.config_files = file_config->files;
    return setup;
}

// The kiosk, with a line in the log when what it shows is not the feed itself.
int show(const Setup& setup, const Options& options, double started_at)
{
    const FeedSource& source = setup.source;
    if (source.signature_rejected)
        std::fprintf(stderr, "placard: feed signature %s; waiting, showing nothing unverified\n", source.signature.c_str());
    if (source.demo) {
        const ConfigPaths paths = config_paths();
        std::fprintf(stderr, "placard: no feed configured, showing the bundled demo feed and the set-up card "
                             "(set one with --feed or \"feed\" in %s or %s)\n", paths.boot.c_str(), paths.system.c_str());
    }
    return run_kiosk(setup.config, source, options, started_at);
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
        std::fputs(kiosk_usage().c_str(), stdout);
        return 0;
    }
    if (options->version) {
        std::printf("placard %s\n", PLACARD_VERSION);
        return 0;
    }
    auto setup = set_up(*options);
    if (!setup) {
        if (!setup.error().message.empty()) std::fprintf(stderr, "placard: %s\n", setup.error().message.c_str());
        return exit_code(setup.error());
    }
    if (options->check) {
        const int feed = check(setup->source);
        const int logo = check_logo(setup->config.logo);
        std::printf("TV: %s\n", check_tv(setup->config.tv).c_str());
        return feed != 0 ? feed : logo;
    }
    return show(*setup, *options, started_at);
}
