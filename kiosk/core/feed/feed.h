#pragma once
// The feed model: what a Placard feed (JSON Feed 1.0/1.1 plus `_placard`) says,
// after parsing, text resolution and sanitising. Plain values, no behaviour.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/words/slide_words.h"

namespace placard {

// statement: a quote and its speaker. tally: one big number. notice: a
// heading and text from the organisers. post: a blog post (its title, first
// paragraphs, date and a QR code to read on). picture: a post that is only a
// picture, shown large with its caption.
enum class ItemKind { statement, tally, notice, post, picture };
enum class Priority { normal, pinned, urgent };

struct BreakdownEntry {
    std::string label;
    double value = 0;
};

struct Translation {
    std::string language;
    std::string text;
};

struct Tally {
    double value = 0;
    bool approximate = false;
    std::string as_of;   // RFC 3339 date or date-time, as written in the feed
    std::string source;
    std::vector<BreakdownEntry> breakdown;
    std::optional<double> previous_value;  // an earlier count, shown as the change since then
    std::string previous_as_of;
};

struct Item {
    std::string id;
    ItemKind kind = ItemKind::statement;
    Priority priority = Priority::normal;
    std::string title;
    std::string text;  // content_text, else content_html reduced, else summary, else title
    std::string speaker;
    std::string role;
    std::string organisation;
    std::string language;
    std::string url;
    std::string image;         // a photo of the speaker or a logo (JSON Feed's "image")
    std::string image_sha256;  // its SHA-256, required for it to be shown when the feed is signed
    std::string date_published;
    std::string starts_at;
    std::string expires_at;
    std::optional<int> duration_seconds;
    Tally tally;  // meaningful when kind == tally
    std::vector<Translation> translations;
    bool qr = true;  // a QR code of url on the slide (when the organiser allows them)
    // The text is the beginning of a longer one, cut at a paragraph or sentence
    // end to fit the limit; the rest is read at url.
    bool shortened = false;
    // The speaker asked not to be named: the feed's name, role, organisation
    // and picture for the item are dropped when it is read, and the slide says
    // attribution instead (empty: a default in the slide's language).
    bool withheld = false;
    std::string attribution;
};

struct Event {
    std::string name;
    std::string venue;
    std::string hashtag;
};

struct Feed {
    std::string version;
    std::string title;
    std::string language;
    std::string home_page_url;
    std::optional<std::int64_t> sequence;
    std::string generated_at;
    std::optional<int> refresh_seconds;
    Event event;
    WordOverrides words;  // _placard.words: the event's own wording of slide words, by language
    std::vector<Item> items;
};

const char* to_string(ItemKind kind);
const char* to_string(Priority priority);

}  // namespace placard
