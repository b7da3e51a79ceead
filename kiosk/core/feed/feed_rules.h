#pragma once
// The field-level rules of the feed format, shared by the feed parser: each
// check reads one member, reports what is wrong with its JSON Pointer and the
// fix, and returns the value the screen may use. Also the checks made on the
// raw bytes before JSON parsing (UTF-8, nesting depth).
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/feed/feed_check.h"
#include "core/text/text.h"

namespace placard {

enum class Need { optional, required };

// Numbers past 2^53 lose precision in JavaScript and in doubles; a tally must
// show exactly what the editor wrote.
inline constexpr double max_exact_integer = 9007199254740992.0;

// A Placard feed needs about six levels; anything much deeper is an attack or
// a mistake, and walking it would cost stack for nothing.
inline constexpr std::size_t max_nesting_depth = 64;

class FeedRules {
public:
    using json = nlohmann::json;

    explicit FeedRules(FeedCheck& out) : out_(out) {}

    // Numbers the JSON reader found not held exactly, by pointer, as written:
    // refused where a number is read.
    void set_inexact(std::map<std::string, std::string> numbers) { inexact_ = std::move(numbers); }

    void error(std::string pointer, std::string message);
    void warning(std::string pointer, std::string message);

    // A string meant for the screen: sanitised, with a warning when anything
    // had to be removed. Absent and null are "".
    std::string text(const json& object, std::string_view key, const std::string& at, Need need = Need::optional);
    // Text with a limit in characters from FeedLimits: over it is an error.
    std::string text(const json& object, std::string_view key, const std::string& at, std::size_t max_chars,
                     Need need = Need::optional);
    // Text with a limit from FeedLimits: over it, cut at a word with "…" and a warning.
    std::string cut_text(const json& object, std::string_view key, const std::string& at, std::size_t max_chars,
                         Need need = Need::optional);
    // A string that is never shown (description, user_comment): type only.
    void plain_string(const json& object, std::string_view key, const std::string& at);
    std::string timestamp(const json& object, std::string_view key, const std::string& at);
    // JSON Feed's own dates as blog software writes them: one without seconds
    // or offset is kept with a warning, one that is not a date is ignored with one.
    std::string loose_timestamp(const json& object, std::string_view key, const std::string& at);
    std::string url(const json& object, std::string_view key, const std::string& at);
    // An address that costs only itself: one that is not http(s), or has a
    // space, is ignored with a warning ending in `consequence`. A value that
    // is not a string is still an error.
    std::string loose_url(const json& object, std::string_view key, const std::string& at, std::string_view consequence);
    // A language tag: an implausible one is an error when the tag is required
    // (translations), else a warning (the screen falls back to guessing).
    std::string language(const json& object, std::string_view key, const std::string& at, Need need);

    std::optional<double> number(const json& object, std::string_view key, const std::string& at, Need need);
    // A tally or breakdown value: a number from 0 to 2^53.
    std::optional<double> count(const json& object, std::string_view key, const std::string& at, Need need);
    std::optional<std::int64_t> integer(const json& object, std::string_view key, const std::string& at,
                                        std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(const json& object, std::string_view key, const std::string& at);

    const json* object_member(const json& object, std::string_view key, const std::string& at);
    const json* array_member(const json& object, std::string_view key, const std::string& at);

    void unknown_keys(const json& object, const std::string& at, std::initializer_list<std::string_view> known);
    // An error for direction controls, a warning for other removed characters.
    void report_removed(const SanitizeReport& report, const std::string& at);
    void check_string_sizes(const json& value, const std::string& at);
    // Code points after sanitising; errors past the 4,000-character limit.
    void check_text_length(const std::string& text, const std::string& at, std::string_view what);

private:
    FeedCheck& out_;
    std::map<std::string, std::string> inexact_;
};

// The byte offset where JSON arrays and objects nest deeper than max_depth, if
// they do. Brackets inside strings do not count.
std::optional<std::size_t> too_deep_at(std::string_view json_text, std::size_t max_depth);

// The beginning of a text, at most max_chars code points: cut after its last
// whole paragraph, else its last whole sentence, when that keeps at least half
// of the limit; else after its last whole word.
std::string cut_at_paragraph(std::string_view text, std::size_t max_chars);

// A problem and its place as one line for a person: "row 7, published:
// \"12/11/2013\" is ambiguous; …" or "/items/3/date_published: …", of at most
// max_chars characters, ending in "…" when cut (one_line in core/text/text.h).
// A plain place is kept whole; a long one (a hostile key in a pointer) is cut
// to what the message leaves, or a third of the room.
std::string problem_line(const FeedProblem& problem, std::size_t max_chars);

// A title or name cut after a whole word so that, with "…" added, it has at
// most max_chars code points.
std::string cut_at_word(std::string_view text, std::size_t max_chars);

// A picture's address as written in a post's HTML, made absolute against the
// item's url ("uploads/a.jpg", "/a.jpg", "//host/a.jpg", "../a.jpg"); "" when
// it cannot be (no http(s) base, another scheme, a space in it).
std::string resolve_url(std::string_view base, std::string_view ref);

// Two or three letters, then hyphen-separated subtags of 1 to 8 letters or
// digits: "en", "fr", "zh-Hans", "es-419". The shape of BCP 47, not its registry.
bool plausible_language_tag(std::string_view tag);

}  // namespace placard
