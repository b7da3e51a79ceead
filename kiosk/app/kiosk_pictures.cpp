// What the kiosk rasterises, and when: the slide on screen, the next one
// (prepared while the screen is idle), a counting tally, the status banner.
#include "app/kiosk_loop.h"

namespace placard::kiosk_detail {

bool Kiosk::count_up(const std::optional<SlideNow>& slide)
{
    const Plan* plan = rotation_.plan();
    if (!slide || !current_ || !plan) return false;
    const Item& item = plan->slides[slide->item].item;
    if (item.kind != ItemKind::tally) return false;
    // It counts once the slide has faded in: a number changing under a
    // crossfade would leave traces of its digits in the blend.
    Millis lead = config_.transition == Transition::none ? Millis{0} : Rotation::fade_time;
    double counted = static_cast<double>(std::max(Millis{0}, slide->elapsed - lead).count());
    double t = std::min(1.0, counted / static_cast<double>(count_up_time.count()));
    double eased = 1 - (1 - t) * (1 - t) * (1 - t);
    double shown = t >= 1.0 ? item.tally.value : std::floor(item.tally.value * eased);
    // Counted, so --stats shows every rasterisation, not only whole slides.
    auto changed = current_->retext(display_.renderer(), fonts_, "number", format_tally_value(shown));
    if (changed.bytes) stats_.texture_upload(changed.bytes);
    if (changed.area) {
        Rect a = *changed.area;
        if (count_area_) {
            int x0 = std::min(a.x, count_area_->x), y0 = std::min(a.y, count_area_->y);
            a = {x0, y0, std::max(a.right(), count_area_->right()) - x0, std::max(a.bottom(), count_area_->bottom()) - y0};
        }
        count_area_ = a;
    }
    return t < 1.0;
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
    bool unsaved = poller_ && last_snapshot_.feed_unsaved;
    auto text = unsaved    ? unsaved_feed_banner(rotation_.plan() != nullptr, last_snapshot_.feed_fetched_at, local.tm_gmtoff)
                : rejected ? signature_banner(rotation_.plan() != nullptr, last_snapshot_.feed_fetched_at, local.tm_gmtoff)
                         : staleness_banner(wall, last_snapshot_.last_success, last_snapshot_.offline_since,
                                            last_snapshot_.feed_fetched_at, last_snapshot_.interval, local.tm_gmtoff,
                                            banner_cause())
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

void Kiosk::drop_pictures()
{
    current_key_.reset();
    current_.reset();
    outgoing_.reset();
    upcoming_key_.reset();  // its textures belong to the renderer too
    upcoming_.reset();
    blended_.reset();
    screen_ink_.clear();
    count_area_.reset();
    banner_.reset();
    banner_text_.clear();  // so that refresh_banner builds it again
    overlay_.reset();
    overlay_text_.clear();
    dirty_ = true;
}

bool Kiosk::refresh_pictures(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    const Plan* plan = rotation_.plan();
    SlideKey key{plan, slide ? slide->item : 0, slide ? slide->position : 0, t.logical(), slide ? "" : status_text_,
                 slide ? plan->slides[slide->item].item.id : ""};
    if (current_key_ && *current_key_ == key) return false;
    const bool same_screen = current_key_ && current_key_->screen.width == key.screen.width
                             && current_key_->screen.height == key.screen.height;
    // The feed planned further (its first slides went up before the rest was
    // planned) keeps the slide on screen: drawn again for its new counter,
    // not shown anew, so no fade and no second entry in --stats.
    const bool same_slide = same_screen && slide && current_key_->id == key.id && current_key_->position == key.position
                            && current_key_->status.empty();
    // Where the fade blends onto the screen's own pixels, the old slide is on
    // the screen already: its picture goes before the new one is composed.
    const bool onto_screen = same_screen && config_.transition == Transition::crossfade && display_.presents_areas()
                             && !screen_ink_.empty();
    if (same_screen && !onto_screen) outgoing_ = std::move(current_);
    else outgoing_.reset();
    current_.reset();
    current_key_ = key;
    bool built = false;
    if (upcoming_key_ && *upcoming_key_ == key && upcoming_) {
        current_ = std::move(upcoming_);  // rasterised while the last slide was being read
        upcoming_.reset();
        upcoming_key_.reset();
    } else {
        current_ = build_picture(slide, key.screen);
        built = true;
    }
    if (slide && !same_slide)
        stats_.slide(plan->slides[slide->item].item.id, std::chrono::duration<double>(now()).count(),
                     current_ && current_->shows_photo());
    // Composed when it goes up, not ahead: one slide's picture held at a time.
    if (current_) {
        if (auto composed = current_->compose(display_.renderer(), theme_, t, logo_ ? &*logo_ : nullptr); !composed)
            std::fprintf(stderr, "placard: %s; drawing it line by line\n", composed.error().message.c_str());
    }
    count_area_.reset();
    if (same_slide) {
        outgoing_.reset();
        blended_.reset();
        dirty_ = true;
    } else if (same_screen) {
        start_fade(t);
    }
    return built;
}

std::optional<SlidePicture> Kiosk::build_picture(const std::optional<SlideNow>& slide, Size screen)
{
    const Plan* plan = rotation_.plan();
    SlideKey key{plan, slide ? slide->item : 0, slide ? slide->position : 0, screen, {}, {}};
    SlideLayout layout;
    if (slide) {
        SlideContext context = slide_context(*plan->feed, source_.demo, key.screen, slide->position, slide->count, look());
        const PlannedSlide& planned = plan->slides[slide->item];
        auto card = status_layout(&planned.item, context);
        layout = card ? std::move(*card) : layout_slide(planned, context, fonts_);
    } else {
        static const Feed no_feed;
        const Feed& shown = plan ? *plan->feed : no_feed;
        SlideContext context = slide_context(shown, source_.demo, key.screen, 0, 0, look());
        if (auto card = status_layout(nullptr, context)) layout = std::move(*card);
        else layout = layout_event_card(shown.event, plan ? "No statements to show right now" : "Waiting for the feed\xE2\x80\xA6",
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

bool Kiosk::prepare_upcoming(const ScreenTransform& t)
{
    auto next = rotation_.upcoming();
    if (!next) return false;
    SlideKey key{rotation_.plan(), next->item, next->position, t.logical(), {}, {}};
    if (upcoming_key_ && *upcoming_key_ == key) return false;
    upcoming_key_ = key;
    upcoming_ = build_picture(next, key.screen);
    return true;
}

}  // namespace placard::kiosk_detail
