// Markdown with raw HTML, as micro.blog writes content_text, made into HTML
// and reduced by html_to_text. Only what a blog post uses is understood:
// paragraphs, headings, quotes, lists, rules, code, pictures, links and
// emphasis. Searches for a closing mark look a bounded distance ahead, so a
// hostile text of 64 KiB of brackets costs linear time.
#include "core/feed/markup_text.h"

#include <vector>

#include "core/feed/html_text.h"

namespace placard {
namespace {

constexpr std::size_t max_reach = 2000;  // bytes a closing bracket or mark may be from its opening
constexpr int max_link_depth = 4;        // links inside link texts

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_word(char c) { return is_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80; }

std::string escaped(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

// The index of the bracket closing the one at `open`, counting nesting.
std::size_t closing(std::string_view s, std::size_t open, char left, char right)
{
    int depth = 0;
    const std::size_t end = std::min(s.size(), open + max_reach);
    for (std::size_t i = open; i < end; ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == left) ++depth;
        else if (s[i] == right && --depth == 0) return i;
    }
    return std::string_view::npos;
}

// "[text](address)" or "[text][name]" at `at`: its text and the index after it.
bool link_at(std::string_view s, std::size_t at, std::string_view& text, std::size_t& after)
{
    if (at >= s.size() || s[at] != '[') return false;
    const std::size_t close = closing(s, at, '[', ']');
    if (close == std::string_view::npos || close + 1 >= s.size()) return false;
    const char next = s[close + 1];
    if (next != '(' && next != '[') return false;
    const std::size_t end = closing(s, close + 1, next, next == '(' ? ')' : ']');
    if (end == std::string_view::npos) return false;
    text = s.substr(at + 1, close - at - 1);
    after = end + 1;
    return true;
}

// The start of a tag ("<p", "</p", "<!--"); the caller knows whether a '>' follows.
bool tag_at(std::string_view s, std::size_t i)
{
    if (s[i] != '<' || i + 2 >= s.size()) return false;
    const char a = s[i + 1], b = s[i + 2];
    return is_alpha(a) || (a == '/' && is_alpha(b)) || (a == '!' && b == '-');
}

bool entity_at(std::string_view s, std::size_t i)
{
    if (s[i] != '&') return false;
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
        ++j;
        const bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
        if (hex) ++j;
        const std::size_t start = j;
        while (j < s.size() && j - start < 8
               && (is_digit(s[j]) || (hex && ((s[j] >= 'a' && s[j] <= 'f') || (s[j] >= 'A' && s[j] <= 'F')))))
            ++j;
        return j > start && j < s.size() && s[j] == ';';
    }
    const std::size_t start = j;
    while (j < s.size() && j - start < 32 && (is_alpha(s[j]) || (j > start && is_digit(s[j])))) ++j;
    return j - start >= 2 && j < s.size() && s[j] == ';';
}

// A run of '*' or '_' that opens emphasis (followed by a letter, after a
// space or the start) or closes it (after a letter, before a space or the
// end); an underscore inside a word, as in snake_case, does neither.
struct Run {
    std::size_t length;
    bool opens, closes;
};

Run run_at(std::string_view s, std::size_t i)
{
    const char c = s[i];
    std::size_t n = 0;
    while (i + n < s.size() && s[i + n] == c) ++n;
    const char before = i > 0 ? s[i - 1] : ' ', after = i + n < s.size() ? s[i + n] : ' ';
    bool opens = !is_blank(after) && !is_word(before);
    bool closes = !is_blank(before) && !is_word(after);
    if (before == ' ' && after == ' ') opens = closes = false;
    return {n, opens, closes};
}

// The byte indices of emphasis marks in a line that have their partner.
std::vector<bool> emphasis_marks(std::string_view s)
{
    std::vector<bool> mark(s.size(), false);
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '*' && s[i] != '_') {
            ++i;
            continue;
        }
        const Run open = run_at(s, i);
        if (open.opens && open.length <= 3 && !mark[i]) {
            const std::size_t end = std::min(s.size(), i + open.length + max_reach);
            for (std::size_t j = i + open.length + 1; j < end; ++j) {
                if (s[j] != s[i] || (j > 0 && s[j - 1] == s[i])) continue;
                const Run close = run_at(s, j);
                if (close.length == open.length && close.closes) {
                    for (std::size_t k = 0; k < open.length; ++k) mark[i + k] = mark[j + k] = true;
                    break;
                }
            }
        }
        i += open.length;
    }
    return mark;
}

// "<https://example.org>": the index after it.
bool autolink_at(std::string_view s, std::size_t at, std::size_t& after)
{
    if (s.substr(at + 1, 8) != "https://" && s.substr(at + 1, 7) != "http://") return false;
    const std::size_t end = std::min(s.size(), at + max_reach);
    for (std::size_t i = at + 1; i < end; ++i) {
        if (s[i] == '>') {
            after = i + 1;
            return true;
        }
        if (is_blank(s[i]) || s[i] == '<') return false;
    }
    return false;
}

// One line's inline Markdown as HTML; raw HTML in it passes through.
std::string inline_html(std::string_view s, int depth)
{
    const std::vector<bool> mark = emphasis_marks(s);
    std::string out;
    std::string_view text;
    std::size_t after = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (mark[i]) {
            ++i;
        } else if (c == '\\' && i + 1 < s.size() && !is_word(s[i + 1]) && !is_blank(s[i + 1])) {
            out += escaped(s.substr(i + 1, 1));
            i += 2;
        } else if (c == '`') {
            std::size_t n = 0;
            while (i + n < s.size() && s[i + n] == '`') ++n;
            const std::size_t end = s.substr(i + n, max_reach).find(std::string(n, '`'));
            if (end == std::string_view::npos) {
                out += s.substr(i, n);
                i += n;
            } else {
                out += escaped(s.substr(i + n, end));
                i += n + end + n;
            }
        } else if (c == '!' && depth < max_link_depth && link_at(s, i + 1, text, after)) {
            i = after;  // a picture is not text
        } else if (c == '[' && depth < max_link_depth && link_at(s, i, text, after)) {
            out += inline_html(text, depth + 1);
            i = after;
        } else if (c == '<' && autolink_at(s, i, after)) {
            out += escaped(s.substr(i + 1, after - i - 2));
            i = after;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

std::size_t indent(std::string_view line)
{
    std::size_t n = 0;
    while (n < line.size() && n < 3 && line[n] == ' ') ++n;
    return n;
}

// "# Heading" to "###### Heading": the heading's text, else npos.
std::size_t heading_text(std::string_view line)
{
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    if (n == 0 || n > 6 || n >= line.size() || line[n] != ' ') return std::string_view::npos;
    return n + 1;
}

bool is_rule(std::string_view line)
{
    if (line.size() < 3) return false;
    std::size_t marks = 0;
    for (char c : line) {
        if (c == line[0]) ++marks;
        else if (!is_blank(c)) return false;
    }
    return (line[0] == '-' || line[0] == '*' || line[0] == '_') && marks >= 3;
}

bool is_fence(std::string_view line) { return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~"; }

// "[name]: https://..." defines a link's address and is not shown.
bool is_link_definition(std::string_view line)
{
    if (line.empty() || line[0] != '[') return false;
    const std::size_t close = line.find("]:");
    return close != std::string_view::npos && close > 1 && line.substr(1, close - 1).find(']') == std::string_view::npos;
}

}  // namespace

bool looks_like_markup(std::string_view s)
{
    std::string_view text;
    std::size_t after = 0;
    const std::size_t last_close = s.rfind('>');
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((tag_at(s, i) && last_close != std::string_view::npos && last_close > i) || entity_at(s, i)
            || link_at(s, i, text, after))
            return true;
    for (std::size_t pos = 0; pos < s.size();) {
        std::size_t end = s.find('\n', pos);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view line = s.substr(pos, end - pos);
        pos = end + 1;
        const std::string_view body = line.substr(indent(line));
        if (heading_text(body) != std::string_view::npos || is_fence(body)) return true;
        for (bool m : emphasis_marks(line))
            if (m) return true;
    }
    return false;
}

std::string markup_to_text(std::string_view text)
{
    std::string html, paragraph;
    bool in_fence = false;
    auto flush = [&] {
        if (!paragraph.empty()) html += "<p>" + paragraph + "</p>";
        paragraph.clear();
    };
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::string_view body = line.substr(indent(line));
        if (is_fence(body)) {
            flush();
            html += in_fence ? "</pre>" : "<pre>";
            in_fence = !in_fence;
            continue;
        }
        if (in_fence) {
            html += escaped(line) + "\n";
            continue;
        }
        if (body.find_first_not_of(" \t") == std::string_view::npos) {
            flush();
            continue;
        }
        if (is_link_definition(body)) continue;
        if (std::size_t h = heading_text(body); h != std::string_view::npos) {
            flush();
            html += "<h2>" + inline_html(body.substr(h), 0) + "</h2>";
            continue;
        }
        if (is_rule(body)) {
            flush();
            html += "<hr>";
            continue;
        }
        if (body.size() > 1 && (body[0] == '-' || body[0] == '*' || body[0] == '+') && body[1] == ' ') {
            flush();
            html += "<li>" + inline_html(body.substr(2), 0) + "</li>";
            continue;
        }
        while (!body.empty() && body[0] == '>') {
            body.remove_prefix(1);
            while (!body.empty() && is_blank(body[0])) body.remove_prefix(1);
        }
        // A line end inside a paragraph is a space, as Markdown reads it.
        if (!paragraph.empty()) paragraph += '\n';
        paragraph += inline_html(body, 0);
    }
    flush();
    if (in_fence) html += "</pre>";
    return html_to_text(html);
}

}  // namespace placard
