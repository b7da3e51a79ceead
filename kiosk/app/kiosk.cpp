#include "app/kiosk_loop.h"

namespace placard {

double monotonic_seconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

namespace kiosk_detail {

// Starts planning a feed for this screen; what is on screen stays until the
// plan is complete (plan_some puts it up).
void Kiosk::show_feed(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures)
{
    raw_feed_ = std::move(feed);
    if (pictures) pictures_ = std::move(pictures);
    planned_for_ = transform().logical();
    SlideContext context = slide_context(*raw_feed_, source_.demo, planned_for_, 0, raw_feed_->items.size(), look());
    planner_.emplace(raw_feed_, config_.languages, pictures_ ? *pictures_ : Pictures{});
    fit_.emplace(context, measure_);
    provisional_ = false;  // what is on screen, if anything, is not this feed's beginning
    plan_stats_ = {};
}

// Plans items until a slice's time is used; returns whether planning goes on.
// The first slides of a feed go on screen at once when nothing else is there
// to show, and the whole plan replaces them at the next slide boundary.
bool Kiosk::plan_some(Millis now)
{
    if (!planner_) return false;
    auto start = std::chrono::steady_clock::now();
    double cpu0 = thread_cpu_seconds();
    do {
        planner_->plan_next(*fit_);
    } while (!planner_->done() && std::chrono::steady_clock::now() - start < planning_slice);
    plan_stats_.milliseconds += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    plan_stats_.cpu_seconds += thread_cpu_seconds() - cpu0;
    ++plan_stats_.slices;
    if (planner_->done()) {
        plan_stats_.items = planner_->items_total();
        plan_stats_.slides = planner_->planned().slides.size();
        stats_.planned(plan_stats_);
        auto planned = std::make_shared<const Plan>(planner_->take());
        if (provisional_) rotation_.extend_plan(std::move(planned), now);
        else rotation_.set_plan(std::move(planned), now);
        provisional_ = false;
        planner_.reset();
        fit_.reset();
        dirty_ = true;
        return false;
    }
    if (!rotation_.plan() && !planner_->planned().slides.empty()) {
        rotation_.set_plan(std::make_shared<const Plan>(planner_->planned()), now);
        provisional_ = true;
        dirty_ = true;
    }
    return true;
}

void Kiosk::check_clock()
{
    using namespace std::chrono;
    if (!raw_feed_) return;
    std::int64_t wall_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    bool trusted = clock_is_plausible(wall_ms / 1000, *raw_feed_);
    // sync only decides whether the rotation runs on UTC (screens in step); a
    // trusted wall clock decides validity windows either way.
    Millis wall_offset = Millis(wall_ms) - now();
    Millis offset = trusted && config_.sync ? wall_offset : Millis{0};
    // Follow the wall clock when it is first trusted or is stepped (NTP after
    // boot), not for every millisecond of jitter between the two clocks.
    if (trusted == wall_trusted_ && std::chrono::abs(wall_offset - wall_offset_) < Millis{1000}) return;
    wall_trusted_ = trusted;
    wall_offset_ = wall_offset;
    clock_offset_ = offset;
    rotation_.use_clock(trusted && config_.sync, trusted ? std::optional<Millis>(wall_offset - offset) : std::nullopt);
    dirty_ = true;
}

void Kiosk::take_new_feed()
{
    if (!poller_) return;
    PollSnapshot snap = poller_->snapshot();
    if (snap.generation != last_snapshot_.generation && snap.feed) {
        // Planned first; then lands at the next slide boundary (urgent items interrupt at once).
        show_feed(snap.feed, snap.pictures);
    }
    last_snapshot_ = std::move(snap);
}

void Kiosk::handle(const SDL_Event& event, bool& quit)
{
    switch (event.type) {
    case SDL_QUIT: quit = true; break;
    case SDL_KEYUP:
        if (event.key.keysym.sym == SDLK_PAGEDOWN) page_down_held(event.key);
        break;
    case SDL_KEYDOWN:
        if (event.key.keysym.sym == SDLK_PAGEDOWN) page_down_held(event.key);
        if (event.key.repeat) break;  // a key held down moves one slide, not one per repeat
        switch (event.key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_q: quit = true; break;
        case SDLK_RIGHT:
        case SDLK_PAGEDOWN: rotation_.next(shared_now()); break;
        case SDLK_LEFT:
        case SDLK_PAGEUP: rotation_.previous(shared_now()); break;
        case SDLK_SPACE: rotation_.toggle_pause(shared_now()); break;
        case SDLK_d:
        case SDLK_F1: toggle_diagnostics(); break;
        default: break;
        }
        dirty_ = true;
        break;
    case SDL_WINDOWEVENT:
        // The next frame re-reads the output size; a new size lays the slide out again.
        if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || event.window.event == SDL_WINDOWEVENT_EXPOSED)
            dirty_ = true;
        break;
    case SDL_DISPLAYEVENT:
        // An HDMI cable unplugged, or plugged into another TV: same as a resize.
        std::fprintf(stderr, "placard: display %u %s\n", event.display.display,
                     event.display.event == SDL_DISPLAYEVENT_CONNECTED      ? "connected"
                     : event.display.event == SDL_DISPLAYEVENT_DISCONNECTED ? "disconnected"
                                                                            : "changed");
        dirty_ = true;
        break;
    case SDL_RENDER_TARGETS_RESET:
        // Texture contents may be gone: rebuild them from the layouts.
        drop_pictures();
        break;
    case SDL_RENDER_DEVICE_RESET:
        // The GPU context itself is gone: the textures go first (the old
        // renderer would free them behind our back), then the renderer.
        drop_pictures();
        if (auto made = display_.recreate_renderer(); !made) {
            std::fprintf(stderr, "placard: after a GPU reset, %s\n", made.error().message.c_str());
            exit_code_ = 3;  // the service restarts us with a fresh display
            quit = true;
        }
        break;
    default: break;
    }
}

int Kiosk::run(std::optional<Millis> run_for, double started_at)
{
    bool quit = false;
    bool first = true;
    std::optional<long long> last_progress_step;
    bool faded_last_frame = false;
    auto busy_since = std::chrono::steady_clock::now();  // when the loop last stopped to wait for events
    while (!quit) {
        Millis mono = now();
        auto frame_start = std::chrono::steady_clock::now();
        if (run_for && mono >= *run_for) break;
        check_clock();
        Millis t0 = mono + clock_offset_;
        double cpu0 = process_cpu_seconds();
        ScreenTransform t = transform();
        take_new_feed();
        if (raw_feed_ && (t.logical().width != planned_for_.width || t.logical().height != planned_for_.height))
            show_feed(raw_feed_, pictures_);  // the screen changed shape: pages and sizes change with it
        // A screen with nothing on it gets its first slides planned before anything else.
        if (planner_ && !rotation_.plan()) plan_some(t0);
        refresh_banner(t);
        refresh_status();
        refresh_overlay(t);
        std::optional<SlideNow> slide = rotation_.at(t0);
        fleet_turn(slide, t);
        // At most one costly step a turn (rasterising a slide, a slice of
        // planning, preparing the next slide), so that events and the
        // watchdog wait for no more than one of them.
        bool busy = refresh_pictures(slide, t);
        bool fading = slide && slide->fade < 1.0 && config_.transition != Transition::none;
        bool counting = count_up(slide);
        // A number counting up after its slide has faded in: only its area.
        // The diagnostics overlay lies over the slide: while it is up, frames are drawn whole.
        bool count_only = counting && !fading && !dirty_ && !first && !overlay_ && count_area_ && current_
                          && current_->composed() && display_.presents_areas();
        if (count_only) {
            draw_area(*count_area_, t);
            count_area_.reset();
            stats_.area_frame();
            stats_.frame(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count(),
                         true, process_cpu_seconds() - cpu0);
        }
        // The frame after a fade is drawn whole: the fade's steps end near, not at, the new slide.
        if (!fading && faded_last_frame) dirty_ = true;
        faded_last_frame = fading;
        fading = fading || counting;
        std::optional<long long> step;
        if (slide) step = slide->elapsed / progress_step;
        bool step_only = !dirty_ && !fading && !first && !overlay_ && current_ && display_.presents_areas();
        if (step_only && step != last_progress_step) {
            // A slide standing: its progress bar moves a step, and only that is drawn and sent.
            current_->draw_progress(display_.renderer(), theme_, t, progress_at(slide));
            display_.present_area(t.map(current_->layout().progress));
            last_progress_step = step;
            stats_.area_frame();
            stats_.frame(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count(),
                         false, process_cpu_seconds() - cpu0);
        } else if (!count_only && (dirty_ || fading || step != last_progress_step)) {
            draw(slide, t);
            dirty_ = false;
            last_progress_step = step;
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count();
            // The first frame is start-up (fonts, the first slide's text) and is
            // reported as first_frame_ms; frame times are the frames after it.
            if (first) {
                if (planner_) stats_.first_frame_plan(planner_->items_planned(), planner_->items_total());
                else if (raw_feed_) stats_.first_frame_plan(raw_feed_->items.size(), raw_feed_->items.size());
                stats_.first_frame((monotonic_seconds() - started_at) * 1000.0, process_cpu_seconds());
                watchdog_.ready();
                first = false;
            } else {
                stats_.frame(ms, fading, process_cpu_seconds() - cpu0);
            }
        }
        if (!fading && outgoing_) outgoing_.reset();  // free the old slide's textures once it is gone
        // Planning and the next slide wait while a transition plays.
        if (!fading && !busy && planner_) {
            plan_some(t0);
            busy = true;
        }
        if (!fading && !busy) busy = prepare_upcoming(t);  // rasterised now, not during its transition
        // After a costly step, look again at once (events first) for the next one.
        bool more = busy || planner_.has_value() || dirty_;

        // Sleep until the next thing that changes the picture, or an event.
        Millis wake = t0 + (fading ? frame_interval() : more ? Millis{0} : Millis{60000});
        if (!fading) {
            if (auto change = rotation_.next_change(t0)) wake = std::min(wake, *change);
            if (slide) wake = std::min(wake, t0 - slide->elapsed + (slide->elapsed / progress_step + 1) * progress_step);
        }
        if (run_for) wake = std::min(wake, *run_for + clock_offset_);
        if (auto fleet = fleet_wake()) wake = std::min(wake, *fleet + clock_offset_);
        // The loop that draws is the loop that pings: a hung loop gets restarted.
        if (auto ping = watchdog_.kick(mono)) wake = std::min(wake, *ping + clock_offset_);
        Millis timeout = std::max(Millis{0}, wake - shared_now());
        if (!first) stats_.loop_busy(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - busy_since).count());
        SDL_Event event;
        if (timeout.count() == 0 ? SDL_PollEvent(&event) != 0
                                 : SDL_WaitEventTimeout(&event, static_cast<int>(std::min<long long>(timeout.count(), 1000000))) != 0) {
            handle(event, quit);
            while (SDL_PollEvent(&event)) handle(event, quit);
        }
        busy_since = std::chrono::steady_clock::now();
        if (planner_) ++plan_stats_.loop_waits;
    }
    return exit_code_;
}

}  // namespace kiosk_detail

using kiosk_detail::Kiosk;


int run_kiosk(const Config& config, const FeedSource& feed, const Options& options, double started_at)
{
    sdl::Library library;
    if (!library.init(SDL_INIT_EVENTS)) {
        std::fprintf(stderr, "placard: cannot start SDL: %s\n", SDL_GetError());
        return 3;
    }
    auto display = Display::open(config, video_environment());
    if (!display) {
        std::fprintf(stderr, "placard: %s\n", display.error().message.c_str());
        return 3;
    }
    auto fonts = FontSet::open();
    if (!fonts) {
        std::fprintf(stderr, "placard: %s\n", fonts.error().message.c_str());
        return 3;
    }
    RunStats stats;
    std::optional<Millis> run_for;
    if (options.run_for_seconds) run_for = Millis(static_cast<long long>(*options.run_for_seconds * 1000));
    Kiosk kiosk(**display, **fonts, config, feed, stats);
    int code = kiosk.run(run_for, started_at);
    kiosk.describe_state(stats);
    if (const auto* fetches = kiosk.fetches()) {
        for (const FetchRecord& f : *fetches) stats.fetch(f.at, f.status, f.bytes, f.not_modified, f.verdict, f.error);
    }
    if (!options.stats_path.empty()) {
        stats.note("video_driver", (*display)->driver());
        stats.note("renderer", (*display)->renderer_name());
        stats.note("feed", feed.name);
        auto written = stats.write(options.stats_path, monotonic_seconds() - started_at);
        if (!written) {
            std::fprintf(stderr, "placard: %s\n", written.error().message.c_str());
            return 3;
        }
    }
    return code;
}

}  // namespace placard
