#include "core/feed/json_text.h"

#include "core/feed/json_check.h"
#include "core/text/text.h"

namespace placard {
namespace {

// UTF-16 with its byte order mark, or without one: then a NUL byte beside
// the first character, which in a JSON file is "{", "[" or a space.
bool looks_like_utf16(std::string_view b)
{
    if (b.substr(0, 2) == "\xFF\xFE" || b.substr(0, 2) == "\xFE\xFF") return true;
    return b.size() >= 2 && ((b[0] == '\0') != (b[1] == '\0'));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'
           || c == '+';
}
bool contains(std::string_view text, std::string_view words) { return text.find(words) != std::string_view::npos; }

// The last byte before i that is not JSON white space.
std::optional<std::size_t> before(std::string_view text, std::size_t i)
{
    while (i > 0)
        if (!is_space(text[--i])) return i;
    return std::nullopt;
}

// Where the token that ends at byte `end` begins: a string from its opening
// quote, a number or a word from its first character.
std::size_t token_start(std::string_view text, std::size_t end)
{
    if (text[end] == '"') {
        for (std::size_t i = end; i > 0;) {
            --i;
            if (text[i] != '"') continue;
            std::size_t slashes = 0;
            while (i > slashes && text[i - 1 - slashes] == '\\') ++slashes;
            if (slashes % 2 == 0) return i;
        }
        return end;
    }
    std::size_t i = end;
    while (i > 0 && is_word(text[i - 1])) --i;
    return i;
}

}  // namespace

std::optional<std::string> not_json_text(std::string_view bytes)
{
    if (looks_like_utf16(bytes))
        return "not valid UTF-8: the file is saved as UTF-16 (Notepad calls it \"Unicode\"); save it again with the "
               "encoding UTF-8 (in Notepad: File, Save As, Encoding: UTF-8)";
    if (auto bad = first_invalid_utf8(bytes))
        return "not valid UTF-8 at byte " + std::to_string(*bad) + " (" + line_and_column(bytes, *bad)
               + "); save the file with the UTF-8 encoding (in most editors: Save As, Encoding: UTF-8)";
    // The JSON parser stops at a NUL byte as if the input ended there, which
    // would accept "{...}\0anything"; JSON text never holds a raw NUL.
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos)
        return "not valid JSON: a NUL byte at byte " + std::to_string(nul) + " (" + line_and_column(bytes, nul)
               + "); save the file again as plain UTF-8 text";
    return std::nullopt;
}

std::optional<JsonSlip> find_json_slip(std::string_view text, const JsonReadError& error)
{
    using Kind = JsonSlip::Kind;
    const std::size_t at = error.byte;
    if (error.kind != JsonReadError::Kind::syntax || at >= text.size()) return std::nullopt;
    const char c = text[at];
    const std::string_view reason = error.reason;
    const std::string_view rest = text.substr(at);

    if (c == '#' || rest.substr(0, 2) == "//" || rest.substr(0, 2) == "/*")
        return JsonSlip{Kind::comment, at, "a comment; JSON has no comments, so remove it"};

    // "}" where the next name was expected, "]" where the next value was: the
    // comma before it ends the last entry, which JSON does not allow.
    if ((c == '}' && contains(reason, "parsing object key")) || (c == ']' && contains(reason, "parsing value")))
        if (auto comma = before(text, at); comma && text[*comma] == ',')
            return JsonSlip{Kind::trailing_comma, *comma,
                            std::string("a comma after the last entry, before the closing \"") + c
                                + "\"; JSON allows none there, so remove that comma"};

    if (c == '\'')
        return JsonSlip{Kind::single_quotes, at,
                        "single quotes; JSON needs double quotes around names and text, like \"feed\""};

    for (std::string_view curly : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xAB", "\xC2\xBB"})
        if (rest.substr(0, curly.size()) == curly)
            return JsonSlip{Kind::curly_quotes, at,
                            "typographic quotes (\xE2\x80\x9C \xE2\x80\x9D), as a word processor or \"smart quotes\" "
                            "type them; JSON needs straight double quotes (\"), so type them again in a plain text editor"};

    // Another entry where the parser expected the container to end: the
    // comma between the two is missing.
    if ((contains(reason, "expected '}'") || contains(reason, "expected ']'")) && contains(reason, "unexpected")) {
        const std::size_t start = token_start(text, at);
        if (auto end = before(text, start)) {
            const char e = text[*end];
            if (e == '"' || e == '}' || e == ']' || is_word(e))
                return JsonSlip{Kind::missing_comma, start,
                                "a comma is missing before this entry; put one after the entry before it"};
        }
    }

    // A bare word: a name or text without its quotes, or True and Null.
    if (is_word(c)) {
        std::size_t start = at;
        while (start > 0 && is_word(text[start - 1])) --start;
        std::size_t end = at;
        while (end < text.size() && is_word(text[end])) ++end;
        const std::string word = ascii_lower(text.substr(start, end - start));
        if (word == "true" || word == "false" || word == "null")
            return JsonSlip{Kind::capitalised, start, "write true, false and null in small letters"};
        const char first = text[start];
        if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))
            return JsonSlip{Kind::unquoted, start,
                            "a name or text without double quotes; JSON needs them around both, like "
                            "\"feed\": \"https://example.org/feed.json\""};
    }
    return std::nullopt;
}

}  // namespace placard
