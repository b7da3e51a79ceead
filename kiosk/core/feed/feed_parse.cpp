#include "core/feed/feed_parse.h"

#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/feed/feed_rules.h"
#include "core/feed/html_text.h"
#include "core/feed/image_header.h"
#include "core/feed/json_check.h"
#include "core/feed/json_read.h"
#include "core/feed/json_text.h"
#include "core/feed/markup_text.h"
#include "core/feed/rfc3339.h"
#include "core/feed/withheld_name.h"
#include "core/text/text.h"

namespace placard {
namespace {

using json = nlohmann::json;

// Tally fields on an item that is not a tally are checked but not shown.
constexpr std::string_view tally_keys[] = {"value", "approximate", "as_of", "source", "breakdown", "previous"};

const std::initializer_list<std::string_view> feed_members = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
    "authors", "author", "language", "expired", "hubs", "items"};
const std::initializer_list<std::string_view> item_members = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
    "date_published", "date_modified", "authors", "author", "tags", "language", "attachments"};
const std::initializer_list<std::string_view> placard_item_members = {
    "kind", "priority", "role", "organisation", "starts_at", "expires_at", "duration_seconds",
    "translations", "qr", "image_sha256", "value", "approximate", "as_of", "source", "breakdown", "previous",
    "withheld", "withdrawn"};

// Anything but false (or nothing) withholds: a mistyped value errs on the side of the speaker.
bool asks_withheld(const nlohmann::json& placard)
{
    auto it = placard.find("withheld");
    return it != placard.end() && !it->is_null() && !(it->is_boolean() && !it->get<bool>());
}

// Walks the document and builds the model; the rules for single fields are in
// FeedRules.
class FeedParser : public FeedRules {
public:
    FeedParser(FeedCheck& out, std::optional<std::int64_t> now) : FeedRules(out), now_(now) {}

    void feed(const json& root, Feed& feed);

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
};

void FeedParser::feed(const json& root, Feed& feed)
{
    const std::string at;
    feed.version = text(root, "version", at, Need::required);
    if (feed.version == "http://jsonfeed.org/version/1.1" || feed.version == "http://jsonfeed.org/version/1")
        warning("/version", "\"" + feed.version + "\" is written with http://; read as JSON Feed, but write "
                            "\"https://jsonfeed.org/version/1.1\"");
    else if (!feed.version.empty() && feed.version != "https://jsonfeed.org/version/1.1"
             && feed.version != "https://jsonfeed.org/version/1")
        error("/version", "\"" + feed.version + "\" is not a JSON Feed version; use \"https://jsonfeed.org/version/1.1\"");
    unknown_members(root, at, feed_members, false);
    feed.title = cut_text(root, "title", at, FeedLimits::max_title_chars, Need::required);
    plain_string(root, "description", at);
    plain_string(root, "user_comment", at);
    feed.language = language(root, "language", at, Need::optional);
    feed.home_page_url = url(root, "home_page_url", at);
    for (std::string_view key : {"feed_url", "next_url", "icon", "favicon"}) url(root, key, at);
    feed_speaker_ = authors(root, at);
    if (const json* ext = object_member(root, "_placard", at)) {
        const std::string p = "/_placard";
        unknown_keys(*ext, p, {"sequence", "generated_at", "refresh_seconds", "event"});
        if (auto seq = integer(*ext, "sequence", p, 0, static_cast<std::int64_t>(max_exact_integer))) feed.sequence = *seq;
        feed.generated_at = timestamp(*ext, "generated_at", p);
        if (auto r = integer(*ext, "refresh_seconds", p, 15, 86400)) feed.refresh_seconds = static_cast<int>(*r);
        if (const json* ev = object_member(*ext, "event", p)) {
            const std::string e = "/_placard/event";
            unknown_keys(*ev, e, {"name", "venue", "hashtag"});
            feed.event = {text(*ev, "name", e, FeedLimits::max_title_chars), text(*ev, "venue", e, FeedLimits::max_title_chars),
                          text(*ev, "hashtag", e, FeedLimits::max_label_chars)};
        }
    }
    auto items = root.find("items");
    if (items == root.end()) {
        error("/items", "missing; a feed needs an \"items\" array (it may be empty)");
        return;
    }
    if (!items->is_array()) {
        error("/items", "expected an array, got " + describe_json(*items));
        return;
    }
    if (items->size() > FeedLimits::max_items) {
        error("/items", "has " + std::to_string(items->size()) + " items; the limit is 2000, remove old ones");
        return;
    }
    feed.items.reserve(items->size());
    std::vector<std::size_t> places;
    std::unordered_map<std::string, std::size_t> ids;  // an id and where it was first given
    std::vector<std::string> skipped;
    std::size_t left_out = 0;
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = pointer_child("/items", i);
        std::string why;
        Item it;
        if (withdrawn((*items)[i], p)) {
            ++left_out;
            continue;
        }
        if (!(*items)[i].is_object())
            why = "an item is an object like {\"id\": ..., \"content_text\": ...}, not " + describe_json((*items)[i]);
        else why = item((*items)[i], p, it);
        std::string where = p;
        if (why.empty() && !ids.emplace(it.id, i).second) {
            why = "its id \"" + it.id + "\" is already the id of " + pointer_child("/items", ids[it.id])
                  + "; give every item its own id";
            where += "/id";
        }
        if (!why.empty()) {
            warning(where, "skipped: " + why);
            skipped.push_back(std::move(why));
            continue;
        }
        feed.items.push_back(std::move(it));
        places.push_back(i);
    }
    if (items->size() > left_out && feed.items.empty())
        error("/items", (items->size() == 1 ? std::string("the only item cannot be shown: ")
                                             : "none of the " + std::to_string(items->size()) + " items can be shown: ")
                            + skipped.front() + (skipped.size() > 1 ? " (the others: see the warnings)" : ""));
    pictures(feed, places);
}

bool FeedParser::withdrawn(const json& node, const std::string& at)
{
    if (!node.is_object()) return false;
    auto ext = node.find("_placard");
    if (ext == node.end() || !ext->is_object()) return false;
    auto flag = ext->find("withdrawn");
    if (flag == ext->end() || !flag->is_boolean() || !flag->get<bool>()) return false;
    // Nothing else of it is read: no warning may quote its text.
    auto id = node.find("id");
    std::string name = id != node.end() && id->is_string() ? sanitize_text(id->get<std::string>())
                       : id != node.end() && id->is_number_integer() ? id->dump()
                                                                      : std::string{};
    bool text_left = false;
    for (const char* key : {"title", "content_html", "content_text", "summary", "image", "authors", "author"})
        text_left = text_left || node.contains(key);
    warning(at, "withdrawn" + (name.empty() ? std::string() : " (id \"" + name + "\")") + ": not shown"
                    + (text_left ? "; its text is still in this file, and so on every screen's disk, until you keep only "
                                   "its \"id\" and \"_placard\" or remove the item"
                                 : ""));
    return true;
}

// A screen fetches the first max_pictures different pictures (an address
// and its checksum) in the order of the items; the rest are not shown.
void FeedParser::pictures(const Feed& feed, const std::vector<std::size_t>& places)
{
    std::set<std::string> seen;
    std::optional<std::size_t> first_left_out;
    for (std::size_t i = 0; i < feed.items.size(); ++i) {
        const Item& it = feed.items[i];
        if (it.image.empty() || !seen.insert(it.image + "\n" + it.image_sha256).second) continue;
        if (seen.size() > FeedLimits::max_pictures && !first_left_out) first_left_out = i;
    }
    if (!first_left_out) return;
    const std::size_t after = seen.size() - FeedLimits::max_pictures - 1;
    warning(pointer_child("/items", places[*first_left_out]) + "/image",
            "the feed names " + std::to_string(seen.size()) + " different pictures and a screen shows only the first "
                + std::to_string(FeedLimits::max_pictures) + ", so this one"
                + (after > 0 ? " and the " + std::to_string(after) + " after it are" : std::string(" is"))
                + " not shown; use at most " + std::to_string(FeedLimits::max_pictures)
                + " (a picture named twice counts once)");
}

// JSON Feed 1.1 "authors", else 1.0's "author"; returns the first name, the
// speaker shown under a statement.
std::string FeedParser::authors(const json& node, const std::string& at, std::vector<std::string>* names)
{
    auto person = [&](const json& author, const std::string& p) -> std::string {
        if (!author.is_object()) {
            error(p, "expected an author object like {\"name\": \"...\"}, got " + describe_json(author));
            return {};
        }
        // Never shown, so a mailto: or a relative address costs nothing.
        loose_url(author, "url", p, "an author's address is not shown anyway");
        loose_url(author, "avatar", p, "an author's picture is not shown anyway");
        if (!names) return cut_text(author, "name", p, FeedLimits::max_speaker_chars);
        // A withheld name is never shown, so never cut, and no message quotes it.
        names->push_back(decode_character_references(text(author, "name", p)));
        return names->back();
    };
    std::string first;
    if (const json* list = array_member(node, "authors", at)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            std::string name = person((*list)[i], pointer_child(at + "/authors", i));
            if (i == 0) first = std::move(name);
        }
    }
    if (const json* author = object_member(node, "author", at)) {
        std::string name = person(*author, at + "/author");
        if (first.empty()) first = std::move(name);
    }
    return first;
}

std::string FeedParser::item(const json& node, const std::string& at, Item& item)
{
    unknown_members(node, at, item_members, true);
    item.title = cut_text(node, "title", at, FeedLimits::max_title_chars);
    item.url = loose_url(node, "url", at, "the slide has no QR code to it");
    std::string skip = item_id(node, at, item);
    item.image = loose_url(node, "image", at, "the item has no picture");
    loose_url(node, "external_url", at, "Placard does not use it");
    loose_url(node, "banner_image", at, "Placard does not show it");
    item.language = language(node, "language", at, Need::optional);
    item.date_published = loose_timestamp(node, "date_published", at);
    loose_timestamp(node, "date_modified", at);
    const json* ext = object_member(node, "_placard", at);
    // JSON Feed: an item without authors has the feed's.
    std::vector<std::string> withheld_names;
    const bool withheld = ext && asks_withheld(*ext);
    item.speaker = authors(node, at, withheld ? &withheld_names : nullptr);
    if (item.speaker.empty()) item.speaker = feed_speaker_;
    if (ext) item_placard(*ext, at + "/_placard", item);
    // A blog post is a post; an item with a speaker and no title, a statement.
    const bool kind_given = ext && ext->contains("kind") && ext->find("kind")->is_string();
    if (!kind_given) item.kind = !item.withheld && (!item.title.empty() || item.speaker.empty()) ? ItemKind::post : ItemKind::statement;
    item_text(node, at, item);
    if (item.withheld) withhold(at, item, withheld_names);
    if (!item.image_sha256.empty() && item.image.empty())
        warning(at + "/_placard/image_sha256", "there is no \"image\" for it to check; add the picture's address as \"image\"");
    if (!item.image.empty() && (item.kind == ItemKind::tally || item.kind == ItemKind::notice))
        warning(at + "/image", "only statements, posts and pictures show a picture; this item is a " + std::string(to_string(item.kind)));
    if (skip.empty() && item.text.empty() && item.kind != ItemKind::tally && item.kind != ItemKind::picture)
        skip = "it has nothing to show: no text, title or picture (give it \"content_text\", \"content_html\", "
               "\"summary\", \"title\" or \"image\")";
    if (item.kind == ItemKind::statement && item.speaker.empty() && !item.text.empty() && !item.withheld)
        warning(at, "a statement with no speaker shows as an unattributed quote; add \"authors\": [{\"name\": \"...\"}], "
                    "or make it a notice");
    placeholder(item.text, at);
    placeholder(item.title, at + "/title");
    placeholder(item.speaker, at + "/authors");
    placeholder(item.role, at + "/_placard/role");
    placeholder(item.organisation, at + "/_placard/organisation");
    placeholder(item.tally.source, at + "/_placard/source");
    window(item, at + "/_placard");
    return skip;
}

// An item without a usable id has its url as its id, as feed readers do;
// without either it is skipped.
std::string FeedParser::item_id(const json& node, const std::string& at, Item& item)
{
    auto id = node.find("id");
    std::string fault;
    if (id == node.end() || id->is_null()) fault = "has no \"id\"";
    else if (id->is_string()) {
        item.id = text(node, "id", at);
        if (item.id.empty()) fault = "has an empty \"id\"";
    } else if (id->is_number_integer()) {
        item.id = id->dump();
        warning(at + "/id", "is a number; JSON Feed ids are strings, write \"" + item.id + "\"");
    } else fault = "has an \"id\" that is " + describe_json(*id) + ", not a string";
    if (fault.empty()) return {};
    if (item.url.empty()) return "it " + fault + " and no \"url\" to stand for one; give it a unique \"id\"";
    item.id = item.url;
    warning(at + "/id", "the item " + fault + ", so its url is its id; give it a unique \"id\" string");
    return {};
}

// The text: content_html reduced, else content_text (reduced when it holds
// HTML or Markdown), else summary, else the title. A post whose text is
// empty but which has a picture is a picture, with its caption as the text.
void FeedParser::item_text(const json& node, const std::string& at, Item& item)
{
    const std::string content_text = text(node, "content_text", at);
    const std::string content_html = text(node, "content_html", at);
    const std::string summary = text(node, "summary", at);
    std::string source;
    auto reduced = [&](const std::string& reduced_text, const char* key) {
        // Entities such as &#x202E; only become characters here.
        SanitizeReport report;
        std::string clean = sanitize_text(reduced_text, &report);
        report_removed(report, at + "/" + key);
        return clean;
    };
    if (!content_html.empty()) {
        item.text = reduced(html_to_text(content_html), "content_html");
        source = "content_html";
    }
    if (item.text.empty() && !content_text.empty()) {
        item.text = looks_like_markup(content_text) ? reduced(markup_to_text(content_text), "content_text") : content_text;
        source = "content_text";
    }
    if (item.text.empty() && !summary.empty()) {
        item.text = summary;
        source = "summary";
    }
    if (item.text.empty() && item.kind == ItemKind::post && !item.withheld) {
        std::optional<HtmlPicture> first = content_html.empty() ? std::nullopt : first_picture(content_html);
        std::string picture = item.image;
        if (picture.empty() && first) {
            picture = resolve_url(item.url, first->src);
            if (picture.empty())
                warning(at + "/content_html", "ignored: its picture \"" + first->src + "\" is not an http(s) address"
                                                  + (item.url.empty() ? " and the item has no \"url\" to read it against" : "")
                                                  + "; the item has no picture");
        }
        if (!picture.empty()) {
            item.kind = ItemKind::picture;
            item.image = picture;
            item.text = first ? reduced(first->caption, "content_html") : std::string{};
            source = "content_html";
        }
    }
    if (item.text.empty()) {
        item.text = item.title;
        source = "title";
    }
    const std::size_t n = count_code_points(item.text);
    if (n <= FeedLimits::max_item_text_chars) return;
    item.text = cut_at_paragraph(item.text, FeedLimits::max_item_text_chars);
    item.shortened = true;
    warning(at + "/" + source,
            "shortened: the text has " + std::to_string(n) + " characters and a slide shows at most "
                + std::to_string(FeedLimits::max_item_text_chars) + ", so it shows the first "
                + std::to_string(count_code_points(item.text)) + " (to the end of a paragraph or sentence)"
                + (item.url.empty() ? std::string("; add the item's \"url\" for a QR code to read on")
                                    : " and a QR code to its url to read on"));
}

void FeedParser::unknown_members(const json& node, const std::string& at, std::initializer_list<std::string_view> known,
                                 bool item_level)
{
    for (const auto& [key, value] : node.items()) {
        // "_name" is an extension for some reader; "$schema" is for text editors.
        if (key.empty() || key[0] == '_' || key == "$schema") continue;
        bool found = false;
        for (auto k : known) found = found || k == key;
        if (found) continue;
        std::string message = "unknown key, ignored";
        std::string hint = closest_name(key, known);
        std::string placard_hint = item_level ? closest_name(key, placard_item_members) : std::string{};
        if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
        else if (placard_hint == key) message += "; \"" + key + "\" belongs inside \"_placard\": {\"" + key + "\": ...}";
        else if (!placard_hint.empty())
            message += "; did you mean \"" + placard_hint + "\" inside \"_placard\": {\"" + placard_hint + "\": ...}?";
        warning(pointer_child(at, key), message);
    }
}

void FeedParser::placeholder(const std::string& text, const std::string& at)
{
    if (is_starter_placeholder(text))
        warning(at, "still the placeholder text of the starter feed; replace it with your own, or remove the item");
}

void FeedParser::window(const Item& item, const std::string& at)
{
    if (!now_) return;
    auto starts = parse_rfc3339(item.starts_at), expires = parse_rfc3339(item.expires_at);
    if (expires && *expires <= *now_)
        warning(at + "/expires_at", "expired at " + item.expires_at + ", so screens no longer show it; change "
                                    "expires_at or remove the item");
    else if (starts && *starts > *now_)
        warning(at + "/starts_at", "not started yet: screens show it from " + item.starts_at);
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

}  // namespace

const char* to_string(ItemKind kind)
{
    switch (kind) {
    case ItemKind::tally: return "tally";
    case ItemKind::notice: return "notice";
    case ItemKind::post: return "post";
    case ItemKind::picture: return "picture";
    default: return "statement";
    }
}

const char* to_string(Priority priority)
{
    switch (priority) {
    case Priority::pinned: return "pinned";
    case Priority::urgent: return "urgent";
    default: return "normal";
    }
}

bool is_starter_placeholder(std::string_view text)
{
    return text.find("(replace)") != std::string_view::npos || text.rfind("Replace this", 0) == 0
           || text.rfind("Replace with", 0) == 0 || text.rfind("A tally shows one big number", 0) == 0
           || text.find(": replace with") != std::string_view::npos;
}

FeedCheck parse_feed(std::string_view bytes, std::optional<std::int64_t> now)
{
    FeedCheck out;
    FeedParser parser(out, now);
    if (bytes.size() > FeedLimits::max_body_bytes) {
        parser.error("", "the feed is " + std::to_string(bytes.size()) + " bytes; the limit is 4 MiB, remove old items");
        return out;
    }
    // Checked before parsing so the message can say which byte, and the fix,
    // rather than the JSON parser's account of it.
    if (auto problem = not_json_text(bytes)) {
        parser.error("", *problem);
        return out;
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        parser.warning("", "starts with a byte order mark; save the file as UTF-8 without BOM");
        bytes.remove_prefix(3);
    }
    auto read = read_json(bytes);
    if (read.error) {
        const JsonReadError& e = *read.error;
        switch (e.kind) {
        case JsonReadError::Kind::duplicate_key:
            parser.error(e.pointer, "\"" + (e.path.empty() ? std::string{} : e.path.back())
                                        + "\" is given twice in one object; a reader of the file may see the first and "
                                          "the screen would show the second, so keep only one");
            break;
        case JsonReadError::Kind::number_too_large:
            parser.error(e.pointer, "the number at " + line_and_column(bytes, e.byte)
                                        + " is too large to read; use a value between -2^53 and 2^53");
            break;
        case JsonReadError::Kind::syntax:
            if (auto slip = find_json_slip(bytes, e))
                parser.error("", "not valid JSON at " + line_and_column(bytes, slip->byte) + ": " + slip->what);
            else
                parser.error("", "not valid JSON at " + line_and_column(bytes, e.byte) + " (" + e.reason
                                     + "); check the file in a JSON validator");
            break;
        }
        return out;
    }
    const json& root = read.value;
    if (auto deep = too_deep_at(bytes, max_nesting_depth)) {
        parser.error("", "nested more than " + std::to_string(max_nesting_depth) + " levels deep at "
                             + line_and_column(bytes, *deep) + "; a feed needs only a few levels, remove the extra brackets");
        return out;
    }
    if (!root.is_object()) {
        parser.error("", "expected a JSON Feed object { \"version\": ..., \"items\": [...] }, got " + describe_json(root));
        return out;
    }
    std::map<std::string, std::string> inexact;
    for (InexactNumber& n : read.inexact) inexact.emplace(std::move(n.pointer), std::move(n.text));
    parser.set_inexact(std::move(inexact));
    parser.check_string_sizes(root, "");
    Feed feed;
    parser.feed(root, feed);
    if (out.errors.empty()) out.feed = std::move(feed);
    return out;
}

std::string format_problem(std::string_view file, const FeedProblem& problem)
{
    return std::string(file) + ": " + (problem.pointer.empty() ? "/" : problem.pointer) + ": " + problem.message;
}

}  // namespace placard
