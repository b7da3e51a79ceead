#include "app/kiosk_loop.h"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace placard {

// A function that wakes the render loop from another thread.
std::function<void()> wake_event()
{
    Uint32 event = SDL_RegisterEvents(1);
    return [event] {
        SDL_Event e{};
        e.type = event;
        SDL_PushEvent(&e);  // thread-safe
    };
}

double monotonic_seconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

namespace kiosk_detail {

Kiosk::Kiosk(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats)
    : display_(display), config_(config), stats_(stats), clock_(config.sync),
      status_(display, fonts, config, source, stats, clock_),
      slides_(display, fonts, config, source.demo, stats, rotation_, status_, clock_),
      planning_(fonts, config, source.demo, rotation_, stats), console_(ConsoleWatch::of_kiosk(display.driver())),
      tv_(config.tv, wake_event()), fleet_(display, fonts, config, source, stats, clock_, tv_)
{
    // The cached or fixed feed is on screen in the first frame, before any
    // network attempt. With no feed configured, the set-up card comes round
    // every other slide of the demo.
    if (source.feed && source.demo) show_feed(std::make_shared<const Feed>(with_first_run_card(*source.feed)), nullptr);
    else if (source.feed) show_feed(source.feed, nullptr);
    else if (source.remote && source.remote->feed()) show_feed(source.remote->feed(), source.remote->pictures());
    // The clock is judged first, so that items out of their window never
    // reach the first slide.
    check_clock();
    // Its first slides are planned before the poller starts, so a fetch can
    // never overtake the cache to the first frame.
    if (planning_.under_way() && planning_.plan_some(clock_.shared_now())) dirty_ = true;
    if (source.remote) {
        Uint32 wake_event = SDL_RegisterEvents(1);
        poller_.emplace(*source.remote, config.poll_seconds, [wake_event] {
            SDL_Event e{};
            e.type = wake_event;
            SDL_PushEvent(&e);  // thread-safe: wakes the render loop
        });
    }
    if (display.driver() == "kmsdrm") {
        outputs_event_ = SDL_RegisterEvents(1);
        outputs_.emplace([event = outputs_event_] {
            SDL_Event e{};
            e.type = event;
            SDL_PushEvent(&e);
        });
    }
    fleet_.start();
}

void Kiosk::describe_state(RunStats& stats) const
{
    stats.note("state_showing", describe_showing(rotation_.plan() ? rotation_.plan()->feed.get() : nullptr));
    status_.describe_state(stats);
    if (poller_ && last_snapshot_.last_success)
        stats.note("state_last_success_unix", std::to_string(*last_snapshot_.last_success));
    if (poller_ && last_snapshot_.offline_since)
        stats.note("state_offline_since_unix", std::to_string(*last_snapshot_.offline_since));
}

// Starts planning a feed for this screen; what is on screen stays until the
// plan is complete.
void Kiosk::show_feed(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures)
{
    planning_.start(std::move(feed), std::move(pictures), transform().logical(), slides_.look());
}

void Kiosk::take_new_feed(Millis now)
{
    if (!poller_) return;
    PollSnapshot snap = poller_->snapshot();
    if (snap.generation != last_snapshot_.generation && snap.feed) {
        // An item taken out of the feed, or withdrawn, leaves the screen now,
        // not once the new feed is planned or its slide's time is up.
        auto ids = std::make_shared<ItemIds>();
        for (const Item& item : snap.feed->items) ids->insert(item.id);
        rotation_.keep_only(std::move(ids), now);
        dirty_ = true;
        // Planned first; then lands at the next slide boundary (urgent items
        // interrupt at once), the slide on screen waiting for it if its time is up.
        show_feed(snap.feed, snap.pictures);
        rotation_.await_plan(now);
    }
    last_snapshot_ = std::move(snap);
}

void Kiosk::check_clock()
{
    const Feed* feed = planning_.received();
    if (!feed || !clock_.judge(*feed)) return;
    rotation_.use_clock(clock_.on_utc(), clock_.to_utc());
    dirty_ = true;
}

namespace {

// Ctrl+Alt+F1 to F12: the VT they show on a Linux console; 0 for other keys.
int console_keys(const SDL_Keysym& key)
{
    if (!(key.mod & KMOD_CTRL) || !(key.mod & KMOD_ALT)) return 0;
    if (key.sym < SDLK_F1 || key.sym > SDLK_F12) return 0;
    return static_cast<int>(key.sym - SDLK_F1) + 1;
}

}  // namespace

void Kiosk::handle(const SDL_Event& event, bool& quit)
{
    if (outputs_event_ != 0 && event.type == outputs_event_) {
        outputs_changed();
        if (exit_code_ != 0) quit = true;
        return;
    }
    switch (event.type) {
    case SDL_QUIT: quit = true; break;
    case SDL_KEYUP:
        if (event.key.keysym.sym == SDLK_PAGEDOWN && status_.page_down(event.key)) dirty_ = true;
        break;
    case SDL_KEYDOWN:
        if (event.key.keysym.sym == SDLK_PAGEDOWN && status_.page_down(event.key)) dirty_ = true;
        if (event.key.repeat) break;  // a key held down moves one slide, not one per repeat
        if (int vt = console_keys(event.key.keysym); vt > 0) {
            if (!console_.show(vt)) std::fprintf(stderr, "placard: Ctrl+Alt+F%d: the console did not switch\n", vt);
            break;
        }
        switch (event.key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_q: quit = true; break;
        case SDLK_RIGHT:
        case SDLK_PAGEDOWN: rotation_.next(clock_.shared_now()); break;
        case SDLK_LEFT:
        case SDLK_PAGEUP: rotation_.previous(clock_.shared_now()); break;
        case SDLK_SPACE: rotation_.toggle_pause(clock_.shared_now()); break;
        case SDLK_d:
        case SDLK_F1: status_.toggle_diagnostics(); break;
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

void Kiosk::drop_pictures()
{
    slides_.drop_pictures();
    status_.drop_pictures();
    fleet_.drop_pictures();
    dirty_ = true;
}

// A screen connected again (a TV switched off and on, its HDMI cable back):
// SDL2's KMSDRM driver does not set the mode again by itself, so the video
// is started again and the next frame drawn whole, within a second of the
// change. A screen gone is only noted: the picture stays set up for it.
void Kiosk::outputs_changed()
{
    if (!display_.needs_reopening(config_)) {
        std::fprintf(stderr, "placard: the screen's outputs changed: %s\n", outputs_state(read_drm_cards()).c_str());
        return;
    }
    drop_pictures();
    if (auto made = display_.reopen(config_, video_environment()); !made) {
        std::fprintf(stderr, "placard: a screen was connected again, but %s\n", made.error().message.c_str());
        exit_code_ = 3;  // the service restarts us, to wait for the screen
        return;
    }
    std::fprintf(stderr, "placard: a screen is connected again: mode set on %s\n", display_.card().c_str());
    dirty_ = true;
}

int Kiosk::run(std::optional<Millis> run_for, double started_at)
{
    Frames frames;
    frames.started_at = started_at;
    bool quit = false;
    while (!quit) {
        Turn turn;
        turn.mono = clock_.now();
        if (run_for && turn.mono >= *run_for) break;
        // Ctrl+Alt+F2: the screen is given back (SDL and the DRM master
        // released as on SIGTERM), and systemd starts the kiosk again, to
        // wait for its own VT.
        if (auto away = console_.moved_away(turn.mono)) {
            std::fprintf(stderr, "placard: %s\n", console_left_message(*away).c_str());
            break;
        }
        begin_turn(turn);
        // At most one costly step a turn (rasterising a slide, a slice of
        // planning, preparing the next slide), so that events and the
        // watchdog wait for no more than one of them.
        auto shown = slides_.show(turn.slide, turn.t);
        if (shown.redraw) dirty_ = true;
        bool moving = draw_turn(turn, frames);
        bool busy = moving ? shown.rasterised : work_ahead(turn, shown.rasterised);
        // After a costly step, look again at once (events first) for the next one.
        bool more = busy || planning_.under_way() || dirty_;
        quit = wait_for_events(next_wake(turn, moving, more, run_for), frames);
    }
    return exit_code_;
}

// The clock judged, a new feed taken, the layers over the slides and the
// fleet brought up to date, and the slide due now.
void Kiosk::begin_turn(Turn& turn)
{
    check_clock();
    turn.now = turn.mono + clock_.offset();
    turn.t = transform();
    take_new_feed(turn.now);
    planning_.follow_screen(turn.t.logical(), slides_.look());
    // A screen with nothing on it gets its first slides planned before anything else.
    if (planning_.under_way() && !rotation_.plan() && planning_.plan_some(turn.now)) dirty_ = true;
    turn.slide = rotation_.at(turn.now);
    const Plan* plan = rotation_.plan();
    std::string language = turn.slide && plan ? slide_language_of(plan->slides[turn.slide->item], *plan->feed) : "en";
    const TvControl::Report tv = tv_.report();
    if (tv.black != black_) {
        black_ = tv.black;
        dirty_ = true;
    }
    status_.set_tv(std::string(to_string(tv.power)) + " \u00B7 " + tv.detail);
    if (status_.refresh(view(), turn.t, language)) dirty_ = true;
    if (fleet_.turn(turn.slide, turn.t, view(), poller_ ? &*poller_ : nullptr, status_.banner_text())) dirty_ = true;
}

// Draws what changed: a counting number's area, the progress bar's step, or a
// whole frame. Returns whether the picture is moving (a transition or a count).
bool Kiosk::draw_turn(const Turn& turn, Frames& frames)
{
    bool fading = !black_ && slides_.fading(turn.slide);
    bool counting = !black_ && slides_.count_up(turn.slide);
    // A number counting up after its slide has faded in: only its area.
    // The diagnostics overlay lies over the slide: while it is up, frames are drawn whole.
    bool count_only = counting && !fading && !dirty_ && !frames.first && !status_.overlay() && slides_.can_draw_count();
    if (count_only) {
        slides_.draw_count(turn.t);
        stats_.area_frame();
        stats_.frame(turn.milliseconds(), true, turn.cpu_seconds());
    }
    // The frame after a fade is drawn whole: the fade's steps end near, not at, the new slide.
    if (!fading && frames.faded) dirty_ = true;
    frames.faded = fading;
    bool moving = fading || counting;
    std::optional<long long> step;
    if (turn.slide) step = turn.slide->elapsed / SlideShow::progress_step;
    if (black_) step.reset();  // black stands still
    bool step_only = !dirty_ && !moving && !frames.first && !status_.overlay() && slides_.can_draw_progress();
    if (step_only && step != frames.progress_step) {
        // A slide standing: its progress bar moves a step, and only that is drawn and sent.
        slides_.draw_progress(turn.slide, turn.t);
        frames.progress_step = step;
        stats_.area_frame();
        stats_.frame(turn.milliseconds(), false, turn.cpu_seconds());
    } else if (!count_only && (dirty_ || moving || step != frames.progress_step)) {
        draw(turn.slide, turn.t);
        dirty_ = false;
        frames.progress_step = step;
        // The first frame is start-up (fonts, the first slide's text) and is
        // reported as first_frame_ms; frame times are the frames after it.
        if (frames.first) {
            planning_.report_first_frame();
            stats_.first_frame((monotonic_seconds() - frames.started_at) * 1000.0, process_cpu_seconds());
            watchdog_.ready();
            frames.first = false;
        } else {
            stats_.frame(turn.milliseconds(), moving, turn.cpu_seconds());
        }
    }
    return moving;
}

// A whole frame, sent whole; or a step of a crossfade, sent as the areas it changed.
void Kiosk::draw(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    if (black_) {
        // The schedule's off hours on a TV that may not have obeyed Standby: no slide to burn in.
        SDL_SetRenderDrawColor(display_.renderer(), 0, 0, 0, 255);
        SDL_RenderClear(display_.renderer());
        fleet_.draw(display_.renderer(), t, slides_.theme());
        SDL_RenderPresent(display_.renderer());
        return;
    }
    if (!dirty_ && !status_.overlay() && slides_.draw_fade_step(slide, t)) return;
    slides_.draw(slide, t);
    fleet_.draw(display_.renderer(), t, slides_.theme());
    SDL_RenderPresent(display_.renderer());
}

// While nothing moves, the old slide's textures go, and when this turn took no
// costly step, a slice of planning or the next slide takes one. Returns
// whether one was taken.
bool Kiosk::work_ahead(const Turn& turn, bool busy)
{
    // Fonts stay open while a plan is made in slices: each slice measures text.
    slides_.rest(!planning_.under_way());
    if (busy) return true;
    if (planning_.under_way()) {
        if (planning_.plan_some(turn.now)) dirty_ = true;
        return true;
    }
    return slides_.prepare_upcoming(turn.t, turn.now);  // rasterised now, not during its transition
}

// The next thing that changes the picture, on the rotation's time.
Millis Kiosk::next_wake(const Turn& turn, bool moving, bool more, std::optional<Millis> run_for)
{
    Millis wake = turn.now + (moving ? frame_interval() : more ? Millis{0} : Millis{60000});
    if (!moving) {
        if (auto change = rotation_.next_change(turn.now)) wake = std::min(wake, *change);
        if (const auto& s = turn.slide)
            wake = std::min(wake, turn.now - s->elapsed + (s->elapsed / SlideShow::progress_step + 1) * SlideShow::progress_step);
    }
    if (run_for) wake = std::min(wake, *run_for + clock_.offset());
    if (auto fleet = fleet_.wake()) wake = std::min(wake, *fleet + clock_.offset());
    if (auto console = console_.next_read()) wake = std::min(wake, *console + clock_.offset());
    // The loop that draws is the loop that pings: a hung loop gets restarted.
    if (auto ping = watchdog_.kick(turn.mono)) wake = std::min(wake, *ping + clock_.offset());
    return wake;
}

// Sleeps until wake or an event, and handles the events. Returns whether to quit.
bool Kiosk::wait_for_events(Millis wake, Frames& frames)
{
    Millis timeout = std::max(Millis{0}, wake - clock_.shared_now());
    if (!frames.first)
        stats_.loop_busy(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frames.busy_since).count());
    bool quit = false;
    SDL_Event event;
    if (timeout.count() == 0 ? SDL_PollEvent(&event) != 0
                             : SDL_WaitEventTimeout(&event, static_cast<int>(std::min<long long>(timeout.count(), 1000000))) != 0) {
        handle(event, quit);
        while (SDL_PollEvent(&event)) handle(event, quit);
    }
    frames.busy_since = std::chrono::steady_clock::now();
    planning_.count_wait();
    return quit;
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
    // On the console, while another VT is shown (an organiser's login on
    // tty2), the kiosk waits for its own before taking the screen; SIGTERM
    // ends the wait.
    const VideoEnvironment env = video_environment();
    Watchdog waiting;
    if (!wait_for_own_console(ConsoleWatch::of_kiosk(video_drivers_to_try(config, env).front()), waiting,
                              [] { return SDL_QuitRequested(); }))
        return 0;
    // Started with no screen connected (a TV off at the wall, a cable not yet
    // in), it waits here rather than failing in a restart loop.
    // systemd would otherwise give up on the start (TimeoutStartSec=) and kill it.
    bool waited = false;
    auto screen = wait_for_screen(
        config, env,
        [&](const std::string& why) {
            waiting.ready("waiting for a screen: " + why);
            waited = true;
        },
        [&waiting] { waiting.kick(Millis(static_cast<long long>(monotonic_seconds() * 1000))); },
        [] { return SDL_QuitRequested(); });
    if (!screen) return 0;
    if (waited) waiting.status("");
    auto display = Display::open(config, env);
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
