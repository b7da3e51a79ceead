#pragma once
// Planning a feed for one screen: each statement in the organiser's preferred
// languages, and statements too long for the screen split into pages at
// sentence boundaries, each page shown in turn with its own reading time.
#include <memory>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "core/layout/layout.h"

namespace placard {

// Plans a feed an item at a time, so that the kiosk can show the first slides
// of a long feed while the rest are planned, and never stops drawing for it.
// languages: the organiser's preference, most wanted first ("en", "fr"); empty
// shows every item as written. Items keep their ids; pages after the first are
// marked by Item::page and Item::pages.
class SlidePlanner {
public:
    SlidePlanner(std::shared_ptr<const Feed> feed, std::vector<std::string> languages, SlideContext context);

    // Plans the next item of the feed; false once every item is planned.
    bool plan_next(FontMetrics& metrics);
    bool done() const { return next_ >= source_->items.size(); }
    std::size_t items_planned() const { return next_; }
    std::size_t items_total() const { return source_->items.size(); }
    const std::shared_ptr<const Feed>& source() const { return source_; }

    // The slides planned so far (all of them once done()).
    const Feed& planned() const { return planned_; }
    Feed take() { return std::move(planned_); }

private:
    std::shared_ptr<const Feed> source_;
    std::vector<std::string> languages_;
    SlideContext context_;
    Feed planned_;
    std::size_t next_ = 0;
};

// The whole feed planned at once (preview, tests).
Feed plan_slides(const Feed& feed, const std::vector<std::string>& languages, const SlideContext& context,
                 FontMetrics& metrics);

// Sentences in reading order, each with its trailing space: the places a long
// statement may be split.
std::vector<std::string> split_sentences(const std::string& text);

}  // namespace placard
