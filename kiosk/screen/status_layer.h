#pragma once
// What the kiosk tells the organiser about itself, over the slides or in their
// place: the status card while there is no feed to show, the first-run card in
// the demo, the staleness banner with its cause, and the diagnostics overlay
// (D, F1, or Page Down held).
#include <optional>
#include <string>

#include "screen/display.h"
#include "store/feed_source.h"
#include "screen/kiosk_clock.h"
#include "screen/stats.h"
#include "core/setup/status.h"
#include "render/painter.h"
#include "screen/feed_view.h"

namespace placard {

class StatusLayer {
public:
    StatusLayer(Display& display, FontSet& fonts, const Config& config, const FeedSource& source, RunStats& stats,
                const KioskClock& clock)
        : display_(display), fonts_(fonts), config_(config), source_(source), stats_(stats), clock_(clock) {}

    // The banner, the status card and the overlay brought up to date, in that
    // order. Returns whether one of them changed, so that the frame is drawn whole.
    // The banner is in the language of the slide on screen (slide_language_of).
    bool refresh(const FeedView& view, const ScreenTransform& t, std::string_view language = "en");

    // A card in a slide's place: the first-run card for the demo's item of
    // that name, the status card where there is no slide (item is null).
    std::optional<SlideLayout> card_layout(const Item* item, const SlideContext& context);
    // The status card's text; empty while there is none.
    const std::string& card_text() const { return status_text_; }
    const std::string& banner_text() const { return banner_text_; }

    // The pictures laid over the slide; null while there is none.
    const SlidePicture* banner() const { return banner_ ? &*banner_ : nullptr; }
    const SlidePicture* overlay() const { return overlay_ ? &*overlay_ : nullptr; }

    // D or F1 opens or closes the diagnostics; so does Page Down held, which a
    // presenter's clicker can send: page_down returns whether this press did.
    void toggle_diagnostics();
    bool page_down(const SDL_KeyboardEvent& key);

    // The renderer's textures are gone: built again on the next refresh.
    void drop_pictures();

    // The TV's power and its CEC adapter, for the diagnostics.
    void set_tv(std::string tv) { tv_ = std::move(tv); }

    // What it shows at the end of the run, for the --stats report.
    void describe_state(RunStats& stats) const;

private:
    const DeviceFacts& facts();
    std::optional<LastAttempt> last_attempt(const FeedView& view) const;
    bool refresh_banner(const FeedView& view, const ScreenTransform& t, std::string_view language);
    bool refresh_card(const FeedView& view);
    bool refresh_overlay(const FeedView& view, const ScreenTransform& t);
    std::string banner_cause(const FeedView& view, std::string_view language, std::size_t error_chars);

    Display& display_;
    FontSet& fonts_;
    const Config& config_;
    const FeedSource& source_;
    RunStats& stats_;
    const KioskClock& clock_;
    std::string banner_text_;                     // as shown, its error cut to fit
    std::string banner_key_;                      // as composed, its error whole
    std::optional<SlidePicture> banner_;
    Size banner_screen_;
    DeviceFacts facts_;
    std::optional<Millis> facts_at_;              // when facts_ were gathered
    std::optional<StatusCard> status_card_;       // shown while there is no feed to show
    std::string status_text_;
    bool diagnostics_shown_ = false;
    std::string overlay_text_;
    std::optional<SlidePicture> overlay_;
    LongPress page_down_;                         // held, it opens the diagnostics
    std::string tv_;
};

}  // namespace placard
