#pragma once
// Planning a feed for one screen: each statement in the organiser's preferred
// languages, and statements too long for the screen split into pages at
// sentence boundaries, each page shown in turn with its own reading time.
#include <string>
#include <vector>

#include "core/feed.h"
#include "core/layout.h"

namespace placard {

// languages: the organiser's preference, most wanted first ("en", "fr"); empty
// shows every item as written. Items keep their ids; pages after the first are
// marked by Item::page and Item::pages.
Feed plan_slides(const Feed& feed, const std::vector<std::string>& languages, const SlideContext& context,
                 FontMetrics& metrics);

// Sentences in reading order, each with its trailing space: the places a long
// statement may be split.
std::vector<std::string> split_sentences(const std::string& text);

}  // namespace placard
