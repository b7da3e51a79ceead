// bench_core: how long the pure core and the slide rasteriser take, with the
// real fonts. Prints one JSON object; platform/bench/bench.sh puts it in tests/bench/RESULTS.md.
// A benchmark, not a test: it reports numbers and asserts nothing about them.
// Every time is CPU milliseconds of the measuring thread.
//
//   bench_core [--parse-runs N] [--layout-rounds N] [--raster-rounds N] [--plan FEED]... [--screen WxH]
//
// parse:  a generated feed of FeedLimits::max_items items through parse_feed
//         (parse, validate, sanitise), N times.
// layout: the demo feed planned for 1920x1080, then every slide laid out, N rounds.
// plan:   each feed named with --plan, planned for 1920x1080 an item at a time
//         as the kiosk does (a fresh measurement cache per feed): the whole
//         feed's CPU time and the slowest single item.
// raster: every demo slide built into textures (SlidePicture::build) and
//         composed into one picture with SDL's software renderer, then each
//         crossfade between them timed two ways: every line of both slides
//         blended each frame (as before slides were composed), and the new
//         picture blended once a frame over the bands where they differ, at
//         60 and at 30 frames a second; N rounds. --screen WxH (default
//         1920x1080) for other screens.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/files.h"
#include "core/layout/bands.h"
#include "core/feed/feed_parse.h"
#include "core/text/measure_cache.h"
#include "core/layout/slide_fit.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/painter.h"
#include "render/sdl.h"

namespace {

using namespace placard;
// CPU time of this thread, not wall time: the machines this runs on are shared,
// and another process's work must not count as ours.
double cpu_ms()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double ms_since(double start) { return cpu_ms() - start; }

nlohmann::json summary(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))]; };
    return {{"min", ms.front()}, {"median", at(0.5)}, {"p90", at(0.9)}, {"max", ms.back()}, {"runs", ms.size()}};
}

// A feed as large as a feed may be in items, with every kind of item and the
// fields organisers use: quotes of varied length, HTML bodies, translations,
// validity windows, tallies with breakdowns. Deterministic, so runs compare.
std::string generated_feed()
{
    static constexpr std::string_view words[] = {
        "defenders", "reprisals", "council", "mechanisms", "civil", "society", "States", "visit", "mandate",
        "protection", "intimidation", "cooperation", "access", "rights", "urgent", "report", "Geneva", "accountability"};
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t i = 0; i < FeedLimits::max_items; ++i) {
        std::string text;
        for (std::size_t w = 0; w < 20 + (i * 7) % 60; ++w) {
            if (w) text += ' ';
            text += words[(i * 31 + w * 17) % std::size(words)];
        }
        text += '.';
        std::string id = "item-" + std::to_string(i);
        nlohmann::json item = {{"id", id}, {"date_published", "2026-03-02T09:00:00Z"}};
        switch (i % 4) {
        case 0:
            item["content_text"] = text;
            item["authors"] = {{{"name", "Speaker " + std::to_string(i)}}};
            item["_placard"] = {{"role", "Director"}, {"organisation", "ISHR"}, {"translations", {{{"language", "fr"}, {"content_text", text}}}}};
            break;
        case 1:
            item["content_html"] = "<p>" + text + " <em>Emphasis</em> &amp; <a href=\"https://example.org\">a link</a></p>";
            item["url"] = "https://example.org/statements/" + id;
            item["_placard"] = {{"starts_at", "2026-03-02T09:00:00Z"}, {"expires_at", "2026-03-03T09:00:00Z"}};
            break;
        case 2:
            item["title"] = "States that have not accepted a visit";
            item["content_text"] = text;
            item["_placard"] = {{"kind", "tally"}, {"value", static_cast<int>(i % 200)}, {"approximate", true},
                                {"as_of", "2026-03-01"}, {"source", "UN Special Procedures"},
                                {"breakdown", {{{"label", "Africa"}, {"value", 12}}, {{"label", "Asia"}, {"value", 9}}}}};
            break;
        default:
            item["summary"] = text;
            item["_placard"] = {{"kind", "notice"}, {"priority", i % 8 == 3 ? "pinned" : "normal"}, {"duration_seconds", 20}};
            break;
        }
        items.push_back(std::move(item));
    }
    nlohmann::json feed = {{"version", "https://jsonfeed.org/version/1.1"},
                           {"title", "Benchmark feed"},
                           {"language", "en"},
                           {"_placard", {{"sequence", 1}, {"generated_at", "2026-03-02T09:00:00Z"}, {"refresh_seconds", 60},
                                         {"event", {{"name", "Benchmark"}, {"hashtag", "#Bench"}}}}},
                           {"items", std::move(items)}};
    return feed.dump(2);
}

nlohmann::json bench_parse(int runs)
{
    const std::string bytes = generated_feed();
    FeedCheck first = parse_feed(bytes);
    if (!first.ok()) {
        std::fprintf(stderr, "bench_core: the generated feed was refused: %s %s\n", first.errors.front().pointer.c_str(),
                     first.errors.front().message.c_str());
        std::exit(1);
    }
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        double start = cpu_ms();
        FeedCheck check = parse_feed(bytes);
        ms.push_back(ms_since(start));
        if (!check.ok()) std::exit(1);
    }
    return {{"items", first.feed->items.size()}, {"bytes", bytes.size()}, {"ms", summary(ms)}};
}

std::vector<SlideLayout> demo_layouts(FontSet& fonts, Size screen)
{
    auto demo = load_feed("");
    if (!demo) {
        std::fprintf(stderr, "bench_core: %s\n", demo.error().message.c_str());
        std::exit(1);
    }
    Plan planned = plan_slides(*demo->feed, {}, slide_context(*demo->feed, true, screen, 0, demo->feed->items.size()), fonts);
    std::vector<SlideLayout> layouts;
    for (std::size_t i = 0; i < planned.slides.size(); ++i)
        layouts.push_back(layout_slide(planned.slides[i], slide_context(*planned.feed, true, screen, i, planned.slides.size()), fonts));
    return layouts;
}

nlohmann::json bench_layout(FontSet& fonts, Size screen, int rounds)
{
    auto demo = load_feed("");
    if (!demo) std::exit(1);
    std::vector<double> plan_ms, slide_ms;
    std::size_t slides = 0;
    for (int r = 0; r < rounds; ++r) {
        double start = cpu_ms();
        Plan planned = plan_slides(*demo->feed, {}, slide_context(*demo->feed, true, screen, 0, demo->feed->items.size()), fonts);
        plan_ms.push_back(ms_since(start));
        slides = planned.slides.size();
        for (std::size_t i = 0; i < planned.slides.size(); ++i) {
            double one = cpu_ms();
            SlideLayout layout = layout_slide(planned.slides[i], slide_context(*planned.feed, true, screen, i, planned.slides.size()), fonts);
            slide_ms.push_back(ms_since(one));
            if (layout.lines.empty()) std::exit(1);
        }
    }
    return {{"slides", slides}, {"plan_feed_ms", summary(plan_ms)}, {"layout_slide_ms", summary(slide_ms)}};
}

nlohmann::json bench_raster(FontSet& fonts, Size screen, int rounds)
{
    const std::vector<SlideLayout> layouts = demo_layouts(fonts, screen);
    // The window's own format, as the kiosk draws into it.
    sdl::Surface surface(SDL_CreateRGBSurfaceWithFormat(0, screen.width, screen.height, 32, SDL_PIXELFORMAT_RGB888));
    sdl::Renderer renderer(surface ? SDL_CreateSoftwareRenderer(surface.get()) : nullptr);
    if (!renderer) {
        std::fprintf(stderr, "bench_core: no software renderer: %s\n", SDL_GetError());
        std::exit(3);
    }
    SDL_Renderer* r = renderer.get();
    const Theme theme = dark_theme();
    const ScreenTransform transform{screen, 0};
    // A crossfade's frames at 60 frames a second: Rotation::fade_time is 0.7 s.
    const int frames_60 = 42;
    std::vector<double> build_ms, compose_ms, lines_frame_ms, frame_ms, lines_fade_ms, fade_60_ms, fade_30_ms, band_share;
    std::size_t bytes = 0;
    for (int round = 0; round < rounds; ++round) {
        std::optional<SlidePicture> previous_lines, previous;
        for (const SlideLayout& layout : layouts) {
            double start = cpu_ms();
            auto lines = SlidePicture::build(r, fonts, layout);
            build_ms.push_back(ms_since(start));
            auto picture = SlidePicture::build(r, fonts, layout);
            if (!lines || !picture) std::exit(1);
            bytes = std::max(bytes, lines->texture_bytes());
            start = cpu_ms();
            if (!picture->compose(r, theme, transform, nullptr)) std::exit(1);
            compose_ms.push_back(ms_since(start));
            // Before composing: the screen cleared, every line of both slides blended, each frame.
            if (previous_lines) {
                start = cpu_ms();
                for (int f = 1; f <= frames_60; ++f) {
                    auto a = static_cast<Uint8>(255 * f / frames_60);
                    double one = cpu_ms();
                    SDL_SetRenderDrawColor(r, theme.background.r, theme.background.g, theme.background.b, 255);
                    SDL_RenderClear(r);
                    previous_lines->draw(r, theme, transform, static_cast<Uint8>(255 - a), 1.0);
                    lines->draw(r, theme, transform, a, 0.0);
                    SDL_RenderFlush(r);
                    lines_frame_ms.push_back(ms_since(one));
                }
                lines_fade_ms.push_back(ms_since(start));
            }
            // Composed: the new picture blended over the screen once a frame, in the bands alone.
            if (previous) {
                std::vector<Rect> ink = previous->ink(transform);
                for (const Rect& x : picture->ink(transform)) ink.push_back(x);
                const auto bands = covering_bands(ink, screen);
                band_share.push_back(static_cast<double>(area_of(bands)) / (static_cast<double>(screen.width) * screen.height));
                for (int rate : {60, 30}) {
                    const int frames = frames_60 * rate / 60;
                    previous->draw(r, theme, transform, 255, 1.0);
                    start = cpu_ms();
                    FadeSteps steps;
                    for (int f = 1; f <= frames; ++f) {
                        double one = cpu_ms();
                        picture->blend_areas(r, bands, static_cast<Uint8>(steps.step(static_cast<double>(f) / frames)));
                        SDL_RenderFlush(r);
                        if (rate == 60) frame_ms.push_back(ms_since(one));
                    }
                    (rate == 60 ? fade_60_ms : fade_30_ms).push_back(ms_since(start));
                }
            }
            previous_lines = std::move(*lines);
            previous = std::move(*picture);
        }
    }
    return {{"screen", std::to_string(screen.width) + "x" + std::to_string(screen.height)},
            {"build_slide_ms", summary(build_ms)},
            {"compose_slide_ms", summary(compose_ms)},
            {"crossfade_frame_ms", summary(frame_ms)},
            {"crossfade_frame_lines_ms", summary(lines_frame_ms)},
            {"crossfade_cpu_ms", {{"lines_60", summary(lines_fade_ms)}, {"composed_60", summary(fade_60_ms)},
                                  {"composed_30", summary(fade_30_ms)}}},
            {"band_share_of_screen", summary(band_share)},
            {"largest_slide_texture_bytes", bytes},
            {"composed_picture_bytes", static_cast<std::size_t>(screen.width) * screen.height * 4}};
}

nlohmann::json bench_plan(FontSet& fonts, Size screen, const std::vector<std::string>& paths)
{
    nlohmann::json out = nlohmann::json::object();
    for (const std::string& path : paths) {
        auto loaded = load_feed(path);
        if (!loaded) {
            std::fprintf(stderr, "bench_core: %s\n", loaded.error().message.c_str());
            std::exit(1);
        }
        auto feed = loaded->feed;
        SlidePlanner planner(feed, {"en", "fr"});
        MeasureCache cache(fonts);
        LayoutFit fit(slide_context(*feed, false, screen, 0, feed->items.size()), cache);
        double slowest = 0;
        double start = cpu_ms();
        while (!planner.done()) {
            double one = cpu_ms();
            planner.plan_next(fit);
            slowest = std::max(slowest, ms_since(one));
        }
        double total = ms_since(start);
        std::string name = path.substr(path.find_last_of('/') + 1);
        out[name] = {{"items", feed->items.size()}, {"slides", planner.planned().slides.size()},
                     {"plan_ms", total}, {"slowest_item_ms", slowest},
                     {"measure_cache_hits", cache.hits()}, {"measure_cache_misses", cache.misses()}};
    }
    return out;
}

int number_after(int argc, char** argv, int& i)
{
    if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_core: %s needs a number\n", argv[i]);
        std::exit(2);
    }
    int n = std::atoi(argv[++i]);
    if (n < 1) {
        std::fprintf(stderr, "bench_core: %s needs a number of at least 1\n", argv[i - 1]);
        std::exit(2);
    }
    return n;
}

}  // namespace

int main(int argc, char** argv)
{
    int parse_runs = 30, layout_rounds = 50, raster_rounds = 10;
    Size screen{1920, 1080};
    std::vector<std::string> plan_paths;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--parse-runs") parse_runs = number_after(argc, argv, i);
        else if (a == "--layout-rounds") layout_rounds = number_after(argc, argv, i);
        else if (a == "--raster-rounds") raster_rounds = number_after(argc, argv, i);
        else if (a == "--plan" && i + 1 < argc) plan_paths.emplace_back(argv[++i]);
        else if (a == "--screen" && i + 1 < argc && parse_size(argv[i + 1])) screen = *parse_size(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_core [--parse-runs N] [--layout-rounds N] [--raster-rounds N] [--plan FEED]... [--screen WxH]\n");
            return 2;
        }
    }
    sdl::Library library;
    if (!library.init(0)) {
        std::fprintf(stderr, "bench_core: SDL could not start: %s\n", SDL_GetError());
        return 3;
    }
    auto fonts = FontSet::open();
    if (!fonts) {
        std::fprintf(stderr, "bench_core: %s\n", fonts.error().message.c_str());
        return 3;
    }
    nlohmann::json report = {{"parse", bench_parse(parse_runs)},
                             {"layout", bench_layout(**fonts, screen, layout_rounds)},
                             {"raster", bench_raster(**fonts, screen, raster_rounds)}};
    if (!plan_paths.empty()) report["plan"] = bench_plan(**fonts, screen, plan_paths);
    std::printf("%s\n", report.dump(2).c_str());
    return 0;
}
