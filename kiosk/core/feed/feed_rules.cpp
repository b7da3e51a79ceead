#include "core/feed/feed_rules.h"

#include "core/feed/html_text.h"

#include <cmath>
#include <optional>
#include <vector>

#include "core/feed/exact_number.h"
#include "core/feed/html_text.h"
#include "core/feed/json_check.h"
#include "core/feed/rfc3339.h"
#include "core/text/text.h"

namespace placard {
namespace {

// Integers are compared exactly: 2^53 + 1 would round to 2^53 as a double and
// slip through a floating-point comparison.
bool beyond_exact_range(const nlohmann::json& n)
{
    constexpr std::uint64_t limit = std::uint64_t{1} << 53;
    if (n.is_number_unsigned()) return n.get<std::uint64_t>() > limit;
    if (n.is_number_integer()) {
        const std::int64_t v = n.get<std::int64_t>();
        return v > static_cast<std::int64_t>(limit) || v < -static_cast<std::int64_t>(limit);
    }
    const double d = n.get<double>();
    return !std::isfinite(d) || std::fabs(d) > max_exact_integer;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void FeedRules::error(std::string pointer, std::string message)
{
    out_.errors.push_back({std::move(pointer), std::move(message)});
}

void FeedRules::warning(std::string pointer, std::string message)
{
    out_.warnings.push_back({std::move(pointer), std::move(message)});
}

std::string FeedRules::text(const json& object, std::string_view key, const std::string& at, Need need)
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
    report_removed(report, ptr);
    return clean;
}

void FeedRules::report_removed(const SanitizeReport& report, const std::string& at)
{
    // Refused, not dropped: an editor that honours an override shows the file
    // in one order and the screen (without it) in another, so a reviewer could
    // approve words that are not the ones shown.
    if (report.bidi_overrides_removed > 0)
        error(at, std::to_string(report.bidi_overrides_removed)
                      + " direction override, embedding or isolate character(s) (U+202A to U+202E, U+2066 to U+2069): "
                        "they can make the text read differently on screen than in the file; remove them (the screen "
                        "sets the direction from \"language\" and the letters)");
    if (report.controls_removed > 0)
        warning(at, std::to_string(report.controls_removed) + " control or invisible character(s) removed");
}

void FeedRules::plain_string(const json& object, std::string_view key, const std::string& at)
{
    auto it = object.find(key);
    if (it != object.end() && !it->is_null() && !it->is_string())
        error(pointer_child(at, key), "expected a string, got " + describe_json(*it));
}

std::string FeedRules::timestamp(const json& object, std::string_view key, const std::string& at)
{
    std::string value = text(object, key, at);
    if (!value.empty() && !parse_rfc3339(value))
        error(pointer_child(at, key), "\"" + value + "\" is not an RFC 3339 date-time; write it like 2013-12-11T10:00:00Z");
    return value;
}

namespace {

// What is wrong with an address a screen would fetch or put in a QR code, if anything.
std::optional<std::string> url_fault(const std::string& value, const std::string& raw)
{
    if (value.rfind("https://", 0) != 0 && value.rfind("http://", 0) != 0)
        return "\"" + value + "\" is not an http(s) URL; use a link that starts with https://";
    // The address as written: sanitising keeps line breaks and drops other
    // controls, and either way it is not an address a server knows.
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c > ' ' && c != 0x7F) continue;
        const char* what = c == '\n' || c == '\r' ? "a line break" : c == ' ' ? "a space" : "a control character";
        std::size_t from = i > 60 ? i - 60 : 0;
        while (from < i && (static_cast<unsigned char>(raw[from]) & 0xC0) == 0x80) ++from;
        return std::string("the address has ") + what + " after \"" + (from > 0 ? "…" : "") + raw.substr(from, i - from)
               + "\"; a web address is one line without spaces: remove it (a space that belongs in the address is "
                 "written %20)";
    }
    return std::nullopt;
}

}  // namespace

std::string FeedRules::url(const json& object, std::string_view key, const std::string& at)
{
    std::string value = text(object, key, at);
    if (value.empty()) return value;
    if (auto fault = url_fault(value, object.find(key)->get_ref<const std::string&>())) {
        error(pointer_child(at, key), *fault);
        return {};
    }
    return value;
}

std::string FeedRules::loose_url(const json& object, std::string_view key, const std::string& at,
                                 std::string_view consequence)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return url(object, key, at);  // absent, null or a type error
    std::string value = text(object, key, at);
    if (value.empty()) return value;
    if (auto fault = url_fault(value, it->get_ref<const std::string&>())) {
        warning(pointer_child(at, key), "ignored: " + *fault + "; " + std::string(consequence));
        return {};
    }
    return value;
}

std::string FeedRules::loose_timestamp(const json& object, std::string_view key, const std::string& at)
{
    std::string value = text(object, key, at);
    if (value.empty() || parse_rfc3339(value)) return value;
    const std::string ptr = pointer_child(at, key);
    auto loose = parse_loose_date_time(value);
    if (!loose) {
        warning(ptr, "ignored: \"" + value + "\" is not a date and time; write it like 2013-12-11T10:00:00+01:00");
        return {};
    }
    std::string missing = !loose->has_seconds && !loose->offset_seconds ? "seconds and no time zone offset"
                          : !loose->has_seconds                          ? "seconds"
                                                                         : "time zone offset";
    warning(ptr, "\"" + value + "\" has no " + missing + "; read as "
                     + (loose->offset_seconds ? std::string("written") : std::string("the event's local time"))
                     + ", but write it in full, like 2013-12-11T10:00:00+01:00");
    return value;
}

std::string FeedRules::language(const json& object, std::string_view key, const std::string& at, Need need)
{
    std::string value = text(object, key, at, need);
    auto it = object.find(key);
    if (it == object.end() || !it->is_string() || plausible_language_tag(value)) return value;
    std::string message = "\"" + value + "\" is not a language tag; write it like \"en\", \"fr\", \"ar\" or \"zh-Hans\"";
    if (need == Need::required) {
        error(pointer_child(at, key), message);
    } else {
        warning(pointer_child(at, key), message + " (until then the screen guesses the direction from the letters)");
        value.clear();
    }
    return value;
}

std::optional<double> FeedRules::number(const json& object, std::string_view key, const std::string& at, Need need)
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
    const auto written = inexact_.find(ptr);
    if (beyond_exact_range(*it)) {
        error(ptr, "the number " + (written != inexact_.end() ? written->second : it->dump())
                       + " is out of range: past 2^53 (9007199254740992) numbers are not held exactly; use a value "
                         "between -2^53 and 2^53");
        return std::nullopt;
    }
    if (written != inexact_.end()) {
        error(ptr, inexact_number_message(written->second, it->get<double>()));
        return std::nullopt;
    }
    return it->get<double>();
}

std::optional<double> FeedRules::count(const json& object, std::string_view key, const std::string& at, Need need)
{
    auto v = number(object, key, at, need);
    if (v && *v < 0) {
        error(pointer_child(at, key), "a tally counts something and cannot be negative; use 0 or more");
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> FeedRules::integer(const json& object, std::string_view key, const std::string& at,
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

std::optional<bool> FeedRules::boolean(const json& object, std::string_view key, const std::string& at)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    error(pointer_child(at, key), "expected true or false, got " + describe_json(*it));
    return std::nullopt;
}

const nlohmann::json* FeedRules::object_member(const json& object, std::string_view key, const std::string& at)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!it->is_object()) {
        error(pointer_child(at, key), "expected an object, got " + describe_json(*it));
        return nullptr;
    }
    return &*it;
}

const nlohmann::json* FeedRules::array_member(const json& object, std::string_view key, const std::string& at)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
        error(pointer_child(at, key), "expected an array, got " + describe_json(*it));
        return nullptr;
    }
    return &*it;
}

void FeedRules::unknown_keys(const json& object, const std::string& at, std::initializer_list<std::string_view> known)
{
    for (const auto& [key, value] : object.items()) {
        bool found = false;
        for (auto k : known) found = found || k == key;
        if (found) continue;
        std::string hint = closest_name(key, known);
        warning(pointer_child(at, key),
                "unknown key, ignored" + (hint.empty() ? std::string{} : "; did you mean \"" + hint + "\"?"));
    }
}

void FeedRules::check_string_sizes(const json& value, const std::string& at)
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

std::string FeedRules::text(const json& object, std::string_view key, const std::string& at, std::size_t max_chars,
                            Need need)
{
    std::string value = text(object, key, at, need);
    const std::size_t n = count_code_points(value);
    if (n > max_chars)
        error(pointer_child(at, key), "has " + std::to_string(n) + " characters; at most " + std::to_string(max_chars)
                                          + " fit on a slide, so shorten it");
    return value;
}

std::string FeedRules::cut_text(const json& object, std::string_view key, const std::string& at,
                                std::size_t max_chars, Need need)
{
    // Blog software writes titles and names with character references
    // ("Q&amp;A", "&#8216;Jokes&#8217;"), which feed readers read.
    std::string value = decode_character_references(text(object, key, at, need));
    const std::size_t n = count_code_points(value);
    if (n <= max_chars) return value;
    std::string cut = cut_at_word(value, max_chars);
    warning(pointer_child(at, key), "shortened: has " + std::to_string(n) + " characters and at most "
                                        + std::to_string(max_chars) + " fit on a slide, so the slide shows \""
                                        + cut + "\"; shorten it to choose the words");
    return cut;
}

void FeedRules::check_text_length(const std::string& text, const std::string& at, std::string_view what)
{
    const std::size_t n = count_code_points(text);
    if (n > FeedLimits::max_item_text_chars)
        error(at, std::string(what) + " has " + std::to_string(n)
                      + " characters; the limit is 4000, shorten it or split it into several items");
}

std::optional<std::size_t> too_deep_at(std::string_view s, std::size_t max_depth)
{
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

bool plausible_language_tag(std::string_view tag)
{
    std::size_t i = 0;
    while (i < tag.size() && is_alpha(tag[i])) ++i;
    if (i < 2 || i > 3) return false;
    while (i < tag.size()) {
        if (tag[i] != '-') return false;
        const std::size_t start = ++i;
        while (i < tag.size() && (is_alpha(tag[i]) || is_digit(tag[i]))) ++i;
        if (i == start || i - start > 8) return false;
    }
    return true;
}

namespace {

// The byte length of the first max_chars code points of a text.
std::size_t bytes_for(std::string_view text, std::size_t max_chars)
{
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max_chars) return i;
    }
    return text.size();
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string_view trim_end(std::string_view s)
{
    while (!s.empty() && is_space_byte(s.back())) s.remove_suffix(1);
    return s;
}

// Where the last sentence of `head` (a prefix of `text`) ends: after ".",
// "!", "?", "…" (and any closing quotes or brackets) followed by white space
// or the end of the text; or after a full stop that needs no space ("。",
// "！", "？", "۔", "؟").
std::size_t last_sentence_end(std::string_view text, std::size_t head)
{
    static constexpr std::string_view closers[] = {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"};
    static constexpr std::string_view stops[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xDB\x94", "\xD8\x9F"};
    std::size_t best = 0;
    for (std::size_t i = 0; i < head; ++i) {
        std::size_t end = 0;
        for (auto stop : stops)
            if (text.substr(i, stop.size()) == stop) end = i + stop.size();
        const bool latin = text[i] == '.' || text[i] == '!' || text[i] == '?' || text.substr(i, 3) == "\xE2\x80\xA6";
        if (latin) {
            end = i + (text[i] == '\xE2' ? 3 : 1);
            for (bool more = true; more;) {
                more = false;
                for (auto c : closers)
                    if (text.substr(end, c.size()) == c) {
                        end += c.size();
                        more = true;
                    }
            }
            if (end < text.size() && !is_space_byte(text[end])) end = 0;
        }
        if (end > 0 && end <= head) best = end;
    }
    return best;
}

}  // namespace

std::string cut_at_paragraph(std::string_view text, std::size_t max_chars)
{
    const std::size_t head = bytes_for(text, max_chars);
    if (head >= text.size()) return std::string(text);
    const std::size_t half = bytes_for(text, max_chars / 2);
    const std::size_t paragraph = text.substr(0, head).rfind("\n\n");
    if (paragraph != std::string_view::npos && paragraph >= half) return std::string(trim_end(text.substr(0, paragraph)));
    const std::size_t sentence = last_sentence_end(text, head);
    if (sentence >= half) return std::string(trim_end(text.substr(0, sentence)));
    std::size_t word = head;
    while (word > 0 && !is_space_byte(text[word])) --word;
    if (word == 0) word = head;  // one long word: cut where the limit falls
    return std::string(trim_end(text.substr(0, word)));
}

std::string cut_at_word(std::string_view text, std::size_t max_chars)
{
    if (count_code_points(text) <= max_chars) return std::string(text);
    const std::size_t head = bytes_for(text, max_chars > 0 ? max_chars - 1 : 0);
    std::size_t word = head;
    while (word > 0 && !is_space_byte(text[word])) --word;
    if (word == 0) word = head;
    std::string_view kept = trim_end(text.substr(0, word));
    while (!kept.empty() && (kept.back() == ',' || kept.back() == ';' || kept.back() == ':' || kept.back() == '-'))
        kept = trim_end(kept.substr(0, kept.size() - 1));
    return std::string(kept) + "\xE2\x80\xA6";
}

std::string problem_line(const FeedProblem& problem, std::size_t max_chars)
{
    // A character past the limit at most: enough to know whether it must be cut.
    const std::string message = one_line(problem.message, max_chars + 1);
    std::string line = message;
    if (!problem.pointer.empty()) {
        // The place takes what the message leaves; a plain one ("row 7,
        // published", "/items/3/date_published") is kept whole while there is
        // room for a word of the message, a long one (a hostile key) gets a third.
        const std::size_t message_chars = count_code_points(message);
        const std::size_t place_chars = count_code_points(one_line(problem.pointer, max_chars + 1));
        std::size_t room = max_chars > message_chars + 2 ? max_chars - message_chars - 2 : 0;
        if (place_chars <= 40 && max_chars > 4) room = std::max(room, std::min(place_chars, max_chars - 4));
        line = one_line(problem.pointer, std::max(room, max_chars / 3)) + ": " + message;
    }
    if (count_code_points(line) <= max_chars) return line;
    // After a whole word where that keeps most of it; else between characters.
    std::string at_word = cut_at_word(line, max_chars);
    return count_code_points(at_word) * 3 >= max_chars * 2 ? at_word : one_line(line, max_chars);
}

std::string resolve_url(std::string_view base, std::string_view ref)
{
    auto checked = [](std::string url) {
        return url_fault(url, url) ? std::string{} : url;
    };
    if (ref.rfind("https://", 0) == 0 || ref.rfind("http://", 0) == 0) return checked(std::string(ref));
    const std::size_t scheme_end = base.find("://");
    if (base.rfind("https://", 0) != 0 && base.rfind("http://", 0) != 0) return {};
    if (ref.empty() || ref.find(':') < ref.find_first_of("/?#")) return {};  // another scheme: data:, mailto:, ...
    if (ref.rfind("//", 0) == 0) return checked(std::string(base.substr(0, scheme_end + 1)) + std::string(ref));
    const std::size_t host_end = std::min(base.find_first_of("/?#", scheme_end + 3), base.size());
    const std::string origin(base.substr(0, host_end));
    if (ref[0] == '/') return checked(origin + std::string(ref));
    // Relative to the folder of the base's path, with "./" and "../" worked out.
    std::string_view path = base.substr(host_end);
    path = path.substr(0, path.find_first_of("?#"));
    std::vector<std::string> parts;
    for (std::size_t pos = 0; pos < path.size();) {
        std::size_t slash = path.find('/', pos + 1);
        if (slash == std::string_view::npos) break;  // the last segment is the page, not a folder
        parts.emplace_back(path.substr(pos + 1, slash - pos - 1));
        pos = slash;
    }
    while (true) {
        if (ref.rfind("./", 0) == 0) ref.remove_prefix(2);
        else if (ref.rfind("../", 0) == 0) {
            ref.remove_prefix(3);
            if (!parts.empty()) parts.pop_back();
        } else break;
    }
    std::string url = origin;
    for (const std::string& part : parts) url += "/" + part;
    return checked(url + "/" + std::string(ref));
}

}  // namespace placard
