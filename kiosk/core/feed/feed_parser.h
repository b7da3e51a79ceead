#pragma once
// Inside the feed room: the parser that walks a feed's document and builds the
// model. parse_feed (feed_parse.h) is its only user; feed_parse.cpp walks JSON
// Feed's own members, feed_placard.cpp the `_placard` extension of an item.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/feed/feed_check.h"
#include "core/feed/feed_rules.h"
#include "core/feed/json_read.h"

namespace placard::feed_detail {

using json = nlohmann::json;

extern const std::initializer_list<std::string_view> placard_item_members;

// Anything but false (or nothing) withholds: a mistyped value errs on the side of the speaker.
bool asks_withheld(const json& placard);


// Walks the document and builds the model; the rules for single fields are in
// FeedRules.
class FeedParser : public FeedRules {
public:
    FeedParser(FeedCheck& out, std::optional<std::int64_t> now) : FeedRules(out), now_(now) {}

    // The items read_json deferred: the feed's text and where each is in it.
    void set_deferred(std::string_view text, std::vector<TextSpan> spans)
    {
        text_ = text;
        deferred_ = std::move(spans);
    }
    // Each item's JSON is released as soon as its Item is made (and a
    // deferred one read only then), so the document and the feed are not
    // both held whole.
    void feed(json& root, Feed& feed);

private:
    // Members JSON Feed defines, which other readers use: not Placard's to warn about.
    void unknown_members(const json& node, const std::string& at, std::initializer_list<std::string_view> known,
                         bool item_level);
    void placeholder(const std::string& text, const std::string& at);
    void window(const Item& item, const std::string& at);
    // `places`: each item's index in the feed's "items", counting those skipped.
    void pictures(const Feed& feed, const std::vector<std::size_t>& places);
    // An item marked "withdrawn": true, left out as if absent; one line names its id.
    bool withdrawn(const json& node, const std::string& at);

    // Item i's JSON, taken out of the document (or read from its text).
    json take_item(json& items, std::size_t i) const;

    std::string_view text_;
    std::vector<TextSpan> deferred_;
    std::optional<std::int64_t> now_;
    std::string feed_speaker_;  // the feed's first author, whom items without authors inherit
    // The first name, the speaker; all of them in `names` when it is given, read without a warning that quotes them.
    std::string authors(const json& node, const std::string& at, std::vector<std::string>* names = nullptr);
    // Why the item is skipped; empty when it is kept.
    std::string item(const json& node, const std::string& at, Item& item);
    std::string item_id(const json& node, const std::string& at, Item& item);
    void item_text(const json& node, const std::string& at, Item& item);
    void item_placard(const json& node, const std::string& at, Item& item);
    void item_withheld(const json& node, const std::string& at, Item& item);
    void withhold(const std::string& at, Item& item, const std::vector<std::string>& names);
    void translations(const json& node, const std::string& at, Item& item);
    void tally(const json& node, const std::string& at, Tally& tally, Need need);
    // `_placard.words` of the feed (feed_words.cpp).
    void words(const json& node, const std::string& at, WordOverrides& out);
};


}  // namespace placard::feed_detail
