// Reduces blog-post HTML to screen text in a single forward pass. There is no
// DOM and no regex: each byte is looked at a bounded number of times, so the
// time is linear in the input and malformed markup cannot make it backtrack.
#include "core/html_text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace placard {
namespace {

struct Entity {
    std::string_view name;
    char32_t code_point = 0;
};

// The HTML 4 names of U+00A0..U+00FF in code point order, so that a name's
// index is its value and the table cannot drift out of step with Unicode.
constexpr std::array<std::string_view, 96> latin1_names = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
    "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde",
    "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
    "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
    "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
};

// The other names that turn up in news and blog text: markup escapes,
// typographic punctuation, and the letters of Windows-1252 beyond Latin-1.
constexpr auto other_entities = std::to_array<Entity>({
    {"quot", 0x22}, {"amp", 0x26}, {"apos", 0x27}, {"lt", 0x3C}, {"gt", 0x3E}, {"OElig", 0x152},
    {"oelig", 0x153}, {"Scaron", 0x160}, {"scaron", 0x161}, {"Yuml", 0x178}, {"Zcaron", 0x17D}, {"zcaron", 0x17E},
    {"fnof", 0x192}, {"circ", 0x2C6}, {"tilde", 0x2DC}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"thinsp", 0x2009},
    {"zwnj", 0x200C}, {"zwj", 0x200D}, {"lrm", 0x200E}, {"rlm", 0x200F}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E},
    {"dagger", 0x2020}, {"Dagger", 0x2021}, {"bull", 0x2022}, {"hellip", 0x2026}, {"permil", 0x2030}, {"prime", 0x2032},
    {"Prime", 0x2033}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"oline", 0x203E}, {"frasl", 0x2044}, {"euro", 0x20AC},
    {"trade", 0x2122}, {"larr", 0x2190}, {"uarr", 0x2191}, {"rarr", 0x2192}, {"darr", 0x2193}, {"harr", 0x2194},
    {"minus", 0x2212}, {"infin", 0x221E}, {"asymp", 0x2248}, {"ne", 0x2260}, {"le", 0x2264}, {"ge", 0x2265},
    {"hearts", 0x2665}, {"check", 0x2713},
});

// Both tables merged and sorted at compile time, so a lookup is a binary search.
constexpr auto entities = [] {
    std::array<Entity, latin1_names.size() + other_entities.size()> table{};
    for (std::size_t i = 0; i < latin1_names.size(); ++i) {
        table[i] = {latin1_names[i], static_cast<char32_t>(0xA0 + i)};
    }
    std::copy(other_entities.begin(), other_entities.end(), table.begin() + latin1_names.size());
    std::sort(table.begin(), table.end(), [](const Entity& a, const Entity& b) { return a.name < b.name; });
    return table;
}();
static_assert(std::adjacent_find(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
                  return a.name == b.name;
              }) == entities.end(), "an entity name is listed twice");

// HTML5 reads numeric references to U+0080..U+009F as Windows-1252, because
// that is what old CMS content meant by "&#150;"; 0 marks the unassigned ones.
constexpr std::array<char16_t, 32> windows_1252 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

enum class Kind { inline_element, paragraph, line, line_break, list_item, cell, pre, dropped };

Kind classify(std::string_view name) {
    static constexpr std::string_view paragraph[] = {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "nav",
        "ol", "p", "section", "summary", "table", "ul"};
    static constexpr std::string_view line[] = {"tr", "dt", "dd", "caption"};
    static constexpr std::string_view dropped[] = {
        "head", "iframe", "noscript", "script", "style", "svg", "template", "title"};
    const auto in = [name](const auto& list) {
        return std::find(std::begin(list), std::end(list), name) != std::end(list);
    };
    if (in(paragraph)) return Kind::paragraph;
    if (in(line)) return Kind::line;
    if (in(dropped)) return Kind::dropped;
    if (name == "br") return Kind::line_break;
    if (name == "li") return Kind::list_item;
    if (name == "td" || name == "th") return Kind::cell;
    if (name == "pre") return Kind::pre;
    return Kind::inline_element;
}

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
constexpr bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7F'; }
constexpr bool is_plain(char c) { return c != '<' && c != '&' && c != '\xC2' && !is_space(c) && !is_control(c); }
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int digit_value(char c, bool hex) {
    if (c >= '0' && c <= '9') return c - '0';
    if (hex && to_lower(c) >= 'a' && to_lower(c) <= 'f') return to_lower(c) - 'a' + 10;
    return -1;
}

char32_t numeric_code_point(std::uint32_t value) {
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return 0xFFFD;
    if (value >= 0x80 && value <= 0x9F && windows_1252[value - 0x80] != 0) return windows_1252[value - 0x80];
    return value;
}

std::string utf8(char32_t cp) {
    std::string out;
    const auto byte = [&out](char32_t b) { out += static_cast<char>(b); };
    const int tail = cp < 0x80 ? 0 : cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
    constexpr char32_t lead[] = {0x00, 0xC0, 0xE0, 0xF0};
    byte(lead[tail] | (cp >> (6 * tail)));
    for (int k = tail - 1; k >= 0; --k) byte(0x80 | ((cp >> (6 * k)) & 0x3F));
    return out;
}

class Converter {
public:
    explicit Converter(std::string_view html) : html_(html) { out_.reserve(html.size()); }

    std::string run() {
        const std::size_t n = html_.size();
        std::size_t i = 0;
        while (i < n) {
            const char c = html_[i];
            const char next = i + 1 < n ? html_[i + 1] : '\0';
            if (c == '<') {
                i = markup(i);
            } else if (c == '&') {
                i = entity(i);
            } else if (is_space(c)) {
                // A CR before an LF is one line end, which matters inside <pre>.
                if (!(c == '\r' && next == '\n')) whitespace(static_cast<char32_t>(c));
                ++i;
            } else if (c == '\xC2' && (next == '\xA0' || next == '\xAD')) {
                // Literal no-break spaces and soft hyphens get the same treatment as their entities.
                code_point(next == '\xA0' ? 0xA0 : 0xAD);
                i += 2;
            } else if (is_control(c)) {
                ++i;  // Stray control bytes would draw as boxes on the screen.
            } else {
                // Copy a run of plain bytes at once. Runs only stop at ASCII bytes
                // or at a lead byte, so a UTF-8 sequence is never split.
                std::size_t j = i + 1;
                while (j < n && is_plain(html_[j])) ++j;
                text(html_.substr(i, j - i));
                i = j;
            }
        }
        return std::move(out_);
    }

private:
    // Breaks and spaces are held back until the next text arrives, so they
    // never lead or trail the output or a line, and repeats merge into one.
    void text(std::string_view s) {
        if (!out_.empty() && breaks_ > 0) {
            out_.append(static_cast<std::size_t>(breaks_), '\n');
        } else if (!out_.empty() && pending_space_) {
            out_ += ' ';
        }
        if (pending_bullet_) out_ += "\xE2\x80\xA2 ";
        breaks_ = 0;
        pending_space_ = pending_bullet_ = false;
        out_ += s;
    }
    // Consecutive <br>s add up, but never to more than one blank line.
    void line_break() { breaks_ = std::min(breaks_ + 1, 2); }
    void new_line() { breaks_ = std::max(breaks_, 1); }
    void paragraph() { breaks_ = 2; }
    // Inside <pre> the source's line ends are kept; elsewhere all white space is one space.
    void whitespace(char32_t c) { pre_depth_ > 0 && (c == '\n' || c == '\r') ? line_break() : space(); }
    void space() { pending_space_ = true; }

    void code_point(char32_t cp) {
        if (cp == 0xAD) return;  // A soft hyphen is only a hint for hyphenation.
        if (cp == 0xA0 || (cp < 0x80 && is_space(static_cast<char>(cp)))) return whitespace(cp);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return;
        text(utf8(cp));
    }

    // Decodes the reference at html_[i] == '&'. Anything that is not a complete,
    // known reference is text, so "AT&T" and "&foo;" survive as written.
    std::size_t entity(std::size_t i) {
        const std::size_t n = html_.size();
        std::size_t j = i + 1;
        char32_t cp = 0;
        if (j < n && html_[j] == '#') {
            const bool hex = ++j < n && to_lower(html_[j]) == 'x';
            if (hex) ++j;
            const std::size_t first_digit = j;
            std::uint32_t value = 0;
            for (int d = 0; j < n && (d = digit_value(html_[j], hex)) >= 0; ++j) {
                // Clamping just past U+10FFFF keeps long digit strings from overflowing.
                value = std::min<std::uint32_t>(value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
            }
            if (j > first_digit && j < n && html_[j] == ';') cp = numeric_code_point(value);
        } else {
            while (j < n && j - i <= 32 && is_alnum(html_[j])) ++j;
            if (j < n && html_[j] == ';') {
                const std::string_view name = html_.substr(i + 1, j - i - 1);
                const auto it = std::lower_bound(entities.begin(), entities.end(), name,
                                                 [](const Entity& e, std::string_view key) { return e.name < key; });
                if (it != entities.end() && it->name == name) cp = it->code_point;
            }
        }
        if (cp == 0) {
            text("&");
            return i + 1;
        }
        code_point(cp);
        return j + 1;
    }

    // Handles html_[i] == '<': a comment, declaration, tag, or a literal '<'.
    std::size_t markup(std::size_t i) {
        const std::size_t n = html_.size();
        const char next = i + 1 < n ? html_[i + 1] : '\0';
        if (next == '!') {
            // Searching from "--" also ends the abrupt comments "<!-->" and "<!--->", as browsers do.
            if (html_.substr(i, 4) == "<!--") return skip_past(i + 2, "-->");
            if (matches_name(i + 2, "[cdata[", false)) return skip_past(i + 9, "]]>");
            return skip_past(i + 2, ">");
        }
        if (next == '?' || (next == '/' && !(i + 2 < n && is_alpha(html_[i + 2])))) return skip_past(i + 2, ">");
        if (next != '/' && !is_alpha(next)) {
            text("<");
            return i + 1;
        }
        return tag(i);
    }

    std::size_t tag(std::size_t i) {
        const std::size_t n = html_.size();
        const bool closing = html_[i + 1] == '/';
        std::size_t j = i + (closing ? 2 : 1);
        std::string name;
        for (; j < n && !is_space(html_[j]) && html_[j] != '/' && html_[j] != '>'; ++j) name += to_lower(html_[j]);
        // Skip the attributes. A quote only opens a value right after '=', and
        // a '>' inside a quoted value does not end the tag.
        bool after_equals = false;
        bool self_closing = false;
        for (; j < n && html_[j] != '>'; ++j) {
            const char c = html_[j];
            if (after_equals && (c == '"' || c == '\'')) {
                j = html_.find(c, j + 1);
                if (j == std::string_view::npos) return n;
                after_equals = self_closing = false;
            } else if (!is_space(c)) {
                after_equals = c == '=';
                self_closing = c == '/';
            }
        }
        if (j >= n) return n;  // An unterminated tag at the end is dropped.
        const std::size_t after = j + 1;
        switch (classify(name)) {
            case Kind::dropped:
                if (!closing && !self_closing) return skip_element(after, name);
                break;
            case Kind::paragraph: paragraph(); break;
            case Kind::line: new_line(); break;
            case Kind::line_break: line_break(); break;
            case Kind::list_item: new_line(), pending_bullet_ = !closing; break;
            case Kind::cell: space(); break;
            case Kind::pre:
                paragraph();
                if (!closing && !self_closing) ++pre_depth_;
                if (closing && pre_depth_ > 0) --pre_depth_;
                break;
            case Kind::inline_element: break;
        }
        return after;
    }

    // Skips the contents of a dropped element the way browsers end raw text:
    // at the first "</name" followed by a non-name character, whatever quotes
    // or comments come before it. <head> may lack its end tag, so <body> ends it too.
    std::size_t skip_element(std::size_t from, std::string_view name) {
        for (std::size_t p = html_.find('<', from); p != std::string_view::npos; p = html_.find('<', p + 1)) {
            if (html_.substr(p + 1, 1) == "/" && matches_name(p + 2, name, true)) return skip_past(p, ">");
            if (name == "head" && matches_name(p + 1, "body", true)) return p;
        }
        return html_.size();
    }

    // Whether the lower-case `word` starts at `pos`, ignoring case, and (for a
    // tag name) is not just the start of a longer name.
    bool matches_name(std::size_t pos, std::string_view word, bool whole) const {
        if (pos > html_.size() || html_.size() - pos < word.size()) return false;
        for (std::size_t k = 0; k < word.size(); ++k) {
            if (to_lower(html_[pos + k]) != word[k]) return false;
        }
        const std::size_t end = pos + word.size();
        return !whole || end == html_.size() || is_space(html_[end]) || html_[end] == '/' || html_[end] == '>';
    }

    std::size_t skip_past(std::size_t from, std::string_view end) const {
        const std::size_t p = html_.find(end, from);
        return p == std::string_view::npos ? html_.size() : p + end.size();
    }

    std::string_view html_;
    std::string out_;
    int breaks_ = 0;  // Newlines owed before the next text: 0, 1 or 2.
    bool pending_space_ = false;
    bool pending_bullet_ = false;
    int pre_depth_ = 0;
};

}  // namespace

std::string html_to_text(std::string_view html) { return Converter(html).run(); }

}  // namespace placard
