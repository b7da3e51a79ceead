#include "core/feed_parse.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/html_text.h"
#include "core/json_check.h"
#include "core/rfc3339.h"
#include "core/text.h"

namespace placard {
namespace {

using json = nlohmann::json;

enum class Need { optional, required };

constexpr double max_exact_integer = 9007199254740992.0;  // 2^53

class FeedParser {
public:
    explicit FeedParser(FeedCheck& out) : out_(out) {}

    void error(std::string pointer, std::string message) { out_.errors.push_back({std::move(pointer), std::move(message)}); }
    void warning(std::string pointer, std::string message) { out_.warnings.push_back({std::move(pointer), std::move(message)}); }

    // Reads a string member meant for the screen: sanitised, with a warning when
    // anything had to be removed.
    std::string text(const json& object, std::string_view key, const std::string& at, Need need = Need::optional)
    {
        std::string ptr = pointer_child(at, key);
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (need == Need::required) error(ptr, "missing; add a string here");
            return {};
        }
        if (!it->is_string()) {
            error(ptr, "expected a string, got " + describe_json(*it));
            return {};
        }
        const auto& raw = it->get_ref<const std::string&>();
        SanitizeReport report;
        std::string clean = sanitize_text(raw, &report);
        if (report.bidi_overrides_removed > 0)
            warning(ptr, std::to_string(report.bidi_overrides_removed)
                             + " bidi override or isolate character(s) removed: they could reorder what attendees read");
        if (report.controls_removed > 0)
            warning(ptr, std::to_string(report.controls_removed) + " control or invisible character(s) removed");
        return clean;
    }

    std::string timestamp(const json& object, std::string_view key, const std::string& at)
    {
        std::string value = text(object, key, at);
        if (!value.empty() && !parse_rfc3339(value))
            error(pointer_child(at, key), "\"" + value + "\" is not an RFC 3339 date-time; write it like 2013-12-11T10:00:00Z");
        return value;
    }

    std::string url(const json& object, std::string_view key, const std::string& at)
    {
        std::string value = text(object, key, at);
        if (!value.empty() && value.rfind("https://", 0) != 0 && value.rfind("http://", 0) != 0) {
            error(pointer_child(at, key), "\"" + value + "\" is not an http(s) URL; use a link that starts with https://");
            return {};
        }
        return value;
    }

    std::optional<double> number(const json& object, std::string_view key, const std::string& at, Need need)
    {
        std::string ptr = pointer_child(at, key);
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (need == Need::required) error(ptr, "missing; add a number here");
            return std::nullopt;
        }
        if (!it->is_number()) {
            error(ptr, "expected a number, got " + describe_json(*it));
            return std::nullopt;
        }
        double v = it->get<double>();
        if (!std::isfinite(v) || std::fabs(v) > max_exact_integer) {
            error(ptr, "the number is out of range; use a value between -2^53 and 2^53");
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::int64_t> integer(const json& object, std::string_view key, const std::string& at,
                                        std::int64_t min, std::int64_t max)
    {
        auto v = number(object, key, at, Need::optional);
        if (!v) return std::nullopt;
        std::string ptr = pointer_child(at, key);
        if (*v != std::floor(*v)) {
            error(ptr, "expected a whole number, got " + describe_json(object.at(std::string(key))));
            return std::nullopt;
        }
        if (*v < static_cast<double>(min) || *v > static_cast<double>(max)) {
            error(ptr, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got "
                           + describe_json(object.at(std::string(key))));
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*v);
    }

    const json* object_member(const json& object, std::string_view key, const std::string& at)
    {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return nullptr;
        if (!it->is_object()) {
            error(pointer_child(at, key), "expected an object, got " + describe_json(*it));
            return nullptr;
        }
        return &*it;
    }

    const json* array_member(const json& object, std::string_view key, const std::string& at)
    {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return nullptr;
        if (!it->is_array()) {
            error(pointer_child(at, key), "expected an array, got " + describe_json(*it));
            return nullptr;
        }
        return &*it;
    }

    void unknown_keys(const json& object, const std::string& at, std::initializer_list<std::string_view> known)
    {
        for (const auto& [key, value] : object.items()) {
            bool found = false;
            for (auto k : known) found = found || k == key;
            if (found) continue;
            std::string hint = closest_name(key, known);
            warning(pointer_child(at, key), "unknown key, ignored" + (hint.empty() ? std::string{} : "; did you mean \"" + hint + "\"?"));
        }
    }

    void check_string_sizes(const json& value, const std::string& at)
    {
        if (value.is_string()) {
            if (value.get_ref<const std::string&>().size() > FeedLimits::max_string_bytes)
                error(at, "string longer than 64 KiB; shorten it or split the item");
        } else if (value.is_object()) {
            for (const auto& [key, child] : value.items()) check_string_sizes(child, pointer_child(at, key));
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) check_string_sizes(value[i], pointer_child(at, i));
        }
    }

    void feed(const json& root, Feed& feed);
    void item(const json& node, const std::string& at, Item& item);
    void item_placard(const json& node, const std::string& at, Item& item);
    void tally(const json& node, const std::string& at, Tally& tally);

private:
    FeedCheck& out_;
};

void FeedParser::feed(const json& root, Feed& feed)
{
    const std::string at;
    feed.version = text(root, "version", at, Need::required);
    if (!feed.version.empty() && feed.version != "https://jsonfeed.org/version/1.1"
        && feed.version != "https://jsonfeed.org/version/1")
        error("/version", "\"" + feed.version + "\" is not a JSON Feed version; use \"https://jsonfeed.org/version/1.1\"");
    feed.title = text(root, "title", at, Need::required);
    feed.language = text(root, "language", at);
    feed.home_page_url = url(root, "home_page_url", at);
    if (const json* ext = object_member(root, "_placard", at)) {
        const std::string p = "/_placard";
        unknown_keys(*ext, p, {"sequence", "generated_at", "refresh_seconds", "event"});
        if (auto seq = integer(*ext, "sequence", p, 0, static_cast<std::int64_t>(max_exact_integer))) feed.sequence = *seq;
        feed.generated_at = timestamp(*ext, "generated_at", p);
        if (auto r = integer(*ext, "refresh_seconds", p, 15, 86400)) feed.refresh_seconds = static_cast<int>(*r);
        if (const json* ev = object_member(*ext, "event", p)) {
            const std::string e = "/_placard/event";
            unknown_keys(*ev, e, {"name", "venue", "hashtag"});
            feed.event = {text(*ev, "name", e), text(*ev, "venue", e), text(*ev, "hashtag", e)};
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
    for (std::size_t i = 0; i < items->size(); ++i) {
        std::string p = pointer_child("/items", i);
        if (!(*items)[i].is_object()) {
            error(p, "expected an item object, got " + describe_json((*items)[i]));
            continue;
        }
        Item it;
        item((*items)[i], p, it);
        for (const Item& earlier : feed.items)
            if (!it.id.empty() && earlier.id == it.id)
                error(p + "/id", "duplicate id \"" + it.id + "\"; every item needs its own id");
        feed.items.push_back(std::move(it));
    }
}

void FeedParser::item(const json& node, const std::string& at, Item& item)
{
    auto id = node.find("id");
    if (id == node.end() || id->is_null()) error(at + "/id", "missing; give every item a unique \"id\" string");
    else if (id->is_string()) item.id = text(node, "id", at);
    else if (id->is_number_integer()) {
        item.id = id->dump();
        warning(at + "/id", "is a number; JSON Feed ids are strings, write \"" + item.id + "\"");
    } else error(at + "/id", "expected a string, got " + describe_json(*id));
    if (id != node.end() && id->is_string() && item.id.empty()) error(at + "/id", "is empty; give the item a unique id");

    item.title = text(node, "title", at);
    std::string content_text = text(node, "content_text", at);
    std::string content_html = text(node, "content_html", at);
    std::string summary = text(node, "summary", at);
    if (!content_text.empty()) item.text = content_text;
    else if (!content_html.empty()) item.text = sanitize_text(html_to_text(content_html));
    else if (!summary.empty()) item.text = summary;
    else item.text = item.title;
    if (count_code_points(item.text) > FeedLimits::max_item_text_chars)
        error(at, "item text has " + std::to_string(count_code_points(item.text))
                      + " characters; the limit is 4000, shorten it or split it into several items");

    item.url = url(node, "url", at);
    item.language = text(node, "language", at);
    item.date_published = timestamp(node, "date_published", at);
    timestamp(node, "date_modified", at);
    if (const json* authors = array_member(node, "authors", at); authors && !authors->empty()) {
        if ((*authors)[0].is_object()) item.speaker = text((*authors)[0], "name", at + "/authors/0");
        else error(at + "/authors/0", "expected an author object like {\"name\": \"...\"}, got " + describe_json((*authors)[0]));
    } else if (const json* author = object_member(node, "author", at)) {
        item.speaker = text(*author, "name", at + "/author");
    }
    if (const json* ext = object_member(node, "_placard", at)) item_placard(*ext, at + "/_placard", item);
    if (item.text.empty() && item.kind != ItemKind::tally)
        error(at, "item has no text; add \"content_text\" (or content_html, summary or title)");
}

void FeedParser::item_placard(const json& node, const std::string& at, Item& item)
{
    unknown_keys(node, at, {"kind", "priority", "role", "organisation", "starts_at", "expires_at", "duration_seconds",
                            "translations", "value", "approximate", "as_of", "source", "breakdown"});
    std::string kind = text(node, "kind", at);
    if (kind == "tally") item.kind = ItemKind::tally;
    else if (kind == "notice") item.kind = ItemKind::notice;
    else if (!kind.empty() && kind != "statement")
        error(at + "/kind", "unknown kind \"" + kind + "\"; use \"statement\", \"tally\" or \"notice\"");
    std::string priority = text(node, "priority", at);
    if (priority == "pinned") item.priority = Priority::pinned;
    else if (priority == "urgent") item.priority = Priority::urgent;
    else if (!priority.empty() && priority != "normal")
        error(at + "/priority", "unknown priority \"" + priority + "\"; use \"normal\", \"pinned\" or \"urgent\"");
    item.role = text(node, "role", at);
    item.organisation = text(node, "organisation", at);
    item.starts_at = timestamp(node, "starts_at", at);
    item.expires_at = timestamp(node, "expires_at", at);
    auto starts = parse_rfc3339(item.starts_at), expires = parse_rfc3339(item.expires_at);
    if (starts && expires && *expires <= *starts)
        error(at + "/expires_at", "is not after starts_at; an item must expire after it starts");
    if (auto d = integer(node, "duration_seconds", at, 1, FeedLimits::max_duration_seconds))
        item.duration_seconds = static_cast<int>(*d);
    if (const json* translations = array_member(node, "translations", at)) {
        for (std::size_t i = 0; i < translations->size(); ++i) {
            std::string p = pointer_child(at + "/translations", i);
            const json& t = (*translations)[i];
            if (!t.is_object()) {
                error(p, "expected {\"language\": ..., \"content_text\": ...}, got " + describe_json(t));
                continue;
            }
            item.translations.push_back({text(t, "language", p, Need::required), text(t, "content_text", p, Need::required)});
        }
    }
    if (item.kind == ItemKind::tally) tally(node, at, item.tally);
}

void FeedParser::tally(const json& node, const std::string& at, Tally& tally)
{
    if (auto v = number(node, "value", at, Need::required)) {
        if (*v < 0) error(at + "/value", "a tally counts something and cannot be negative");
        else tally.value = *v;
    }
    if (auto it = node.find("approximate"); it != node.end() && !it->is_null()) {
        if (it->is_boolean()) tally.approximate = it->get<bool>();
        else error(at + "/approximate", "expected true or false, got " + describe_json(*it));
    }
    tally.as_of = text(node, "as_of", at);
    if (!tally.as_of.empty() && !parse_rfc3339_date_or_time(tally.as_of))
        error(at + "/as_of", "\"" + tally.as_of + "\" is not a date; write it like 2013-12-11");
    tally.source = text(node, "source", at);
    if (const json* breakdown = array_member(node, "breakdown", at)) {
        for (std::size_t i = 0; i < breakdown->size(); ++i) {
            std::string p = pointer_child(at + "/breakdown", i);
            const json& b = (*breakdown)[i];
            if (!b.is_object()) {
                error(p, "expected {\"label\": ..., \"value\": ...}, got " + describe_json(b));
                continue;
            }
            BreakdownEntry entry{text(b, "label", p, Need::required), 0};
            if (auto v = number(b, "value", p, Need::required)) entry.value = *v;
            tally.breakdown.push_back(std::move(entry));
        }
    }
}

}  // namespace

const char* to_string(ItemKind kind)
{
    switch (kind) {
    case ItemKind::tally: return "tally";
    case ItemKind::notice: return "notice";
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

FeedCheck parse_feed(std::string_view bytes)
{
    FeedCheck out;
    FeedParser parser(out);
    if (bytes.size() > FeedLimits::max_body_bytes) {
        parser.error("", "the feed is " + std::to_string(bytes.size()) + " bytes; the limit is 4 MiB, remove old items");
        return out;
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        parser.warning("", "starts with a byte order mark; save the file as UTF-8 without BOM");
        bytes.remove_prefix(3);
    }
    json root;
    try {
        root = json::parse(bytes);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        auto pos = what.find("syntax error");
        std::string reason = pos == std::string::npos ? what : what.substr(pos);
        parser.error("", "not valid JSON at " + line_and_column(bytes, e.byte > 0 ? e.byte - 1 : 0) + " (" + reason
                             + "); check the file in a JSON validator");
        return out;
    }
    if (!root.is_object()) {
        parser.error("", "expected a JSON Feed object { \"version\": ..., \"items\": [...] }, got " + describe_json(root));
        return out;
    }
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
