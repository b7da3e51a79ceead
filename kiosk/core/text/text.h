#pragma once
// Unicode helpers the core needs without a Unicode library: UTF-8 decoding,
// counting, neutralising characters that must never reach the screen, and a
// coarse script and direction guess used to pick fonts and alignment.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

// Decodes UTF-8 into code points. Returns false on any ill-formed sequence
// (overlong forms, surrogates, values past U+10FFFF, truncation).
bool decode_utf8(std::string_view text, std::vector<char32_t>& out);
bool is_valid_utf8(std::string_view text);
void append_utf8(std::string& out, char32_t cp);
std::size_t count_code_points(std::string_view utf8);
// The byte offset of the first ill-formed UTF-8 sequence, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

struct SanitizeReport {
    int controls_removed = 0;
    int bidi_overrides_removed = 0;
};

// Removes C0/C1 control characters (keeping "\n"), bidi embedding, override and
// isolate controls (U+202A..U+202E, U+2066..U+2069) and other invisible format
// characters that could reorder or hide what attendees read. Tabs become spaces.
// The feed parser refuses text with direction controls rather than showing it
// without them (see bidi_overrides_removed); the rest are dropped with a warning.
std::string sanitize_text(std::string_view utf8, SanitizeReport* report = nullptr);

// Text from elsewhere (an error a parser wrote about someone's feed) made one
// short line, safe to show, log or send: each ill-formed UTF-8 byte becomes
// U+FFFD, newlines and tabs become spaces, the characters sanitize_text drops
// are dropped, and past max_chars code points it is cut between characters
// and ends in "…" (max_chars in all, with the "…"), as it is when its UTF-8
// would pass max_bytes.
std::string one_line(std::string_view text, std::size_t max_chars, std::size_t max_bytes = std::string::npos);

enum class TextDirection { ltr, rtl };
const char* to_string(TextDirection direction);

// The paragraph direction: from the language tag when it names a right-to-left
// language, else from the first strong character, else left-to-right.
TextDirection text_direction(std::string_view utf8, std::string_view language);

// The direction of a whole text shown on several pages, decided once for all
// of them: from the language tag when there is one (as text_direction), else
// from the most of its letters (those of right-to-left scripts against the
// others), the first strong character settling a tie. A page of English
// quoted in an Urdu statement stays right-to-left, as the statement is.
TextDirection majority_direction(std::string_view utf8, std::string_view language);

// Whitespace made fit to show: a run of spaces one space, spaces at the ends
// of lines dropped, a run of newlines (with only spaces between them) one
// paragraph break ("\n\n"), a single newline kept as a line break, and none
// at the start or the end. A text of nothing but whitespace becomes "".
std::string tidy_paragraphs(std::string_view utf8);

// The dominant writing system of a text, used to choose a font family.
enum class Script { latin, arabic, hebrew, cjk, devanagari, other };
Script dominant_script(std::string_view utf8);
Script script_of(char32_t cp);

// What joins the parts of a list ("role, organisation"), from the parts'
// script: "، " in Arabic script, "，" in Chinese ("、" when the language is
// Japanese), else ", ".
std::string list_separator(std::string_view language, std::string_view parts);

// Splits on ASCII spaces and newlines; used for word counts and reading time.
std::size_t count_words(std::string_view utf8);

// The text with A-Z made a-z and every other byte as it is, whatever the
// locale: for comparing names, keys and words that are ASCII by contract.
std::string ascii_lower(std::string_view text);

}  // namespace placard
