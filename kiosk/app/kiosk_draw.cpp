// What a frame draws: a slide composed into one picture is one copy; a
// crossfade on a screen that keeps its pixels is one blend a frame of the new
// slide, only where the two slides differ; a counting number is its own area.
#include "app/kiosk_loop.h"

namespace placard::kiosk_detail {

namespace {

Rect rect_of(const SDL_Rect& r) { return {r.x, r.y, r.w, r.h}; }

}  // namespace

// How much of the progress track is filled: whole steps only, so it moves
// once a step and the screen is still in between.
double Kiosk::progress_at(const std::optional<SlideNow>& slide)
{
    if (!slide || slide->duration.count() <= 0) return 0;
    auto shown = slide->elapsed / progress_step * progress_step;
    return static_cast<double>(shown.count()) / static_cast<double>(slide->duration.count());
}

// Called when a new slide replaces the one on screen: where the screen keeps
// its pixels, the fade needs only the new slide and the areas that can change.
void Kiosk::start_fade(const ScreenTransform& t)
{
    blended_.reset();
    if (config_.transition != Transition::crossfade || !display_.presents_areas() || !current_
        || !current_->composed() || screen_ink_.empty())
        return;
    std::vector<Rect> areas = screen_ink_;
    for (const Rect& r : current_->ink(t)) areas.push_back(r);
    if (banner_)
        for (const Rect& r : banner_->ink(t)) areas.push_back(r);
    fade_bands_ = covering_bands(areas, t.panel);
    screen_ink_ = fade_bands_;  // whatever the fade leaves on screen lies in them
    blended_.emplace();
}

bool Kiosk::draw_fade_step(double fade, const ScreenTransform& t)
{
    if (!blended_ || !current_) return false;
    SDL_Renderer* r = display_.renderer();
    if (int alpha = blended_->step(fade)) current_->blend_areas(r, fade_bands_, static_cast<Uint8>(alpha));
    std::vector<Rect> sent = fade_bands_;
    if (banner_) {
        banner_->draw(r, theme_, t, 255, 0);
        for (const Rect& b : banner_->ink(t)) sent.push_back(b);
    }
    display_.present_areas(covering_bands(sent, t.panel));
    return true;
}

void Kiosk::draw_area(const Rect& area, const ScreenTransform& t)
{
    SDL_Renderer* r = display_.renderer();
    current_->blend_areas(r, {area}, 255);
    std::vector<Rect> sent{area};
    if (banner_) {
        banner_->draw(r, theme_, t, 255, 0);
        for (const Rect& b : banner_->ink(t)) sent.push_back(b);
    }
    display_.present_areas(covering_bands(sent, t.panel));
}

void Kiosk::draw(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    double fade = slide ? slide->fade : 1.0;
    bool fading = fade < 1.0 && config_.transition != Transition::none;
    if (fading && config_.transition == Transition::crossfade && !dirty_ && !overlay_ && draw_fade_step(fade, t)) return;
    blended_.reset();

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
    // A composed slide holds its logo; one drawn line by line does not.
    if (logo_ && current_ && !current_->composed()) logo_->draw(r, t, current_->layout().logo_box);
    if (banner_) {
        banner_->draw(r, theme_, t, 255, 0);
        drawn(*banner_);
    }
    if (overlay_) {
        overlay_->draw(r, theme_, t, 255, 0);
        drawn(*overlay_);
    }
    fleet_draw(r, t);
    SDL_RenderPresent(r);
}

}  // namespace placard::kiosk_detail
