#pragma once
// Planning a feed for one screen: each statement in the organiser's preferred
// languages, and statements too long for the screen split into pages at
// sentence boundaries, each page shown in turn with its own reading time.
#include <memory>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "core/plan/plan.h"

namespace placard {

// Whether a planned slide's text fits the screen it is planned for. Layout
// answers (core/layout/slide_fit.h), so planning needs no fonts of its own and
// sits below layout.
class SlideFit {
public:
    virtual ~SlideFit() = default;
    virtual bool fits(const PlannedSlide& slide) = 0;
    // The largest type size at which every page of one statement fits, to set
    // them all in (PlannedSlide::text_px); 0 leaves each page its own size.
    virtual int common_text_px(const std::vector<PlannedSlide>& pages)
    {
        (void)pages;
        return 0;
    }
};

// Plans a feed an item at a time, so that the kiosk can show the first slides
// of a long feed while the rest are planned, and never stops drawing for it.
// languages: the organiser's preference, most wanted first ("en", "fr"); empty
// shows every item as written. pictures: the ones ready, by item id. Slides
// keep their items' ids; pages after the first are marked by page and pages.
// A statement's whitespace is tidied (tidy_paragraphs); one with no text left
// makes no slide. Its pages share one type size and one direction.
class SlidePlanner {
public:
    SlidePlanner(std::shared_ptr<const Feed> feed, std::vector<std::string> languages, Pictures pictures = {});

    // Plans the next item of the feed; false once every item is planned.
    bool plan_next(SlideFit& fit);
    bool done() const { return next_ >= source_->items.size(); }
    std::size_t items_planned() const { return next_; }
    std::size_t items_total() const { return source_->items.size(); }
    const std::shared_ptr<const Feed>& source() const { return source_; }

    // The slides planned so far (all of them once done()).
    const Plan& planned() const { return planned_; }
    // The whole plan, its list of slides no longer than it is (grown while
    // planning, it may hold room for nearly as many again).
    Plan take()
    {
        planned_.slides.shrink_to_fit();
        return std::move(planned_);
    }

private:
    std::shared_ptr<const Feed> source_;
    std::vector<std::string> languages_;
    Pictures pictures_;
    Plan planned_;
    std::size_t next_ = 0;
};

// Sentences in reading order, each with the space or newlines after it: the
// places a long statement may be split. A sentence ends at a full stop,
// question or exclamation mark (closing quotes and brackets after it kept with
// it) followed by a space, a newline or the end, and at every newline. A full
// stop does not end one after an abbreviation ("Dr.", "e.g.", "U.S.", an
// initial), before a word in lower case, or after a day's number before a
// month ("am 9. Januar").
std::vector<std::string> split_sentences(const std::string& text);

}  // namespace placard
