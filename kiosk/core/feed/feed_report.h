#pragma once
// What placard-feed validate says about one feed file, and the browser
// checker (kiosk/check) word for word: the characters no font of the screen
// has, and the lines that report a check.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/feed/feed_check.h"
#include "core/text/text_fit.h"

namespace placard {

// The characters of each item that no font of the screen can draw: a warning
// for each field that has some, naming them, since they show as empty boxes.
// bytes are the feed's, for the place of each item ("/items/3"); the items
// of a feed that is not JSON (a sheet) are numbered as read.
std::vector<FeedProblem> glyph_warnings(const Feed& feed, std::string_view bytes, FontMetrics& fonts);

struct FeedReport {
    std::vector<std::string> problems;  // "FILE: /pointer: warning: ..." then "FILE: /pointer: ...", for standard error
    std::string verdict;                // "FILE: valid (3 items)" or "FILE: invalid (2 errors)", for standard output
};
FeedReport report_of(std::string_view file, const FeedCheck& check);

// "FILE: larger than 4096 KiB; is this the right file?": a file of more than
// max_bytes, refused before it is read whole.
std::string too_large_message(std::string_view file, std::size_t max_bytes);

}  // namespace placard
