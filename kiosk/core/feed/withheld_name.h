#pragma once
// A withheld speaker's name showing through what the slide says: the words of
// the names an item's authors gave, looked for in its own text.
#include <string>
#include <string_view>
#include <vector>

namespace placard {

// The words of these names worth looking for: those of 3 or more characters,
// or 2 in scripts written without spaces (Chinese, Japanese, Korean), folded
// to lower case; each once.
std::vector<std::u32string> name_words(const std::vector<std::string>& names);

// Whether text holds the word (from name_words), ignoring case in Latin,
// Greek and Cyrillic, and as a whole word where the word and its neighbours
// are letters of those scripts; elsewhere anywhere, since Chinese runs words
// together and Arabic joins small words to the front of a name.
bool contains_name_word(std::string_view text, const std::u32string& word);

}  // namespace placard
