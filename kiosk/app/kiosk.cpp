#include "app/kiosk.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include "app/display.h"
#include "app/feed_keeper.h"
#include "app/poller.h"
#include "app/stats.h"
#include "app/watchdog.h"
#include "core/poll_policy.h"
#include "core/schedule.h"
#include "core/slides.h"
#include "core/theme.h"
#include "render/fonts.h"
#include "render/logo.h"
#include "render/painter.h"
#include "render/sdl.h"

namespace placard {

double monotonic_seconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

namespace {

constexpr Millis frame_interval{16};          // during a fade: about 60 frames a second
constexpr Millis progress_step{1000};         // the progress bar moves once a second, so idle stays idle
constexpr Millis count_up_time{1200};         // a tally's number counts up as it appears

// What identifies the picture of one slide: rebuilt only when this changes.
struct SlideKey {
    const Feed* feed = nullptr;
    std::size_t item = 0;
    std::size_t position = 0;
    Size screen;
    bool operator==(const SlideKey& o) const
    {
        return feed == o.feed && item == o.item && position == o.position && screen.width == o.screen.width
               && screen.height == o.screen.height;
    }
};

class Kiosk {
public:
    Kiosk(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats)
        : display_(display), fonts_(fonts), config_(config), source_(source), stats_(stats)
    {
        if (auto theme = make_theme(config.theme, config.accent)) theme_ = *theme;  // checked when the config was read
        if (!config.logo.empty()) {
            // A missing logo is the organiser's to fix, but no reason to leave the screen dark.
            auto logo = Logo::load(config.logo);
            if (logo) logo_ = std::move(*logo);
            else std::fprintf(stderr, "placard: warning: %s\n", logo.error().message.c_str());
        }
        // The cached or fixed feed is on screen in the first frame, before any network attempt.
        if (source.feed) show_feed(source.feed, Millis{0});
        else if (source.remote && source.remote->feed()) show_feed(source.remote->feed(), Millis{0});
        if (source.remote) {
            wake_event_ = SDL_RegisterEvents(1);
            poller_.emplace(*source.remote, config.poll_seconds, [type = wake_event_] {
                SDL_Event e{};
                e.type = type;
                SDL_PushEvent(&e);  // thread-safe: wakes the render loop
            });
        }
    }

    const std::vector<FetchRecord>* fetches() const { return poller_ ? &last_snapshot_.fetches : nullptr; }

    // The state at the end of the run, for the --stats report.
    void describe_state(RunStats& stats) const
    {
        stats.note("state_showing", describe_showing(rotation_.feed()));
        stats.note("state_banner", banner_text_);
        if (poller_ && last_snapshot_.last_success)
            stats.note("state_last_success_unix", std::to_string(*last_snapshot_.last_success));
        if (poller_ && last_snapshot_.offline_since)
            stats.note("state_offline_since_unix", std::to_string(*last_snapshot_.offline_since));
    }

    // Returns the exit code.
    int run(std::optional<Millis> run_for, double started_at);

private:
    Millis now() const
    {
        return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - epoch_);
    }
    // The rotation's time: the monotonic clock, shifted onto UTC when the wall
    // clock is trustworthy so that screens with the same feed stay in step.
    Millis shared_now() const { return now() + clock_offset_; }
    void check_clock();
    ScreenTransform transform() const { return {display_.output_size(), config_.rotation}; }
    void handle(const SDL_Event& event, bool& quit);
    void drop_pictures();
    void refresh_pictures(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    std::optional<SlidePicture> build_picture(const std::optional<SlideNow>& slide, Size screen);
    void prepare_upcoming(const ScreenTransform& t);
    void draw(const std::optional<SlideNow>& slide, const ScreenTransform& t);
    void take_new_feed(Millis now);
    bool count_up(const std::optional<SlideNow>& slide);
    void show_feed(std::shared_ptr<const Feed> feed, Millis now);
    void refresh_banner(const ScreenTransform& t);
    SlideLook look() const { return {config_.qr_codes, config_.margin_percent, logo_ ? logo_->aspect() : 0}; }

    Display& display_;
    FontSet& fonts_;
    const Config& config_;
    const FeedSource& source_;
    RunStats& stats_;
    Theme theme_;
    std::optional<Logo> logo_;
    Rotation rotation_;
    std::chrono::steady_clock::time_point epoch_ = std::chrono::steady_clock::now();
    Millis clock_offset_{0};
    bool wall_trusted_ = false;
    std::optional<SlideKey> current_key_;
    std::optional<SlidePicture> current_;
    std::optional<SlidePicture> outgoing_;
    std::optional<SlideKey> upcoming_key_;      // the next slide, rasterised ahead while idle
    std::optional<SlidePicture> upcoming_;
    bool dirty_ = true;
    int exit_code_ = 0;
    Watchdog watchdog_;
    Uint32 wake_event_ = 0;
    std::optional<Poller> poller_;
    std::shared_ptr<const Feed> raw_feed_;  // as received, before planning for this screen
    Size planned_for_;
    PollSnapshot last_snapshot_;
    std::string banner_text_;
    std::optional<SlidePicture> banner_;
    Size banner_screen_;
};

// Plans the feed for this screen (languages, pages) and hands it to the
// rotation, where it lands at the next slide boundary.
void Kiosk::show_feed(std::shared_ptr<const Feed> feed, Millis now)
{
    raw_feed_ = std::move(feed);
    planned_for_ = transform().logical();
    SlideContext context = slide_context(*raw_feed_, source_.demo, planned_for_, 0, raw_feed_->items.size(), look());
    rotation_.set_feed(std::make_shared<const Feed>(plan_slides(*raw_feed_, config_.languages, context, fonts_)), now);
}

// The tally's number climbs to its value over the first moments of the slide,
// easing out so it settles rather than stops. Returns whether it is still moving.
bool Kiosk::count_up(const std::optional<SlideNow>& slide)
{
    const Feed* feed = rotation_.feed();
    if (!slide || !current_ || !feed) return false;
    const Item& item = feed->items[slide->item];
    if (item.kind != ItemKind::tally) return false;
    double t = std::min(1.0, static_cast<double>(slide->elapsed.count()) / static_cast<double>(count_up_time.count()));
    double eased = 1 - (1 - t) * (1 - t) * (1 - t);
    double shown = t >= 1.0 ? item.tally.value : std::floor(item.tally.value * eased);
    // Counted, so --stats shows every rasterisation, not only whole slides.
    if (std::size_t bytes = current_->retext(display_.renderer(), fonts_, "number", format_tally_value(shown)))
        stats_.texture_upload(bytes);
    return t < 1.0;
}

void Kiosk::check_clock()
{
    using namespace std::chrono;
    if (!config_.sync || !raw_feed_) return;
    std::int64_t wall_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    bool trusted = clock_is_plausible(wall_ms / 1000, *raw_feed_);
    Millis offset = trusted ? Millis(wall_ms) - now() : Millis{0};
    // Follow the wall clock when it is first trusted or is stepped (NTP after
    // boot), not for every millisecond of jitter between the two clocks.
    if (trusted == wall_trusted_ && std::chrono::abs(offset - clock_offset_) < Millis{1000}) return;
    wall_trusted_ = trusted;
    clock_offset_ = offset;
    rotation_.use_shared_clock(trusted, trusted);
    dirty_ = true;
}

void Kiosk::take_new_feed(Millis now)
{
    if (!poller_) return;
    PollSnapshot snap = poller_->snapshot();
    if (snap.generation != last_snapshot_.generation && snap.feed) {
        // Lands at the next slide boundary; urgent items interrupt at once.
        show_feed(snap.feed, now);
        dirty_ = true;
    }
    last_snapshot_ = std::move(snap);
}

void Kiosk::refresh_banner(const ScreenTransform& t)
{
    if (!poller_ && !source_.signature_rejected) return;
    using namespace std::chrono;
    std::int64_t wall = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    std::time_t now_t = static_cast<std::time_t>(wall);
    std::tm local{};
    localtime_r(&now_t, &local);
    bool rejected = poller_ ? last_snapshot_.signature_rejected : source_.signature_rejected;
    auto text = rejected ? signature_banner(rotation_.feed() != nullptr, last_snapshot_.feed_fetched_at, local.tm_gmtoff)
                         : staleness_banner(wall, last_snapshot_.last_success, last_snapshot_.offline_since,
                                            last_snapshot_.feed_fetched_at, last_snapshot_.interval, local.tm_gmtoff)
                               .value_or("");
    Size screen = t.logical();
    if (text == banner_text_ && screen.width == banner_screen_.width && screen.height == banner_screen_.height) return;
    banner_text_ = text;
    banner_screen_ = screen;
    banner_.reset();
    dirty_ = true;
    if (text.empty()) return;
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout_banner(text, screen, fonts_));
    if (!picture) return;
    stats_.texture_upload(picture->texture_bytes());
    banner_ = std::move(*picture);
}

void Kiosk::handle(const SDL_Event& event, bool& quit)
{
    switch (event.type) {
    case SDL_QUIT: quit = true; break;
    case SDL_KEYDOWN:
        switch (event.key.keysym.sym) {
        case SDLK_ESCAPE:
        case SDLK_q: quit = true; break;
        case SDLK_RIGHT:
        case SDLK_PAGEDOWN: rotation_.next(shared_now()); break;
        case SDLK_LEFT:
        case SDLK_PAGEUP: rotation_.previous(shared_now()); break;
        case SDLK_SPACE: rotation_.toggle_pause(shared_now()); break;
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
    current_key_.reset();
    current_.reset();
    outgoing_.reset();
    banner_.reset();
    banner_text_.clear();  // so that refresh_banner builds it again
    dirty_ = true;
}

void Kiosk::refresh_pictures(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    const Feed* feed = rotation_.feed();
    SlideKey key{feed, slide ? slide->item : 0, slide ? slide->position : 0, t.logical()};
    if (current_key_ && *current_key_ == key) return;
    if (current_key_ && current_key_->screen.width == key.screen.width && current_key_->screen.height == key.screen.height)
        outgoing_ = std::move(current_);
    else
        outgoing_.reset();
    current_key_ = key;
    if (slide) stats_.slide(feed->items[slide->item].id, std::chrono::duration<double>(now()).count());
    if (upcoming_key_ && *upcoming_key_ == key && upcoming_) {
        current_ = std::move(upcoming_);  // prepared while the last slide was being read
        upcoming_.reset();
        upcoming_key_.reset();
        return;
    }
    current_ = build_picture(slide, key.screen);
}

// Lays out and rasterises a slide (or the event card when there is none).
std::optional<SlidePicture> Kiosk::build_picture(const std::optional<SlideNow>& slide, Size screen)
{
    const Feed* feed = rotation_.feed();
    SlideKey key{feed, slide ? slide->item : 0, slide ? slide->position : 0, screen};
    SlideLayout layout;
    if (slide) {
        SlideContext context = slide_context(*feed, source_.demo, key.screen, slide->position, slide->count, look());
        layout = layout_slide(feed->items[slide->item], context, fonts_);
    } else {
        static const Feed no_feed;
        const Feed& shown = feed ? *feed : no_feed;
        SlideContext context = slide_context(shown, source_.demo, key.screen, 0, 0, look());
        layout = layout_event_card(shown.event, feed ? "No statements to show right now" : "Waiting for the feed\xE2\x80\xA6",
                                   context, fonts_);
    }
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout);
    if (!picture) {
        std::fprintf(stderr, "placard: %s\n", picture.error().message.c_str());
        return std::nullopt;
    }
    stats_.texture_upload(picture->texture_bytes());
    return std::move(*picture);
}

void Kiosk::prepare_upcoming(const ScreenTransform& t)
{
    auto next = rotation_.upcoming();
    if (!next) return;
    SlideKey key{rotation_.feed(), next->item, next->position, t.logical()};
    if (upcoming_key_ && *upcoming_key_ == key) return;
    upcoming_key_ = key;
    upcoming_ = build_picture(next, key.screen);
}

void Kiosk::draw(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    SDL_Renderer* r = display_.renderer();
    SDL_SetRenderDrawColor(r, theme_.background.r, theme_.background.g, theme_.background.b, 255);
    SDL_RenderClear(r);
    double fade = slide ? slide->fade : 1.0;
    double progress = 0;
    if (slide && slide->duration.count() > 0) {
        auto shown = slide->elapsed / progress_step * progress_step;
        progress = static_cast<double>(shown.count()) / static_cast<double>(slide->duration.count());
    }
    switch (config_.transition) {
    case Transition::none:
        if (current_) current_->draw(r, theme_, t, 255, progress);
        break;
    case Transition::slide: {
        // The old slide leaves to the left as the new one comes in from the right.
        double eased = fade * fade * (3 - 2 * fade);
        int width = t.logical().width;
        auto offset = static_cast<int>(std::lround(eased * width));
        if (fade < 1.0 && outgoing_) outgoing_->draw(r, theme_, t, 255, 1.0, -offset);
        if (current_) current_->draw(r, theme_, t, 255, progress, width - offset);
        break;
    }
    case Transition::crossfade:
        if (fade < 1.0 && outgoing_) outgoing_->draw(r, theme_, t, static_cast<Uint8>(std::lround(255 * (1 - fade))), 1.0);
        if (current_) current_->draw(r, theme_, t, static_cast<Uint8>(std::lround(255 * fade)), progress);
        break;
    }
    if (logo_ && current_) logo_->draw(r, t, current_->layout().logo_box);
    if (banner_) banner_->draw(r, theme_, t, 255, 0);
    SDL_RenderPresent(r);
}

int Kiosk::run(std::optional<Millis> run_for, double started_at)
{
    bool quit = false;
    bool first = true;
    std::optional<long long> last_progress_step;
    while (!quit) {
        Millis mono = now();
        auto frame_start = std::chrono::steady_clock::now();
        if (run_for && mono >= *run_for) break;
        check_clock();
        Millis t0 = mono + clock_offset_;
        double cpu0 = process_cpu_seconds();
        ScreenTransform t = transform();
        take_new_feed(t0);
        if (raw_feed_ && (t.logical().width != planned_for_.width || t.logical().height != planned_for_.height))
            show_feed(raw_feed_, t0);  // the screen changed shape: pages and sizes change with it
        refresh_banner(t);
        std::optional<SlideNow> slide = rotation_.at(t0);
        refresh_pictures(slide, t);
        bool fading = slide && slide->fade < 1.0 && config_.transition != Transition::none;
        bool counting = count_up(slide);
        fading = fading || counting;
        std::optional<long long> step;
        if (slide) step = slide->elapsed / progress_step;
        if (dirty_ || fading || step != last_progress_step) {
            draw(slide, t);
            dirty_ = false;
            last_progress_step = step;
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count();
            // The first frame is start-up (fonts, the first slide's text) and is
            // reported as first_frame_ms; frame times are the frames after it.
            if (first) {
                stats_.first_frame((monotonic_seconds() - started_at) * 1000.0, process_cpu_seconds());
                watchdog_.ready();
                first = false;
            } else {
                stats_.frame(ms, fading, process_cpu_seconds() - cpu0);
            }
        }
        if (!fading && outgoing_) outgoing_.reset();  // free the old slide's textures once it is gone
        if (!fading) prepare_upcoming(t);  // rasterise the next slide now, not during its transition

        // Sleep until the next thing that changes the picture, or an event.
        Millis wake = t0 + (fading ? frame_interval : Millis{60000});
        if (!fading) {
            if (auto change = rotation_.next_change(t0)) wake = std::min(wake, *change);
            if (slide) wake = std::min(wake, t0 - slide->elapsed + (slide->elapsed / progress_step + 1) * progress_step);
        }
        if (run_for) wake = std::min(wake, *run_for + clock_offset_);
        // The loop that draws is the loop that pings: a hung loop gets restarted.
        if (auto ping = watchdog_.kick(mono)) wake = std::min(wake, *ping + clock_offset_);
        Millis timeout = std::max(Millis{0}, wake - shared_now());
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, static_cast<int>(std::min<long long>(timeout.count(), 1000000)))) {
            handle(event, quit);
            while (SDL_PollEvent(&event)) handle(event, quit);
        }
    }
    return exit_code_;
}

}  // namespace

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
