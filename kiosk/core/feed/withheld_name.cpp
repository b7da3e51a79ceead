#include "core/feed/withheld_name.h"

#include <algorithm>

#include "core/text/text.h"

namespace placard {
namespace {

// Lower case for the scripts whose letters have case and whose words are
// spaced: Latin (with Latin-1 and Extended-A), Greek and Cyrillic.
char32_t fold(char32_t c)
{
    if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    if (c == 0x178) return 0xFF;  // Ÿ
    if (c >= 0x100 && c <= 0x17E && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
        // Extended-A pairs its letters, upper then lower, shifted by one from U+0139 to U+0148 and U+0179 on.
        const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_upper ? c % 2 == 1 : c % 2 == 0) return c + 1;
        return c;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    return c;
}

bool spaced_letter(char32_t c)
{
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9')
           || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x4FF);
}

bool unspaced_script(char32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF)
           || (c >= 0x20000 && c <= 0x3FFFF);
}

std::u32string folded(std::string_view text)
{
    std::vector<char32_t> cps;
    decode_utf8(text, cps);
    std::u32string out;
    out.reserve(cps.size());
    for (char32_t c : cps) out.push_back(fold(c));
    return out;
}

// Letters, digits and the marks inside a name ("O'Brien", "Jean-Luc") break it into words.
bool separates(char32_t c)
{
    return c == U' ' || c == U'\t' || c == U'\n' || c == U',' || c == U'.' || c == U'-' || c == U'\'' || c == U'('
           || c == U')' || c == U'"' || c == 0x2019 || c == 0x2010 || c == 0x3000 || c == 0x00B7 || c == 0x30FB
           || c == 0x060C;
}

}  // namespace

std::vector<std::u32string> name_words(const std::vector<std::string>& names)
{
    std::vector<std::u32string> out;
    auto keep = [&](std::u32string& word) {
        const bool unspaced = !word.empty() && unspaced_script(word[0]);
        if (word.size() >= (unspaced ? 2u : 3u) && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
        word.clear();
    };
    for (const std::string& name : names) {
        std::u32string word;
        for (char32_t c : folded(name)) {
            if (separates(c)) keep(word);
            else word.push_back(c);
        }
        keep(word);
    }
    return out;
}

bool contains_name_word(std::string_view text, const std::u32string& word)
{
    if (word.empty()) return false;
    const std::u32string hay = folded(text);
    for (std::size_t at = hay.find(word); at != std::u32string::npos; at = hay.find(word, at + 1)) {
        const bool open_before = at == 0 || !spaced_letter(word.front()) || !spaced_letter(hay[at - 1]);
        const std::size_t end = at + word.size();
        const bool open_after = end == hay.size() || !spaced_letter(word.back()) || !spaced_letter(hay[end]);
        if (open_before && open_after) return true;
    }
    return false;
}

}  // namespace placard
