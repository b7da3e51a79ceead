// What the kiosk tells the organiser about itself: the status card while there
// is no feed to show, the first-run card in the demo, the diagnostics overlay
// (D, F1, or Page Down held), and the cause named by the staleness banner.
#include "app/device_facts.h"
#include "app/files.h"
#include "app/kiosk_loop.h"
#include "core/setup/layout_status.h"

namespace placard::kiosk_detail {

namespace {

std::int64_t utc_offset_now()
{
    std::time_t now_t = std::time(nullptr);
    std::tm local{};
    localtime_r(&now_t, &local);
    return local.tm_gmtoff;
}

std::string card_text(const StatusCard& card)
{
    std::string text = card.heading;
    for (const StatusRow& row : card.rows) text += "\n" + row.label + ": " + row.text;
    return text;
}

}  // namespace

const DeviceFacts& Kiosk::facts()
{
    // Addresses come and go (DHCP after boot, a cable unplugged): looked at
    // again after a while, not on every turn of the loop.
    if (!facts_at_ || now() - *facts_at_ >= Millis{10000}) {
        ConfigPaths paths = config_paths();
        facts_ = {host_name(), network_addresses(), source_.config_files, paths.boot, paths.system, PLACARD_VERSION};
        facts_at_ = now();
    }
    return facts_;
}

std::optional<LastAttempt> Kiosk::last_attempt() const
{
    if (!poller_ || last_snapshot_.fetches.empty()) return std::nullopt;
    const FetchRecord& f = last_snapshot_.fetches.back();
    return LastAttempt{f.at, f.status, f.problem, f.error};
}

void Kiosk::refresh_status()
{
    std::optional<StatusCard> card;
    if (!source_.config_error.empty()) card = config_error_card(source_.config_error, facts());
    else if (poller_ && !rotation_.plan()) card = feed_status_card(source_.name, last_attempt(), facts(), utc_offset_now());
    else if (source_.signature_rejected && !rotation_.plan())
        card = feed_status_card(source_.name, LastAttempt{0, 0, FetchProblem::bad_signature, {}}, facts(), utc_offset_now());
    std::string text = card ? card_text(*card) : std::string{};
    if (text == status_text_) return;
    status_text_ = std::move(text);
    status_card_ = std::move(card);
    dirty_ = true;
}

std::optional<SlideLayout> Kiosk::status_layout(const Item* item, const SlideContext& context)
{
    if (item && item->id == first_run_item_id && source_.demo)
        return layout_status_card(first_run_card(facts()), context, fonts_, CardStyle::slide);
    if (!item && status_card_) return layout_status_card(*status_card_, context, fonts_, CardStyle::slide);
    return std::nullopt;
}

std::string Kiosk::banner_cause()
{
    auto last = last_attempt();
    if (!last || last->problem == FetchProblem::none) return "Offline";
    return problem_headline(last->problem, last->status, !facts().addresses.empty());
}

void Kiosk::toggle_diagnostics()
{
    diagnostics_shown_ = !diagnostics_shown_;
    overlay_text_.clear();
    overlay_.reset();
    dirty_ = true;
}

void Kiosk::refresh_overlay(const ScreenTransform& t)
{
    if (!diagnostics_shown_) return;
    using namespace std::chrono;
    Diagnostics d;
    d.facts = facts();
    d.feed = source_.name;
    d.demo = source_.demo;
    d.last_attempt = last_attempt();
    if (poller_) {
        d.last_success = last_snapshot_.last_success;
        d.feed_fetched_at = last_snapshot_.feed_fetched_at;
    }
    if (const Plan* plan = rotation_.plan()) {
        const Feed* feed = plan->feed.get();
        d.feed_on_screen = true;
        d.sequence = feed->sequence;
        d.slides = plan->slides.size();
    }
    d.wall_now = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    // Without a feed there is no generated_at to hold the clock to: only the release's era.
    d.clock_trusted = raw_feed_ ? wall_trusted_ : clock_is_plausible(d.wall_now, Feed{});
    d.sync = config_.sync;
    d.utc_offset_seconds = utc_offset_now();
    Size screen = t.logical();
    d.screen = std::to_string(screen.width) + "x" + std::to_string(screen.height) + ", rotation "
               + std::to_string(config_.rotation) + ", " + display_.driver() + ", " + display_.renderer_name();
    StatusCard card = diagnostics_card(d);
    std::string text = card_text(card) + "\n" + std::to_string(screen.width) + "x" + std::to_string(screen.height);
    if (text == overlay_text_ && overlay_) return;
    overlay_text_ = std::move(text);
    SlideContext context;
    context.screen = screen;
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout_status_card(card, context, fonts_, CardStyle::overlay));
    dirty_ = true;
    if (!picture) {
        std::fprintf(stderr, "placard: %s\n", picture.error().message.c_str());
        overlay_.reset();
        return;
    }
    stats_.texture_upload(picture->texture_bytes());
    overlay_ = std::move(*picture);
}

void Kiosk::page_down_held(const SDL_KeyboardEvent& key)
{
    bool completes = key.type == SDL_KEYDOWN ? page_down_.down(now(), key.repeat != 0) : page_down_.up(now());
    if (completes) toggle_diagnostics();
}

}  // namespace placard::kiosk_detail
