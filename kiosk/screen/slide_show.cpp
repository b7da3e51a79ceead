#include "screen/slide_show.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <malloc.h>

#include "core/layout/layout.h"
#include "store/logo_file.h"

namespace placard {

namespace {

Rect rect_of(const SDL_Rect& r) { return {r.x, r.y, r.w, r.h}; }

}  // namespace

SlideShow::SlideShow(Display& display, FontSet& fonts, const Config& config, bool demo, RunStats& stats,
                     const Rotation& rotation, StatusLayer& status, const KioskClock& clock)
    : display_(display), fonts_(fonts), config_(config), demo_(demo), stats_(stats), rotation_(rotation), status_(status),
      clock_(clock)
{
    if (auto theme = make_theme(config.theme, config.accent)) theme_ = *theme;  // checked when the config was read
    if (!config.logo.empty()) {
        // A missing logo is the organiser's to fix, but no reason to leave the screen dark.
        auto logo = load_logo(config.logo);
        if (logo) logo_ = std::move(*logo);
        else std::fprintf(stderr, "placard: warning: %s\n", logo.error().message.c_str());
    }
}

bool SlideShow::count_up(const std::optional<SlideNow>& slide)
{
    const Plan* plan = rotation_.plan();
    if (!slide || !current_ || !plan) return false;
    const PlannedSlide& planned = plan->slides[slide->item];
    const Item& item = planned.item();
    if (item.kind != ItemKind::tally) return false;
    // It counts once the slide has faded in: a number changing under a
    // crossfade would leave traces of its digits in the blend.
    Millis lead = config_.transition == Transition::none ? Millis{0} : Rotation::fade_time;
    double counted = static_cast<double>(std::max(Millis{0}, slide->elapsed - lead).count());
    double t = std::min(1.0, counted / static_cast<double>(count_up_time.count()));
    double eased = 1 - (1 - t) * (1 - t) * (1 - t);
    double shown = t >= 1.0 ? item.tally.value : std::floor(item.tally.value * eased);
    // Counted, so --stats shows every rasterisation, not only whole slides.
    auto changed = current_->retext(display_.renderer(), fonts_, "number",
                                   format_tally_value(shown, slide_language_of(planned, *plan->feed)));
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

void SlideShow::rest(bool fonts_too)
{
    outgoing_.reset();
    // Each size of a face set in is a font of its own, with its shaping
    // tables (a few hundred kilobytes a face): closed while the slide stands,
    // they open again in a millisecond or two when the next slide is set.
    // Not while the diagnostics are up: they are drawn whole every second.
    const bool closed = fonts_too && !status_.overlay() && fonts_.release_sizes();
    // The diagnostics draw whole frames every second: the picture stays while they are up.
    // So it does for the slide transition, which moves the old slide's picture out.
    const bool keep_picture = !display_.presents_areas() || !current_ || !current_->composed() || !drawn_whole_ ||
                              status_.overlay() || config_.transition == Transition::slide;
    if (!keep_picture) current_->release_picture();
    // The lines' textures freed when it was composed, the picture and the
    // fonts go back to the system.
    if (closed || !keep_picture) malloc_trim(0);
}

void SlideShow::recompose(const ScreenTransform& t)
{
    auto picture = SlidePicture::build(display_.renderer(), fonts_, current_->layout(), SlidePicture::Lines::when_composed);
    if (!picture) {
        std::fprintf(stderr, "placard: %s\n", picture.error().message.c_str());
        return;
    }
    current_ = std::move(*picture);
    compose(*current_, t);
}

void SlideShow::compose(SlidePicture& picture, const ScreenTransform& t)
{
    std::size_t before = picture.rasterised_bytes();
    if (auto composed = picture.compose(display_.renderer(), theme_, t, logo_ ? &*logo_ : nullptr); !composed)
        std::fprintf(stderr, "placard: %s; drawing it line by line\n", composed.error().message.c_str());
    if (picture.rasterised_bytes() > before) stats_.texture_upload(picture.rasterised_bytes() - before);
}

void SlideShow::drop_pictures()
{
    current_key_.reset();
    current_.reset();
    outgoing_.reset();
    upcoming_key_.reset();  // its textures belong to the renderer too
    upcoming_.reset();
    blended_.reset();
    drawn_whole_ = false;
    screen_ink_.clear();
    count_area_.reset();
}

SlideShow::Shown SlideShow::show(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    const Plan* plan = rotation_.plan();
    Key key{plan, slide ? slide->item : 0, slide ? slide->position : 0, t.logical(), slide ? "" : status_.card_text(),
            slide ? plan->slides[slide->item].item().id : ""};
    if (current_key_ && *current_key_ == key) return {};
    const bool same_screen = current_key_ && current_key_->screen.width == key.screen.width
                             && current_key_->screen.height == key.screen.height;
    // The feed planned further (its first slides went up before the rest was
    // planned) keeps the slide on screen: drawn again for its new counter,
    // not shown anew, so no fade and no second entry in --stats.
    // So does a slide whose place changed because a slide before it was
    // pulled (the same slide of the same plan).
    const bool same_slide = same_screen && slide && current_key_->id == key.id && current_key_->status.empty()
                            && (current_key_->position == key.position
                                || (current_key_->plan == key.plan && current_key_->item == key.item));
    // Where the fade blends onto the screen's own pixels, the old slide is on
    // the screen already: its picture goes before the new one is composed.
    const bool onto_screen = same_screen && config_.transition == Transition::crossfade && display_.presents_areas()
                             && !screen_ink_.empty();
    if (same_screen && !onto_screen) outgoing_ = std::move(current_);
    else outgoing_.reset();
    current_.reset();
    // A new plan replaced the last (a new feed): the last one's slides and
    // feed, freed as it went, go back to the system before this slide's
    // picture is made, not after it (the largest feed's are about 11 MB).
    if (current_key_ && current_key_->plan != key.plan) malloc_trim(0);
    current_key_ = key;
    drawn_whole_ = false;
    Shown shown;
    if (upcoming_key_ && *upcoming_key_ == key && upcoming_) {
        current_ = std::move(upcoming_);  // rasterised while the last slide was being read
        upcoming_.reset();
        upcoming_key_.reset();
    } else {
        // One prepared for another slide (the plan changed) is not kept beside this one.
        upcoming_.reset();
        upcoming_key_.reset();
        current_ = build_picture(slide, key.screen, SlidePicture::Lines::when_composed);
        shown.rasterised = true;
    }
    if (slide && !same_slide)
        stats_.slide(plan->slides[slide->item].item().id, std::chrono::duration<double>(clock_.now()).count(),
                     current_ && current_->shows_photo());
    if (current_) compose(*current_, t);
    count_area_.reset();
    if (same_slide) {
        outgoing_.reset();
        blended_.reset();
        shown.redraw = true;
    } else if (same_screen) {
        start_fade(t);
    }
    return shown;
}

std::optional<SlidePicture> SlideShow::build_picture(const std::optional<SlideNow>& slide, Size screen,
                                                     SlidePicture::Lines lines)
{
    const Plan* plan = rotation_.plan();
    SlideLayout layout;
    if (slide) {
        SlideContext context = slide_context(*plan->feed, demo_, screen, slide->position, slide->count, look());
        const PlannedSlide& planned = plan->slides[slide->item];
        auto card = status_.card_layout(&planned.item(), context);
        layout = card ? std::move(*card) : layout_slide(planned, context, fonts_);
    } else {
        static const Feed no_feed;
        const Feed& shown = plan ? *plan->feed : no_feed;
        SlideContext context = slide_context(shown, demo_, screen, 0, 0, look());
        if (auto card = status_.card_layout(nullptr, context)) layout = std::move(*card);
        else layout = layout_event_card(shown.event, plan ? "no_statements_now" : "waiting_for_feed",
                                        context, fonts_);
    }
    auto picture = SlidePicture::build(display_.renderer(), fonts_, layout, lines);
    if (!picture) {
        std::fprintf(stderr, "placard: %s\n", picture.error().message.c_str());
        return std::nullopt;
    }
    if (picture->rasterised_bytes()) stats_.texture_upload(picture->rasterised_bytes());
    return std::move(*picture);
}

bool SlideShow::prepare_upcoming(const ScreenTransform& t, Millis now)
{
    auto next = rotation_.upcoming();
    if (!next) return false;
    if (auto due = rotation_.next_change(now); due && *due - now > upcoming_lead) return false;
    Key key{rotation_.plan(), next->item, next->position, t.logical(), {}, {}};
    if (upcoming_key_ && *upcoming_key_ == key) return false;
    upcoming_key_ = key;
    upcoming_.reset();
    // Where the slide standing holds no picture (the screen keeps its
    // pixels), the next one is composed now, its lines drawn straight into
    // it: one picture and no lines held. Otherwise its lines are rasterised
    // now and composed when it goes up, so that the two pictures a fade
    // needs are the most held at once.
    bool alone = !current_ || !current_->composed();
    upcoming_ = build_picture(next, key.screen, alone ? SlidePicture::Lines::when_composed : SlidePicture::Lines::now);
    if (upcoming_ && alone) compose(*upcoming_, t);
    return true;
}

// How much of the progress track is filled: whole steps only, so it moves
// once a step and the screen is still in between.
double SlideShow::progress_at(const std::optional<SlideNow>& slide)
{
    if (!slide || slide->duration.count() <= 0) return 0;
    auto shown = slide->elapsed / progress_step * progress_step;
    return static_cast<double>(shown.count()) / static_cast<double>(slide->duration.count());
}

// Called when a new slide replaces the one on screen: where the screen keeps
// its pixels, the fade needs only the new slide and the areas that can change.
void SlideShow::start_fade(const ScreenTransform& t)
{
    blended_.reset();
    if (config_.transition != Transition::crossfade || !display_.presents_areas() || !current_
        || !current_->composed() || screen_ink_.empty())
        return;
    std::vector<Rect> areas = screen_ink_;
    for (const Rect& r : current_->ink(t)) areas.push_back(r);
    if (const SlidePicture* banner = status_.banner())
        for (const Rect& r : banner->ink(t)) areas.push_back(r);
    fade_bands_ = covering_bands(areas, t.panel);
    screen_ink_ = fade_bands_;  // whatever the fade leaves on screen lies in them
    blended_.emplace();
}

bool SlideShow::draw_fade_step(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    double fade = slide ? slide->fade : 1.0;
    if (fade >= 1.0 || config_.transition != Transition::crossfade || !blended_ || !current_) return false;
    SDL_Renderer* r = display_.renderer();
    if (int alpha = blended_->step(fade)) current_->blend_areas(r, fade_bands_, static_cast<Uint8>(alpha));
    std::vector<Rect> sent = fade_bands_;
    if (const SlidePicture* banner = status_.banner()) {
        banner->draw(r, theme_, t, 255, 0);
        for (const Rect& b : banner->ink(t)) sent.push_back(b);
    }
    display_.present_areas(covering_bands(sent, t.panel));
    return true;
}

void SlideShow::draw_count(const ScreenTransform& t)
{
    draw_area(*count_area_, t);
    count_area_.reset();
}

void SlideShow::draw_area(const Rect& area, const ScreenTransform& t)
{
    SDL_Renderer* r = display_.renderer();
    current_->blend_areas(r, {area}, 255);
    std::vector<Rect> sent{area};
    if (const SlidePicture* banner = status_.banner()) {
        banner->draw(r, theme_, t, 255, 0);
        for (const Rect& b : banner->ink(t)) sent.push_back(b);
    }
    display_.present_areas(covering_bands(sent, t.panel));
}

void SlideShow::draw_progress(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    current_->draw_progress(display_.renderer(), theme_, t, progress_at(slide));
    display_.present_area(t.map(current_->layout().progress));
}

void SlideShow::draw(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    blended_.reset();
    if (current_ && current_->released()) recompose(t);
    double fade = slide ? slide->fade : 1.0;
    bool fading = fade < 1.0 && config_.transition != Transition::none;
    SDL_Renderer* r = display_.renderer();
    double progress = progress_at(slide);
    bool covered = current_ && current_->composed() && (!fading || config_.transition == Transition::crossfade);
    if (!covered) {
        SDL_SetRenderDrawColor(r, theme_.background.r, theme_.background.g, theme_.background.b, 255);
        SDL_RenderClear(r);
    }
    screen_ink_.clear();
    auto drawn = [&](const SlidePicture& p) {
        for (const Rect& ink : p.ink(t)) screen_ink_.push_back(ink);
    };
    if (!fading || !outgoing_) {
        if (current_) current_->draw(r, theme_, t, 255, progress);
    } else if (config_.transition == Transition::slide) {
        // The old slide leaves to the left as the new one comes in from the right.
        double eased = fade * fade * (3 - 2 * fade);
        int width = t.logical().width;
        auto offset = static_cast<int>(std::lround(eased * width));
        outgoing_->draw(r, theme_, t, 255, 1.0, -offset);
        if (current_) current_->draw(r, theme_, t, 255, progress, width - offset);
        // Both move: the whole screen is theirs until the frame after the fade.
        screen_ink_.push_back(rect_of(t.map({0, 0, t.logical().width, t.logical().height})));
    } else {
        // Drawn whole each frame (a GPU renderer's buffer is not kept): two copies.
        outgoing_->draw(r, theme_, t, 255, 1.0);
        drawn(*outgoing_);
        if (current_) current_->draw(r, theme_, t, static_cast<Uint8>(std::lround(255 * fade)), progress);
    }
    if (current_) drawn(*current_);
    if (current_ && !fading) drawn_whole_ = true;
    // A composed slide holds its logo; one drawn line by line does not.
    if (logo_ && current_ && !current_->composed()) logo_->draw(r, t, current_->layout().logo_box);
    for (const SlidePicture* over : {status_.banner(), status_.overlay()}) {
        if (!over) continue;
        over->draw(r, theme_, t, 255, 0);
        drawn(*over);
    }
}

}  // namespace placard
