#pragma once
// A slide laid out: every line of text and every block of colour in its box,
// and the sizes and choices layout works from.
#include <cstddef>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "core/layout/geometry.h"
#include "core/text/text.h"
#include "core/text/text_fit.h"
#include "core/words/slide_words.h"

namespace placard {

// Colours are named by purpose; the theme maps them to RGB.
enum class Paint { text, muted, accent, urgent, track, on_accent };

struct TextLine {
    std::string text;
    std::string role;  // "quote", "speaker", "number", ...: what the line is, for tests and layout.json
    FontFace face = FontFace::regular;
    int px = 0;
    Rect box;
    Paint paint = Paint::text;
    TextDirection direction = TextDirection::ltr;
};

struct Block {
    Rect box;
    Paint paint = Paint::accent;
};

struct SlideLayout {
    std::string item_id;  // empty for the event card
    ItemKind kind = ItemKind::statement;
    Size screen;
    Rect safe;             // nothing is drawn outside it (TVs overscan)
    Rect progress;         // the track the progress bar fills
    bool progress_from_right = false;  // it fills from the right (a right-to-left slide, core/layout/mirror.h)
    TextDirection direction = TextDirection::ltr;
    std::vector<Block> blocks;
    std::vector<TextLine> lines;
    std::vector<char32_t> missing_glyphs;
    bool overflow = false;  // the text did not fit even at the smallest size
    std::string qr_url;     // a QR code of this link is drawn in qr_box (quiet zone included)
    Rect qr_box;
    Rect logo_box;          // where the organiser's logo goes; empty without one
    std::string photo_file; // the item's picture (PlannedSlide::picture), drawn to fill photo_box
    Rect photo_box;
};

// A statement's picture takes at most this share of the text area's width
// beside the quote (landscape), or of its height above it (portrait).
inline constexpr double photo_share_landscape = 0.30;
inline constexpr double photo_share_portrait = 0.28;

// A slide laid out to be shown, or only to learn whether its text fits (while
// planning pages: the same sizes and lines, without the finishing touches).
enum class LayoutPurpose { show, plan };

struct SlideContext {
    Size screen;
    std::string event_name;
    std::string hashtag;
    std::string language;       // the feed's, for words the slide adds where the item has none
    const WordOverrides* words = nullptr;  // the feed's own wording of slide words (Feed::words), if any
    bool demo = false;          // the bundled demo feed: say so on screen
    std::size_t position = 0;   // 0-based place in the rotation
    std::size_t count = 0;
    bool qr_codes = true;       // a QR code for items with a link
    double margin_percent = 6;  // side margins; top and bottom get one point more
    double logo_aspect = 0;     // width / height of the organiser's logo; 0: no logo
    LayoutPurpose purpose = LayoutPurpose::show;
};

// A QR code scans reliably from about ten times its width: 22% of the
// shorter side is 15 cm on a 55-inch screen, for phones up to 1.5 m away.
inline constexpr double qr_share_of_short_side = 0.22;

// Readable sizes, as fractions of the screen's shorter side (1080 px on a
// 1920x1080 TV). The smallest statement text, 4.4%, is 48 px: on a 55-inch
// screen (0.63 mm a pixel) its capitals are about 21 mm tall, which subtends
// about 15 minutes of arc from 5 m, well above the 10 or so where reading
// becomes hard. Text that does not fit at that size is split into pages.
struct TypeScale {
    // The legibility floor: nothing an attendee is meant to read is set
    // smaller than 3.1% of the shorter side, 34 px at 1080 (the slide counter
    // alone is exempt). On a 55-inch 1080p screen that type's capitals are
    // about 15 mm tall: 10 minutes of arc from 5 m, the limit of comfortable
    // reading. Where a slide has less room than its text needs at this size,
    // text is moved or dropped, never made smaller, in this order:
    //   1. a statement is split into pages (its quote never below quote_min);
    //   2. speaker and role wrap to two lines each, then end in "…";
    //   3. a tally's change since an earlier count wraps to two lines; its
    //      breakdown shows the rows that fit and sums the rest into "Other",
    //      then is left out; its detail shortens to the lines left, with "…";
    //   4. the header's badges (kind, demo) move under the event name; then
    //      the event name and the footer's hashtag end in "…".
    static constexpr double smallest_share = 0.031;
    static constexpr double quote_min = 4.4;
    static constexpr double quote_max = 8.2;
    static constexpr double second_language = 0.62;  // the translation, relative to the statement
};

// The smallest text size on this screen, in pixels: TypeScale::smallest_share
// of its shorter side, rounded up.
int smallest_text_px(Size screen);

// The organiser's choices that shape every slide.
struct SlideLook {
    bool qr_codes = true;
    double margin_percent = 6;
    double logo_aspect = 0;
};

}  // namespace placard
