#pragma once
// Slide layout: where every line of text and every block of colour goes on a
// screen of a given size. Pure: fonts are reached only through FontMetrics.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/layout/slide_layout.h"
#include "core/plan/plan.h"

namespace placard {

// The header and footer for a feed: its event name (or title) and hashtag.
SlideContext slide_context(const Feed& feed, bool demo, Size screen, std::size_t position, std::size_t count,
                           const SlideLook& look = {});

// A planned slide laid out; an Item converts to one, as written.
SlideLayout layout_slide(const PlannedSlide& slide, const SlideContext& context, FontMetrics& metrics);

// Shown when a feed has nothing to show: the event itself, never a blank screen,
// and a slide word ("no_statements", "waiting_for_feed") in the feed's language.
SlideLayout layout_event_card(const Event& event, std::string_view message_key, const SlideContext& context,
                              FontMetrics& metrics);

// A small status note for organisers ("Offline since 14:02 · showing the feed
// from 13:58"), centred in the footer row so it never covers a statement:
// one line, ending in "…" (and overflow set) when it is too long for it. It
// keeps clear of the slides' hashtag, the feed's event hashtag drawn at the
// right of that row, and of the counter at its left: at most four fifths of
// the row, and never less than half of it.
SlideLayout layout_banner(const std::string& text, Size screen, FontMetrics& metrics, const std::string& hashtag = {});

// The smallest and largest type sizes of a statement's quote on this screen, in pixels.
std::pair<int, int> quote_px_range(Size screen);

// "30", "1,250", "2.5" (English), "1 250" (French): a tally value as
// attendees read it, in a slide's language (slide_language_of).
std::string format_tally_value(double value, std::string_view language = "en");

// The language of a slide's words: the item's, else the feed's, as a table language ("fr").
std::string slide_language_of(const PlannedSlide& slide, const Feed& feed);

}  // namespace placard
