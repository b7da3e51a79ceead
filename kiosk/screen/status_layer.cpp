#include "screen/status_layer.h"

#include <chrono>
#include <ctime>

#include "screen/device_facts.h"
#include "store/files.h"
#include "core/setup/layout_status.h"

namespace placard {

namespace {

std::int64_t utc_offset_now()
{
    std::time_t now_t = std::time(nullptr);
    std::tm local{};
    localtime_r(&now_t, &local);
    return local.tm_gmtoff;
}

std::string text_of(const StatusCard& card)
{
    std::string text = card.heading;
    for (const StatusRow& row : card.rows) text += "\n" + row.label + ": " + row.text;
    return text;
}

}  // namespace

bool StatusLayer::refresh(const FeedView& view, const ScreenTransform& t, std::string_view language)
{
    bool changed = refresh_banner(view, t, language);
    if (refresh_card(view)) changed = true;
    if (refresh_overlay(view, t)) changed = true;
    return changed;
}

const DeviceFacts& StatusLayer::facts()
{
    // Addresses come and go (DHCP after boot, a cable unplugged): looked at
    // again after a while, not on every turn of the loop.
    if (!facts_at_ || clock_.now() - *facts_at_ >= Millis{10000}) {
        ConfigPaths paths = config_paths();
        facts_ = {host_name(), network_addresses(), source_.config_files, paths.boot, paths.system, PLACARD_VERSION};
        facts_at_ = clock_.now();
    }
    return facts_;
}

std::optional<LastAttempt> StatusLayer::last_attempt(const FeedView& view) const
{
    if (!view.polled || view.polled->fetches.empty()) return std::nullopt;
    const FetchRecord& f = view.polled->fetches.back();
    return LastAttempt{f.at, f.status, f.problem, f.error, f.first_error};
}

bool StatusLayer::refresh_banner(const FeedView& view, const ScreenTransform& t, std::string_view language)
{
    if (!view.polled && !source_.signature_rejected) return false;
    using namespace std::chrono;
    std::int64_t wall = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    std::time_t now_t = static_cast<std::time_t>(wall);
    std::tm local{};
    localtime_r(&now_t, &local);
    static const PollSnapshot not_polled;  // a fixed feed: fetched never, so never stale
    const PollSnapshot& polled = view.polled ? *view.polled : not_polled;
    bool rejected = view.polled ? polled.signature_rejected : source_.signature_rejected;
    bool unsaved = view.polled && polled.feed_unsaved;
    bool shown = view.plan != nullptr;
    auto compose = [&](std::size_t error_chars) {
        return unsaved    ? unsaved_feed_banner(shown, polled.feed_fetched_at, local.tm_gmtoff)
               : rejected ? signature_banner(shown, polled.feed_fetched_at, local.tm_gmtoff)
                          : staleness_banner(wall, polled.last_success, polled.offline_since, polled.feed_fetched_at,
                                             polled.interval, local.tm_gmtoff, banner_cause(view, language, error_chars),
                                             language, view.plan ? &view.plan->feed->words : nullptr)
                                .value_or("");
    };
    // The note as composed, its error whole: the key for its picture, which fit_note shortens.
    // The hashtag the slides show, which the note keeps clear of, is part of the key too.
    const std::string hashtag = view.plan ? view.plan->feed->event.hashtag : std::string{};
    std::string key = compose(refusal_note_chars);
    if (!key.empty()) key += "\n" + hashtag;
    Size screen = t.logical();
    if (key == banner_key_ && screen.width == banner_screen_.width && screen.height == banner_screen_.height) return false;
    banner_key_ = key;
    banner_screen_ = screen;
    banner_.reset();
    banner_text_.clear();
    if (key.empty()) return true;
    auto [text, layout] = fit_note(compose, screen, fonts_, hashtag);
    banner_text_ = text;
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout);
    if (!picture) return true;
    stats_.texture_upload(picture->texture_bytes());
    banner_ = std::move(*picture);
    return true;
}

bool StatusLayer::refresh_card(const FeedView& view)
{
    std::optional<StatusCard> card;
    if (!source_.config_error.empty()) card = config_error_card(source_.config_error, facts(), config_.ui_language);
    else if (view.polled && !view.plan) card = feed_status_card(source_.name, last_attempt(view), facts(), utc_offset_now(),
                                                               config_.ui_language);
    else if (source_.signature_rejected && !view.plan)
        card = feed_status_card(source_.name, LastAttempt{0, 0, FetchProblem::bad_signature, {}}, facts(), utc_offset_now(),
                                config_.ui_language);
    std::string text = card ? text_of(*card) : std::string{};
    if (text == status_text_) return false;
    status_text_ = std::move(text);
    status_card_ = std::move(card);
    return true;
}

std::optional<SlideLayout> StatusLayer::card_layout(const Item* item, const SlideContext& context)
{
    if (item && item->id == first_run_item_id && source_.demo)
        return layout_status_card(first_run_card(facts(), config_.ui_language), context, fonts_, CardStyle::slide);
    if (!item && status_card_) return layout_status_card(*status_card_, context, fonts_, CardStyle::slide);
    return std::nullopt;
}

std::string StatusLayer::banner_cause(const FeedView& view, std::string_view language, std::size_t error_chars)
{
    // In the slide's language, like the rest of the note; "Offline" is staleness_banner's own.
    auto last = last_attempt(view);
    if (!last || last->problem == FetchProblem::none || last->problem == FetchProblem::no_network) return {};
    if (facts().addresses.empty() && last->problem != FetchProblem::unreadable_file) return {};
    return problem_headline(last->problem, last->status, true, language,
                            last->first_error ? &*last->first_error : nullptr, error_chars);
}

void StatusLayer::toggle_diagnostics()
{
    diagnostics_shown_ = !diagnostics_shown_;
    overlay_text_.clear();
    overlay_.reset();
}

bool StatusLayer::refresh_overlay(const FeedView& view, const ScreenTransform& t)
{
    if (!diagnostics_shown_) return false;
    using namespace std::chrono;
    Diagnostics d;
    d.facts = facts();
    d.feed = source_.name;
    d.demo = source_.demo;
    d.language = config_.ui_language;
    d.last_attempt = last_attempt(view);
    if (view.polled) {
        d.last_success = view.polled->last_success;
        d.feed_fetched_at = view.polled->feed_fetched_at;
    }
    if (view.plan) {
        d.feed_on_screen = true;
        d.sequence = view.plan->feed->sequence;
        d.slides = view.plan->slides.size();
    }
    d.wall_now = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    // Without a feed there is no generated_at to hold the clock to: only the release's era.
    d.clock_trusted = view.received ? clock_.wall_trusted() : clock_is_plausible(d.wall_now, Feed{});
    d.sync = config_.sync;
    d.utc_offset_seconds = utc_offset_now();
    Size screen = t.logical();
    d.screen = std::to_string(screen.width) + "x" + std::to_string(screen.height) + ", rotation "
               + std::to_string(config_.rotation) + ", " + display_.driver() + ", " + display_.renderer_name()
               + (display_.card().empty() ? std::string{} : ", " + display_.card());
    d.tv = tv_;
    StatusCard card = diagnostics_card(d);
    std::string text = text_of(card) + "\n" + std::to_string(screen.width) + "x" + std::to_string(screen.height);
    if (text == overlay_text_ && overlay_) return false;
    overlay_text_ = std::move(text);
    SlideContext context;
    context.screen = screen;
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout_status_card(card, context, fonts_, CardStyle::overlay));
    if (!picture) {
        std::fprintf(stderr, "placard: %s\n", picture.error().message.c_str());
        overlay_.reset();
        return true;
    }
    stats_.texture_upload(picture->texture_bytes());
    overlay_ = std::move(*picture);
    return true;
}

bool StatusLayer::page_down(const SDL_KeyboardEvent& key)
{
    Millis now = clock_.now();
    bool completes = key.type == SDL_KEYDOWN ? page_down_.down(now, key.repeat != 0) : page_down_.up(now);
    if (completes) toggle_diagnostics();
    return completes;
}

void StatusLayer::drop_pictures()
{
    banner_.reset();
    banner_text_.clear();
    banner_key_.clear();  // so that refresh_banner builds it again
    overlay_.reset();
    overlay_text_.clear();
}

void StatusLayer::describe_state(RunStats& stats) const
{
    stats.note("state_banner", banner_text_);
    stats.note("state_card", status_text_);
    stats.note("state_overlay", overlay_text_);
}

}  // namespace placard
