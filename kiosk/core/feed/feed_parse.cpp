#include "core/feed/feed_parse.h"

#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/feed/feed_parser.h"
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
namespace feed_detail {
namespace {

const std::initializer_list<std::string_view> feed_members = {
    "version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon", "favicon",
    "authors", "author", "language", "expired", "hubs", "items"};
const std::initializer_list<std::string_view> item_members = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
    "date_published", "date_modified", "authors", "author", "tags", "language", "attachments"};

}  // namespace

void FeedParser::feed(json& root, Feed& feed)
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
        unknown_keys(*ext, p, {"sequence", "generated_at", "refresh_seconds", "event", "words"});
        if (auto seq = integer(*ext, "sequence", p, 0, static_cast<std::int64_t>(max_exact_integer))) feed.sequence = *seq;
        feed.generated_at = timestamp(*ext, "generated_at", p);
        if (auto r = integer(*ext, "refresh_seconds", p, 15, 86400)) feed.refresh_seconds = static_cast<int>(*r);
        if (const json* ev = object_member(*ext, "event", p)) {
            const std::string e = "/_placard/event";
            unknown_keys(*ev, e, {"name", "venue", "hashtag"});
            feed.event = {text(*ev, "name", e, FeedLimits::max_title_chars), text(*ev, "venue", e, FeedLimits::max_title_chars),
                          text(*ev, "hashtag", e, FeedLimits::max_label_chars)};
        }
        if (auto w = ext->find("words"); w != ext->end() && !w->is_null()) words(*w, p + "/words", feed.words);
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
        // Read once: its strings go now, not with the whole document.
        const json node = take_item(*items, i);
        std::string p = pointer_child("/items", i);
        std::string why;
        Item it;
        if (withdrawn(node, p)) {
            ++left_out;
            continue;
        }
        if (!node.is_object())
            why = "an item is an object like {\"id\": ..., \"content_text\": ...}, not " + describe_json(node);
        else why = item(node, p, it);
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

json FeedParser::take_item(json& items, std::size_t i) const
{
    json& slot = items[i];
    if (!slot.is_discarded()) return std::exchange(slot, nullptr);
    // Deferred by read_json: its text was read and checked already.
    const TextSpan span = i < deferred_.size() ? deferred_[i] : TextSpan{};
    JsonRead again = read_json(text_.substr(span.begin, span.end - span.begin));
    slot = nullptr;
    return again.error ? json(nullptr) : std::move(again.value);
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

}  // namespace feed_detail

using feed_detail::FeedParser;
using feed_detail::json;


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
    // The items are read one at a time (each checked as the whole is read,
    // then read again when its Item is made): the document of a 4 MiB feed
    // is never held whole beside the feed made of it. An item with a string
    // past the limit stays in the document, where the size check finds it.
    DeferObjects items{"items", [](const json& item) { return has_string_longer_than(item, FeedLimits::max_string_bytes); }};
    auto read = read_json(bytes, {}, items);
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
    json& root = read.value;
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
    parser.set_deferred(bytes, std::move(read.deferred));
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
