// placard-soak: days of Placard's life in minutes, driven by a simulated clock.
//
//   placard-soak [--hours N] [--size WxH] [--no-rss-bound]
//
// The real pieces, headless: a FeedKeeper polls a feed server on 127.0.0.1
// (real HTTP through libcurl, the cache written to disk) on the kiosk's own
// schedule (poll_interval, jitter, back-off after failures); the server
// publishes a new feed every simulated hour and fails in a different way for
// half an hour or so every five hours; each accepted feed is planned for the
// screen and handed to the Rotation; every slide shown is built into textures
// with SDL's software renderer and the old ones released (soak_screen.h).
// Time is a parameter of all of these, so only the work is real.
//
// It fails (exit 1) when memory grows between the middle and the end, when SDL
// objects (textures and surfaces) are left over, when a fetch fails outside a
// fault, when a fault is not recovered from, or when the screen loses its feed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "store/feed_keeper.h"
#include "core/setup/config.h"
#include "core/fetch/poll_policy.h"
#include "core/layout/slide_fit.h"
#include "soak/feed_server.h"
#include "soak/soak_feeds.h"
#include "soak/soak_screen.h"

namespace {

using namespace placard;
using namespace placard::soak;
using std::chrono::hours;
using std::chrono::minutes;

constexpr std::int64_t start_wall = 1772442000;  // 2026-03-02T09:00:00Z, a plausible clock
constexpr Fault faults[] = {Fault::server_error, Fault::truncated, Fault::captive_portal,
                            Fault::invalid_json, Fault::refused,  Fault::not_found};
constexpr double mib = 1024.0 * 1024.0;

struct Settings {
    int hours = 7 * 24;
    Size screen{1920, 1080};
    bool rss_bound = true;  // off under AddressSanitizer, whose quarantine holds freed memory on purpose
};

long rss_bytes()
{
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

// A cache folder of its own, removed at the end.
struct TempDir {
    std::filesystem::path path;
    TempDir()
    {
        std::string name = (std::filesystem::temp_directory_path() / "placard-soak-XXXXXX").string();
        if (mkdtemp(name.data())) path = name;
    }
    ~TempDir()
    {
        std::error_code ignored;
        if (!path.empty()) std::filesystem::remove_all(path, ignored);
    }
};

// What the run saw, and whether it behaved.
struct Findings {
    std::vector<std::string> failures;
    void check(bool ok, const std::string& what)
    {
        if (!ok && failures.size() < 20) failures.push_back(what);
    }
};

// One fault window: when it starts and ends (simulated ms), and what happened in it.
struct FaultWindow {
    Millis start, end;
    Fault fault;
    int failed_polls = 0;
    bool recovered = false;
    bool banner_seen = false;
};

std::vector<FaultWindow> fault_plan(int total_hours)
{
    std::vector<FaultWindow> plan;
    for (int h = 2, n = 0; h < total_hours; h += 5, ++n) {
        Millis start = hours(h) + minutes(20);
        Millis length = minutes(25 + (n * 7) % 25);  // 25 to 49 minutes: long enough, often, for the offline banner
        plan.push_back({start, start + length, faults[n % std::size(faults)]});
    }
    return plan;
}

std::optional<Settings> parse(int argc, char** argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--hours" && i + 1 < argc) s.hours = std::atoi(argv[++i]);
        else if (a == "--size" && i + 1 < argc) {
            auto size = parse_size(argv[++i]);
            if (!size) return std::nullopt;
            s.screen = {size->width, size->height};
        } else if (a == "--no-rss-bound") s.rss_bound = false;
        else return std::nullopt;
    }
    if (s.hours < 2) return std::nullopt;
    return s;
}

}  // namespace

int main(int argc, char** argv)
{
    placard::keep_pictures_out_of_heap();  // as the kiosk does
    // Its polls run the build's fetcher, as the installed kiosk runs the package's.
    ::setenv("PLACARD_FETCH_PROGRAM", PLACARD_TEST_FETCH_PROGRAM, 0);
    auto settings = parse(argc, argv);
    if (!settings) {
        std::fprintf(stderr, "usage: placard-soak [--hours N (at least 2)] [--size WxH] [--no-rss-bound]\n");
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows as it happens, also through a pipe
    const auto real_start = std::chrono::steady_clock::now();
    sdl::Library library;
    if (!library.init(0)) {
        std::fprintf(stderr, "placard-soak: SDL could not start: %s\n", SDL_GetError());
        return 3;
    }
    auto fonts = FontSet::open();
    auto server = FeedServer::start();
    auto screen = fonts ? SoakScreen::open(settings->screen, **fonts) : Result<std::unique_ptr<SoakScreen>>(fonts.error());
    TempDir cache;
    if (!fonts || !server || !screen || cache.path.empty()) {
        std::fprintf(stderr, "placard-soak: %s\n",
                     !fonts ? fonts.error().message.c_str() : !server ? server.error().message.c_str()
                     : !screen ? screen.error().message.c_str() : "cannot make a temporary folder");
        return 3;
    }
    FeedServer& feeds = **server;
    SoakScreen& display = **screen;
    FeedKeeper keeper(feeds.url(), cache.path.string(), "");
    Rotation rotation;
    rotation.use_clock(true, Millis{0});
    std::mt19937 random(42);  // the kiosk's jitter, reproducibly
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Findings findings;

    const Millis end = hours(settings->hours);
    std::vector<FaultWindow> plan = fault_plan(settings->hours);
    std::size_t next_fault = 0;
    bool in_fault = false;
    int hour = 0, polls = 0, failed = 0, accepted = 0;
    Millis next_hour{0}, next_poll{0}, sim{0};
    Seconds interval = PollLimits::fallback;
    std::shared_ptr<const Feed> raw;
    long rss_start = 0, rss_middle = 0, rss_end = 0;
    std::vector<int> sdl_left;  // SDL allocations alive with no picture held, each hour from the second on
    int live_peak[2] = {0, 0};  // the most alive while running, in the first half and in the second
    std::size_t held_peak = 0;  // the most texture bytes the pictures held at once

    while (sim < end) {
        const Millis now = Millis(start_wall * 1000) + sim;
        const std::int64_t wall = start_wall + sim.count() / 1000;
        if (sim >= next_hour) {
            // Every hour: what is left with no picture held, then the next feed.
            display.drop_pictures();
            if (hour >= 1) sdl_left.push_back(SDL_GetNumAllocations());
            if (hour == 1) rss_start = rss_bytes();
            if (hour == settings->hours / 2) rss_middle = rss_bytes();
            if (hour % 24 == 0 && hour > 0)
                std::printf("soak: day %d: RSS %.1f MiB, SDL allocations with no picture %d, %zu slides, %d polls (%d failed), "
                            "%.0f s so far\n",
                            hour / 24, static_cast<double>(rss_bytes()) / mib, sdl_left.back(), display.slides_built(),
                            polls, failed,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count());
            feeds.set_feed(soak_feed(hour, wall));
            ++hour;
            next_hour += hours(1);
        }
        if (next_fault < plan.size() && sim >= (in_fault ? plan[next_fault].end : plan[next_fault].start)) {
            in_fault = !in_fault;
            if (auto set = feeds.set_fault(in_fault ? plan[next_fault].fault : Fault::none); !set) {
                std::fprintf(stderr, "placard-soak: %s\n", set.error().message.c_str());
                return 3;
            }
            if (!in_fault) ++next_fault;
        }
        if (sim >= next_poll) {
            Judgement j = keeper.poll(wall);
            ++polls;
            bool ok = j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged;
            FaultWindow* window = in_fault ? &plan[next_fault] : nullptr;
            if (!ok) ++failed;
            if (window && !ok) ++window->failed_polls;
            findings.check(ok || window, "a fetch failed outside a fault at hour " + std::to_string(sim.count() / 3600000)
                                             + ": " + j.reason);
            if (!in_fault && ok && next_fault > 0) plan[next_fault - 1].recovered = true;
            if (j.verdict == Verdict::accepted) {
                ++accepted;
                raw = keeper.feed();
                findings.check(raw->sequence == hour, "accepted sequence " + std::to_string(raw->sequence.value_or(-1))
                                                          + " while the server had " + std::to_string(hour));
                SlideContext context = slide_context(*raw, false, settings->screen, 0, raw->items.size());
                rotation.set_plan(std::make_shared<const Plan>(plan_slides(*raw, {"en", "fr"}, context, **fonts)), now);
            }
            interval = poll_interval(std::nullopt, raw ? raw->refresh_seconds : std::nullopt);
            next_poll = sim + (keeper.failures() > 0 ? retry_delay(keeper.failures(), interval, unit(random))
                                                     : jittered(interval, unit(random)));
            findings.check(rotation.plan() != nullptr && keeper.feed() != nullptr, "the screen lost its feed");
        }
        auto banner = staleness_banner(wall, keeper.last_success(), keeper.offline_since(), keeper.feed_fetched_at(),
                                       interval, 0);
        if (auto shown = display.set_banner(banner.value_or("")); !shown) {
            std::fprintf(stderr, "placard-soak: %s\n", shown.error().message.c_str());
            return 3;
        }
        if (in_fault && banner) plan[next_fault].banner_seen = true;
        findings.check(in_fault || !banner || (next_fault > 0 && sim < plan[next_fault - 1].end + hours(1)),
                       "the offline banner was up with no fault in the hour before");

        std::optional<SlideNow> slide = rotation.at(now);
        if (auto drawn = display.update(rotation.plan(), slide, rotation.upcoming()); !drawn) {
            std::fprintf(stderr, "placard-soak: %s\n", drawn.error().message.c_str());
            return 3;
        }
        // SDL objects alive while the slides run: textures, surfaces and glyph caches.
        int& peak = sim < end / 2 ? live_peak[0] : live_peak[1];
        peak = std::max(peak, SDL_GetNumAllocations());
        held_peak = std::max(held_peak, display.held_texture_bytes());
        // The next moment anything happens: a fade or count-up frame (a few
        // per transition, not 60 a second), a slide's end, a poll, a fault, the hour.
        Millis next = std::min({next_hour, next_poll, end});
        if (next_fault < plan.size()) next = std::min(next, in_fault ? plan[next_fault].end : plan[next_fault].start);
        bool moving = slide && (slide->fade < 1.0 || (rotation.plan()->slides[slide->item].item().kind == ItemKind::tally
                                                      && slide->elapsed < Millis{1200}));
        if (moving) next = std::min(next, sim + Millis{350});
        else if (auto change = rotation.next_change(now)) next = std::min(next, *change - Millis(start_wall * 1000));
        sim = std::max(next, sim + Millis{1});
    }
    display.drop_pictures();
    rss_end = rss_bytes();
    sdl_left.push_back(SDL_GetNumAllocations());

    double real = std::chrono::duration<double>(std::chrono::steady_clock::now() - real_start).count();
    std::printf("soak: %d simulated hours in %.0f s: %zu slides built, %zu frames, %zu count-up steps, %d polls "
                "(%d accepted, %d failed), %llu requests served\n",
                settings->hours, real, display.slides_built(), display.frames(), display.retexts(), polls,
                accepted, failed, static_cast<unsigned long long>(feeds.requests()));
    std::printf("soak: RSS at hour 1 %.1f MiB, at hour %d %.1f MiB, at the end %.1f MiB\n", static_cast<double>(rss_start) / mib,
                settings->hours / 2, static_cast<double>(rss_middle) / mib, static_cast<double>(rss_end) / mib);
    std::printf("soak: SDL allocations with no picture held: %d at hour 1, at most %d, %d at the end; while running, "
                "at most %d in the first half, %d in the second; textures held at most %.1f MiB\n",
                sdl_left.front(), *std::max_element(sdl_left.begin(), sdl_left.end()), sdl_left.back(), live_peak[0],
                live_peak[1], static_cast<double>(held_peak) / mib);
    for (const FaultWindow& w : plan)
        if (w.start < end)
            std::printf("soak: fault at %4.1f h for %2lld min, %-18s %2d failed polls, %s, %s\n",
                        static_cast<double>(w.start.count()) / 3.6e6, static_cast<long long>((w.end - w.start).count() / 60000),
                        to_string(w.fault), w.failed_polls, w.banner_seen ? "offline note shown" : "no offline note", w.recovered ? "recovered" : "NOT recovered");

    // Memory: flat from the middle on. The bound allows for the allocator's
    // fragmentation, not for growth with the hours.
    long allowance = std::max(rss_middle / 10, 4L * 1024 * 1024);
    if (settings->rss_bound)
        findings.check(rss_end <= rss_middle + allowance, "RSS grew from the middle to the end by more than "
                                                              + std::to_string(allowance / 1024) + " KiB");
    // Textures and surfaces: what SDL holds with no picture must not grow with the hours.
    findings.check(sdl_left.back() <= sdl_left.front(), "SDL objects were left over: " + std::to_string(sdl_left.back())
                                                            + " allocations at the end, " + std::to_string(sdl_left.front())
                                                            + " at hour 1");
    // While running: bounded, the second half no higher than the first but
    // for a few glyph-cache entries, as each hour's words differ. Only when the
    // first half saw every feed shape: a shorter run has nothing to compare.
    findings.check(settings->hours < 2 * feed_shapes || live_peak[1] <= live_peak[0] + 16, "SDL objects alive while running grew from " + std::to_string(live_peak[0])
                                                          + " in the first half to " + std::to_string(live_peak[1]));
    for (const FaultWindow& w : plan)
        if (w.end + hours(1) <= end) findings.check(w.recovered, std::string("no recovery after ") + to_string(w.fault));
    findings.check(keeper.fetches().size() <= 10000, "the fetch log is unbounded");
    findings.check(accepted >= settings->hours * 2 / 3, "too few feeds accepted: " + std::to_string(accepted));
    for (const std::string& f : findings.failures) std::fprintf(stderr, "soak: FAILED: %s\n", f.c_str());
    std::printf("soak: %s\n", findings.failures.empty() ? "passed" : "failed");
    return findings.failures.empty() ? 0 : 1;
}
