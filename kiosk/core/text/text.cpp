#include "core/text/text.h"

#include <array>

namespace placard {

bool decode_utf8(std::string_view text, std::vector<char32_t>& out)
{
    out.clear();
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            out.push_back(b0);
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b0 & 0xE0) == 0xC0) { extra = 1; cp = b0 & 0x1Fu; min = 0x80; }
        else if ((b0 & 0xF0) == 0xE0) { extra = 2; cp = b0 & 0x0Fu; min = 0x800; }
        else if ((b0 & 0xF8) == 0xF0) { extra = 3; cp = b0 & 0x07u; min = 0x10000; }
        else return false;
        if (i + static_cast<std::size_t>(extra) >= text.size()) return false;  // truncated
        for (int k = 1; k <= extra; ++k) {
            auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

bool is_valid_utf8(std::string_view text)
{
    std::vector<char32_t> scratch;
    return decode_utf8(text, scratch);
}

void append_utf8(std::string& out, char32_t cp)
{
    auto put = [&](unsigned v) { out.push_back(static_cast<char>(v)); };
    if (cp < 0x80) put(cp);
    else if (cp < 0x800) { put(0xC0 | (cp >> 6)); put(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { put(0xE0 | (cp >> 12)); put(0x80 | ((cp >> 6) & 0x3F)); put(0x80 | (cp & 0x3F)); }
    else { put(0xF0 | (cp >> 18)); put(0x80 | ((cp >> 12) & 0x3F)); put(0x80 | ((cp >> 6) & 0x3F)); put(0x80 | (cp & 0x3F)); }
}

std::size_t count_code_points(std::string_view utf8)
{
    std::size_t n = 0;
    for (char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

namespace {

bool is_bidi_control(char32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Characters that draw nothing, or nothing a reader of the file would see, but
// can hide or split a word: dropped (see "What is removed from text" in
// feeds/FORMAT.md). Kept on purpose: ZWNJ and ZWJ (U+200C, U+200D), which
// Persian, Indic scripts and emoji need to spell words correctly; LRM, RLM and
// ALM (U+200E, U+200F, U+061C), which only settle where punctuation and
// numbers sit, by the same rules in an editor and on the screen; and variation
// selectors, which choose a glyph's form.
bool is_control(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0)  // C0 and C1 controls
           || cp == 0x00AD                          // soft hyphen: an invisible break the layout does not hyphenate at
           || cp == 0x034F                          // combining grapheme joiner
           || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0  // Hangul fillers, drawn blank
           || cp == 0x180E                          // Mongolian vowel separator
           || cp == 0x200B                          // zero-width space
           || cp == 0x2028 || cp == 0x2029          // line and paragraph separators
           || (cp >= 0x2060 && cp <= 0x2064)        // word joiner, invisible operators
           || (cp >= 0x206A && cp <= 0x206F)        // deprecated format characters
           || cp == 0xFEFF                          // zero-width no-break space (BOM)
           || (cp >= 0xFFF9 && cp <= 0xFFFB)        // interlinear annotation
           || (cp >= 0xE0000 && cp <= 0xE007F);     // tag characters: text that no one sees
}

}  // namespace

std::string sanitize_text(std::string_view utf8, SanitizeReport* report)
{
    std::vector<char32_t> cps;
    if (!decode_utf8(utf8, cps)) return {};
    std::string out;
    out.reserve(utf8.size());
    SanitizeReport local;
    for (char32_t cp : cps) {
        if (cp == '\n') { out.push_back('\n'); continue; }
        if (cp == '\t') { out.push_back(' '); continue; }
        if (cp == '\r') continue;
        if (is_bidi_control(cp)) { ++local.bidi_overrides_removed; continue; }
        if (is_control(cp)) { ++local.controls_removed; continue; }
        append_utf8(out, cp);
    }
    if (report) *report = local;
    return out;
}

std::string one_line(std::string_view text, std::size_t max_chars, std::size_t max_bytes)
{
    // Decoded one character at a time, so that a bad byte costs only itself,
    // and no further than one character past the limit.
    std::vector<char32_t> kept, one;
    std::size_t i = 0;
    while (i < text.size() && kept.size() <= max_chars) {
        std::size_t len = 1;
        char32_t cp = 0xFFFD;
        for (std::size_t n = 1; n <= 4 && i + n <= text.size(); ++n)
            if (decode_utf8(text.substr(i, n), one) && one.size() == 1) {
                cp = one.front();
                len = n;
                break;
            }
        i += len;
        if (cp == '\n' || cp == '\t' || cp == '\r') cp = ' ';
        if (!is_bidi_control(cp) && !is_control(cp)) kept.push_back(cp);
    }
    auto utf8_size = [](char32_t cp) -> std::size_t { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; };
    std::size_t bytes = 0;
    for (char32_t cp : kept) bytes += utf8_size(cp);
    bool cut = kept.size() > max_chars || bytes > max_bytes;
    if (cut) {
        const std::size_t ellipsis = 3;
        if (kept.size() >= max_chars) kept.resize(max_chars > 0 ? max_chars - 1 : 0);
        bytes = 0;
        for (char32_t cp : kept) bytes += utf8_size(cp);
        while (!kept.empty() && (bytes + ellipsis > max_bytes || kept.back() == ' ')) {
            bytes -= utf8_size(kept.back());
            kept.pop_back();
        }
    }
    std::string out;
    for (char32_t cp : kept) append_utf8(out, cp);
    if (cut && max_chars > 0 && out.size() + 3 <= max_bytes) out += "\xE2\x80\xA6";
    return out;
}

const char* to_string(TextDirection direction)
{
    return direction == TextDirection::rtl ? "rtl" : "ltr";
}

Script script_of(char32_t cp)
{
    if (cp >= 0x0590 && cp <= 0x05FF) return Script::hebrew;
    if ((cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
        return Script::arabic;
    if (cp >= 0x0900 && cp <= 0x097F) return Script::devanagari;
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return Script::cjk;
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F)
        || (cp >= 0x0370 && cp <= 0x052F) || (cp >= 0x1E00 && cp <= 0x1FFF))
        return Script::latin;  // Latin, Greek and Cyrillic share one font family here.
    return Script::other;
}

TextDirection text_direction(std::string_view utf8, std::string_view language)
{
    static constexpr std::array<std::string_view, 7> rtl_languages = {"ar", "he", "fa", "ur", "ps", "yi", "dv"};
    std::string primary(language.substr(0, language.find('-')));
    for (char& c : primary)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // language tags are case-insensitive
    for (auto rtl : rtl_languages)
        if (primary == rtl) return TextDirection::rtl;
    if (!language.empty()) return TextDirection::ltr;
    std::vector<char32_t> cps;
    decode_utf8(utf8, cps);
    for (char32_t cp : cps) {
        Script s = script_of(cp);
        if (s == Script::arabic || s == Script::hebrew) return TextDirection::rtl;
        if (s != Script::other) return TextDirection::ltr;
    }
    return TextDirection::ltr;
}

TextDirection majority_direction(std::string_view utf8, std::string_view language)
{
    if (!language.empty()) return text_direction(utf8, language);
    std::vector<char32_t> cps;
    decode_utf8(utf8, cps);
    long balance = 0;  // right-to-left letters less the others
    for (char32_t cp : cps) {
        Script s = script_of(cp);
        if (s == Script::arabic || s == Script::hebrew) ++balance;
        else if (s != Script::other) --balance;
    }
    if (balance != 0) return balance > 0 ? TextDirection::rtl : TextDirection::ltr;
    return text_direction(utf8, {});
}

std::string tidy_paragraphs(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    std::size_t newlines = 0;  // in the run of whitespace being read
    bool space = false;        // kept, as one, only when something other than a newline follows
    for (char c : utf8) {
        if (c == '\n') {
            ++newlines;
            space = false;
        } else if (c == ' ') {
            space = true;
        } else {
            if (!out.empty()) {
                if (newlines > 1) out += "\n\n";
                else if (newlines == 1) out += "\n";
                else if (space) out.push_back(' ');
            }
            newlines = 0;
            space = false;
            out.push_back(c);
        }
    }
    return out;
}

Script dominant_script(std::string_view utf8)
{
    std::vector<char32_t> cps;
    decode_utf8(utf8, cps);
    std::array<int, 6> counts{};
    for (char32_t cp : cps) ++counts[static_cast<std::size_t>(script_of(cp))];
    counts[static_cast<std::size_t>(Script::other)] = 0;
    std::size_t best = 0;
    for (std::size_t i = 1; i < counts.size(); ++i)
        if (counts[i] > counts[best]) best = i;
    return counts[best] == 0 ? Script::latin : static_cast<Script>(best);
}

std::size_t count_words(std::string_view utf8)
{
    std::size_t words = 0;
    bool in_word = false;
    for (char c : utf8) {
        bool space = c == ' ' || c == '\n';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

std::string list_separator(std::string_view language, std::string_view parts)
{
    // The parts' own script decides, not the slide's language: an Arabic
    // organisation keeps its Arabic comma on a slide shown in English first.
    std::string_view primary = language.substr(0, language.find('-'));
    switch (dominant_script(parts)) {
    case Script::arabic: return "\xD8\x8C ";  // U+060C ARABIC COMMA
    case Script::cjk: return primary == "ja" ? "\xE3\x80\x81" : "\xEF\xBC\x8C";  // U+3001, U+FF0C
    default: return ", ";
    }
}

std::optional<std::size_t> first_invalid_utf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t extra = 0;
        char32_t cp = 0, min = 0;
        if ((b0 & 0xE0) == 0xC0) { extra = 1; cp = b0 & 0x1Fu; min = 0x80; }
        else if ((b0 & 0xF0) == 0xE0) { extra = 2; cp = b0 & 0x0Fu; min = 0x800; }
        else if ((b0 & 0xF8) == 0xF0) { extra = 3; cp = b0 & 0x07u; min = 0x10000; }
        else return i;
        if (i + extra >= s.size()) return i;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += extra + 1;
    }
    return std::nullopt;
}

std::string ascii_lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace placard
