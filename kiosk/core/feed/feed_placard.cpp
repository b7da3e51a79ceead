// The `_placard` extension of an item: its kind, priority, window, tally,
// translations and a withheld speaker. Mistakes here refuse the feed.
#include <cctype>

#include "core/feed/feed_parser.h"
#include "core/feed/image_header.h"
#include "core/feed/json_check.h"
#include "core/feed/json_text.h"
#include "core/feed/rfc3339.h"
#include "core/feed/withheld_name.h"
#include "core/text/text.h"

namespace placard::feed_detail {
namespace {

// Tally fields on an item that is not a tally are checked but not shown.
constexpr std::string_view tally_keys[] = {"value", "approximate", "as_of", "source", "breakdown", "previous"};

}  // namespace

const std::initializer_list<std::string_view> placard_item_members = {
    "kind", "priority", "role", "organisation", "starts_at", "expires_at", "duration_seconds",
    "translations", "qr", "image_sha256", "value", "approximate", "as_of", "source", "breakdown", "previous",
    "withheld", "withdrawn"};

bool asks_withheld(const json& placard)
{
    auto it = placard.find("withheld");
    return it != placard.end() && !it->is_null() && !(it->is_boolean() && !it->get<bool>());
}

void FeedParser::item_placard(const json& node, const std::string& at, Item& item)
{
    unknown_keys(node, at, placard_item_members);
    // An empty string is a mistake too, not a way of asking for the default.
    auto given = [&](std::string_view key) { return node.contains(key) && node.find(key)->is_string(); };
    std::string kind = text(node, "kind", at);
    if (kind == "tally") item.kind = ItemKind::tally;
    else if (kind == "notice") item.kind = ItemKind::notice;
    else if (kind == "post") item.kind = ItemKind::post;
    else if (kind == "statement") item.kind = ItemKind::statement;
    else if (given("kind"))
        error(at + "/kind", "unknown kind \"" + kind + "\"; use \"statement\", \"post\", \"tally\" or \"notice\"");
    std::string priority = text(node, "priority", at);
    if (priority == "pinned") item.priority = Priority::pinned;
    else if (priority == "urgent") item.priority = Priority::urgent;
    else if (given("priority") && priority != "normal")
        error(at + "/priority", "unknown priority \"" + priority + "\"; use \"normal\", \"pinned\" or \"urgent\"");
    item.role = text(node, "role", at, FeedLimits::max_attribution_chars);
    item.organisation = text(node, "organisation", at, FeedLimits::max_attribution_chars);
    item.starts_at = timestamp(node, "starts_at", at);
    item.expires_at = timestamp(node, "expires_at", at);
    auto starts = parse_rfc3339(item.starts_at), expires = parse_rfc3339(item.expires_at);
    if (starts && expires && *expires <= *starts)
        error(at + "/expires_at", "is not after starts_at; an item must expire after it starts");
    if (auto d = integer(node, "duration_seconds", at, 1, FeedLimits::max_duration_seconds))
        item.duration_seconds = static_cast<int>(*d);
    translations(node, at, item);
    item_withheld(node, at, item);
    // A withheld speaker's link may be a page that names them: a QR code only when asked for.
    item.qr = boolean(node, "qr", at).value_or(!item.withheld);
    boolean(node, "withdrawn", at);  // true is taken before the item is read; only its type is checked here
    item.image_sha256 = text(node, "image_sha256", at);
    if (!item.image_sha256.empty() && !is_sha256_hex(item.image_sha256))
        error(at + "/image_sha256", "is not a SHA-256 (64 hex digits); write what `sha256sum` prints for the image file");
    for (char& c : item.image_sha256) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (item.kind == ItemKind::tally) {
        tally(node, at, item.tally, Need::required);
        return;
    }
    bool has_tally_keys = false;
    for (std::string_view key : tally_keys) {
        if (!node.contains(key)) continue;
        has_tally_keys = true;
        warning(pointer_child(at, key), "only used when \"kind\" is \"tally\"; add \"kind\": \"tally\" or remove it");
    }
    Tally unused;
    if (has_tally_keys) tally(node, at, unused, Need::optional);
}

// "withheld": true, or {"attribution": "..."}: the editor's words in place of the speaker's.
void FeedParser::item_withheld(const json& node, const std::string& at, Item& item)
{
    item.withheld = asks_withheld(node);
    if (!item.withheld) return;
    const json& value = *node.find("withheld");
    const std::string p = at + "/withheld";
    if (!value.is_boolean() && !value.is_object())
        warning(p, "read as true: expected true, false or {\"attribution\": \"...\"}, got " + describe_json(value)
                       + "; write true to withhold the speaker's identity");
    if (!value.is_object()) return;
    unknown_keys(value, p, {"attribution"});
    item.attribution = cut_text(value, "attribution", p, FeedLimits::max_attribution_chars);
    if (value.contains("attribution") && value.find("attribution")->is_string() && item.attribution.empty())
        warning(p + "/attribution", "is empty, so the slide shows the default in its language; write the words to show "
                                    "in place of the speaker, or write \"withheld\": true");
}

// A withheld item keeps nothing that says who spoke: the name, role,
// organisation and picture go now, so no slide, log, report or screenshot can
// carry them, and no picture is fetched. What is left is checked for the name.
void FeedParser::withhold(const std::string& at, Item& item, const std::vector<std::string>& names)
{
    if (!item.image.empty())
        warning(at + "/image", "not fetched or shown: the item withholds its speaker's identity and a picture could show "
                               "who they are; remove \"image\"");
    for (auto [field, key] : {std::pair{&item.role, "role"}, std::pair{&item.organisation, "organisation"}})
        if (!field->empty())
            warning(at + "/_placard/" + key, "not shown: the item withholds its speaker's identity; write what may be "
                                             "said of them in \"withheld\": {\"attribution\": \"...\"}");
    item.speaker.clear();
    item.role.clear();
    item.organisation.clear();
    item.image.clear();
    item.image_sha256.clear();
    const std::vector<std::u32string> words = name_words(names);
    auto check = [&](const std::string& text, const std::string& pointer, std::string_view what) {
        for (const std::u32string& word : words)
            if (contains_name_word(text, word)) {
                warning(pointer, std::string(what) + " holds the withheld speaker's name (a word of \"authors\"), so "
                                                     "the screen would show it; take the name out, or do not withhold them");
                return;
            }
    };
    check(item.id, at + "/id", "the id, which screens report and log,");
    check(item.title, at + "/title", "the title");
    check(item.text, at, "the text");
    check(item.url, at + "/url", "the link");
    check(item.attribution, at + "/_placard/withheld/attribution", "the attribution");
    for (std::size_t i = 0; i < item.translations.size(); ++i)
        check(item.translations[i].text, pointer_child(at + "/_placard/translations", i) + "/content_text", "the translation");
}

void FeedParser::translations(const json& node, const std::string& at, Item& item)
{
    const json* list = array_member(node, "translations", at);
    if (!list) return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        std::string p = pointer_child(at + "/translations", i);
        const json& t = (*list)[i];
        if (!t.is_object()) {
            error(p, "expected {\"language\": ..., \"content_text\": ...}, got " + describe_json(t));
            continue;
        }
        unknown_keys(t, p, {"language", "content_text"});
        Translation translation{language(t, "language", p, Need::required), text(t, "content_text", p, Need::required)};
        if (auto it = t.find("content_text"); it != t.end() && it->is_string() && translation.text.empty())
            error(p + "/content_text", "is empty; write the translated text here, or remove this translation");
        check_text_length(translation.text, p + "/content_text", "the translation");
        item.translations.push_back(std::move(translation));
    }
}

void FeedParser::tally(const json& node, const std::string& at, Tally& tally, Need need)
{
    if (auto v = count(node, "value", at, need)) tally.value = *v;
    if (auto approximate = boolean(node, "approximate", at)) tally.approximate = *approximate;
    tally.as_of = text(node, "as_of", at);
    if (!tally.as_of.empty() && !parse_rfc3339_date_or_time(tally.as_of))
        error(at + "/as_of", "\"" + tally.as_of + "\" is not a date; write it like 2013-12-11");
    tally.source = text(node, "source", at, FeedLimits::max_attribution_chars);
    if (const json* previous = object_member(node, "previous", at)) {
        std::string p = at + "/previous";
        unknown_keys(*previous, p, {"value", "as_of"});
        if (auto v = count(*previous, "value", p, Need::required)) tally.previous_value = *v;
        tally.previous_as_of = text(*previous, "as_of", p, Need::required);
        if (!tally.previous_as_of.empty() && !parse_rfc3339_date_or_time(tally.previous_as_of))
            error(p + "/as_of", "\"" + tally.previous_as_of + "\" is not a date; write it like 2013-11-01");
    }
    const json* breakdown = array_member(node, "breakdown", at);
    if (!breakdown) return;
    if (breakdown->size() > FeedLimits::max_breakdown_entries)
        error(at + "/breakdown", "has " + std::to_string(breakdown->size()) + " parts; at most "
                                     + std::to_string(FeedLimits::max_breakdown_entries)
                                     + " can be read as bars, so group the smallest as \"Other\"");
    for (std::size_t i = 0; i < breakdown->size(); ++i) {
        std::string p = pointer_child(at + "/breakdown", i);
        const json& b = (*breakdown)[i];
        if (!b.is_object()) {
            error(p, "expected {\"label\": ..., \"value\": ...}, got " + describe_json(b));
            continue;
        }
        unknown_keys(b, p, {"label", "value"});
        BreakdownEntry entry{text(b, "label", p, FeedLimits::max_label_chars, Need::required), 0};
        if (auto v = count(b, "value", p, Need::required)) entry.value = *v;
        tally.breakdown.push_back(std::move(entry));
    }
}


}  // namespace placard::feed_detail
