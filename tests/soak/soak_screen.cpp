#include "soak/soak_screen.h"

#include <algorithm>
#include <cmath>

#include "core/layout/layout.h"

namespace placard::soak {
namespace {

constexpr Millis count_up_time{1200};  // as kiosk/screen/slide_show.h: a tally's number counts up as it appears

}  // namespace

Result<std::unique_ptr<SoakScreen>> SoakScreen::open(Size size, FontSet& fonts)
{
    std::unique_ptr<SoakScreen> screen(new SoakScreen(size, fonts));
    screen->surface_.reset(SDL_CreateRGBSurfaceWithFormat(0, size.width, size.height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!screen->surface_) return Error{std::string("cannot allocate the screen: ") + SDL_GetError(), ErrorKind::environment};
    screen->renderer_.reset(SDL_CreateSoftwareRenderer(screen->surface_.get()));
    if (!screen->renderer_)
        return Error{std::string("cannot create the software renderer: ") + SDL_GetError(), ErrorKind::environment};
    return screen;
}

Result<SlidePicture> SoakScreen::build(const Plan* plan, const std::optional<SlideNow>& slide, SlidePicture::Lines lines)
{
    static const Feed no_feed;
    const Feed& shown = plan ? *plan->feed : no_feed;
    SlideLayout layout = slide ? layout_slide(plan->slides[slide->item], slide_context(shown, false, size_, slide->position, slide->count), fonts_)
                               : layout_event_card(shown.event, "waiting_for_feed",
                                                   slide_context(shown, false, size_, 0, 0), fonts_);
    ++slides_built_;
    return SlidePicture::build(renderer_.get(), fonts_, layout, lines);
}

Result<bool> SoakScreen::update(const Plan* plan, const std::optional<SlideNow>& slide, const std::optional<SlideNow>& upcoming)
{
    const Key key{plan, slide ? slide->item : 0, slide ? slide->position : 0};
    bool changed = false;
    if (!key_ || !(*key_ == key)) {
        // As the kiosk does on a screen that keeps its pixels: the old slide's
        // picture goes first, the fade blends the new one over the bands.
        const ScreenTransform transform{size_, 0};
        bands_.clear();
        if (current_) bands_ = current_->ink(transform);
        current_.reset();
        key_ = key;
        if (upcoming_key_ == key && upcoming_) {
            current_ = std::move(upcoming_);
        } else {
            // Its lines drawn into its picture as it is composed, as in the kiosk.
            auto picture = build(plan, slide, SlidePicture::Lines::when_composed);
            if (!picture) return picture.error();
            current_ = std::move(*picture);
        }
        upcoming_.reset();
        upcoming_key_.reset();
        // Composed when it goes up, as in the kiosk.
        if (auto composed = current_->compose(renderer_.get(), theme_, transform, nullptr); !composed)
            return composed.error();
        for (const Rect& r : current_->ink(transform)) bands_.push_back(r);
        bands_ = covering_bands(bands_, size_);
        steps_.emplace();
        changed = true;
    }
    bool counting = false;
    if (slide && plan->slides[slide->item].item().kind == ItemKind::tally) {
        const double value = plan->slides[slide->item].item().tally.value;
        double t = std::min(1.0, static_cast<double>(slide->elapsed.count()) / static_cast<double>(count_up_time.count()));
        double eased = 1 - (1 - t) * (1 - t) * (1 - t);
        const std::string language = slide_language_of(plan->slides[slide->item], *plan->feed);
        if (current_->retext(renderer_.get(), fonts_, "number",
                             format_tally_value(t >= 1.0 ? value : std::floor(value * eased), language)).bytes)
            ++retexts_;
        counting = t < 1.0;
    }
    const double fade = slide ? slide->fade : 1.0;
    if (changed || counting || fade < 1.0) draw(fade);
    if (fade < 1.0 || counting) return true;
    const Key next{plan, upcoming ? upcoming->item : 0, upcoming ? upcoming->position : 0};
    if (upcoming && upcoming_key_ != next) {
        auto picture = build(plan, upcoming);
        if (!picture) return picture.error();
        upcoming_ = std::move(*picture);
        upcoming_key_ = next;
    }
    return true;
}

Result<bool> SoakScreen::set_banner(const std::string& text)
{
    if (text == banner_text_) return true;
    banner_text_ = text;
    banner_.reset();
    if (text.empty()) return true;
    auto picture = SlidePicture::build(renderer_.get(), fonts_, layout_banner(text, size_, fonts_));
    if (!picture) return picture.error();
    banner_ = std::move(*picture);
    return true;
}

void SoakScreen::drop_pictures()
{
    key_.reset();
    current_.reset();
    upcoming_key_.reset();
    upcoming_.reset();
    banner_.reset();
    banner_text_.clear();
    fonts_.release_sizes();  // a few sizes of each font are kept open by design; what is counted is the rest
    // Each face caches the glyphs it drew last and forgets them when its size changes.
    for (FontFace face : {FontFace::regular, FontFace::bold})
        fonts_.render_line("Aa \xD8\xA7\xD9\x84 \xD7\xA9 \xE4\xBA\xBA \xE0\xA4\x95", TextDirection::ltr, face, 11);
}

std::size_t SoakScreen::held_texture_bytes() const
{
    std::size_t bytes = 0;
    for (const auto* picture : {&current_, &upcoming_, &banner_})
        if (*picture) bytes += (*picture)->texture_bytes();
    return bytes;
}

void SoakScreen::draw(double fade)
{
    SDL_Renderer* r = renderer_.get();
    const ScreenTransform transform{size_, 0};
    if (current_ && steps_) {
        if (int alpha = steps_->step(fade)) current_->blend_areas(r, bands_, static_cast<Uint8>(alpha));
        if (fade >= 1.0) steps_.reset();
    } else if (current_) {
        current_->draw(r, theme_, transform, 255, 0.5);
    }
    if (banner_) banner_->draw(r, theme_, transform, 255, 0);
    SDL_RenderPresent(r);
    ++frames_;
}

}  // namespace placard::soak
