#pragma once
// A feed planned for one screen: what each slide shows. The feed model (Item)
// says what the editor wrote; a planned slide adds what this screen chose for
// it: the one or two languages shown, the page of a statement too long for one
// screen, and its picture.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feed/feed.h"
#include "core/text/text.h"

namespace placard {

// A statement's picture, checked and made small by whoever holds the pictures
// (store/image_shelf.h): a PNG file and its width / height.
struct Picture {
    std::string file;
    double aspect = 0;
};

// The pictures ready to be shown, by item id.
using Pictures = std::map<std::string, Picture>;

// Where a slide's text is: a part of one of its item's texts as written (its
// own, or a translation's), or of a text of its own (the item's text with its
// whitespace tidied, shared by the item's pages, or one set by hand). A plan's
// pages hold where their text is, not a copy of it: the largest feed's pages
// would otherwise be another 3.7 MB beside its items, twice while one feed
// replaces another.
struct TextPart {
    std::shared_ptr<const std::string> own;  // null: the item's text
    int translation = -1;                    // without own: -1 the item's text, else its translation's
    std::size_t offset = 0;
    std::size_t length = std::string::npos;  // to the end
};

struct PlannedSlide {
    PlannedSlide() = default;
    // An item as written, whole on one slide, in its own language, without a
    // picture: how tests and tools lay out a single item.
    PlannedSlide(Item written);  // NOLINT(google-explicit-constructor)
    // An item of a feed, shared with it (not copied), shown as written.
    explicit PlannedSlide(std::shared_ptr<const Item> written);

    // The item as written, shared with the feed: a slide of a plan copies no
    // part of it. Never null on a planned slide.
    const Item& item() const;

    // As shown: this page's text in the chosen language (a statement's page,
    // without its translations); for the other kinds, the item's own.
    std::string_view text() const { return shown(text_part); }
    // The statement in the second preferred language, under the first.
    std::string_view second_text() const { return shown(second_part); }
    // A text of the slide's own, not the item's.
    void set_text(std::string text) { text_part = own_text(std::move(text)); }
    void set_second_text(std::string text) { second_part = own_text(std::move(text)); }
    static TextPart own_text(std::string text);
    // Shown in one language only.
    void drop_second()
    {
        second_part = {nullptr, -1, 0, 0};
        second_language = std::string();
    }

    std::shared_ptr<const Item> source;
    TextPart text_part;
    TextPart second_part{nullptr, -1, 0, 0};  // none
    std::string language;
    std::string second_language;
    int page = 1;                  // which part of a statement too long for one screen
    int pages = 1;
    Picture picture;               // empty when the statement has none ready
    // Chosen once for a statement shown on pages, so that its pages look alike:
    // the quote's one type size on every page (0: the largest that fits this
    // slide), and the direction of its whole text (none: from this slide's text).
    int text_px = 0;
    std::optional<TextDirection> direction;

private:
    std::string_view shown(const TextPart& part) const;
};

struct Plan {
    std::shared_ptr<const Feed> feed;  // the feed as parsed: its title, language and event
    std::vector<PlannedSlide> slides;
};

// Item i of the feed, shared with it: it lives as long as the feed does.
std::shared_ptr<const Item> item_of(const std::shared_ptr<const Feed>& feed, std::size_t i);

// Each item of a feed as one slide, as written: a feed shown without a screen
// to plan it for (tests, the soak's model of a screen).
Plan plan_as_written(std::shared_ptr<const Feed> feed);

}  // namespace placard
