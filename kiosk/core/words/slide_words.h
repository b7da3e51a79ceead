#pragma once
// The words a slide adds around what the feed says ("STATEMENT", "As of
// {date}", "Read on"...) and the organiser's cards' labels, in the slide's
// language: one reviewed table, assets/slide-words.json, compiled in. A feed
// may reword any slide word for its own event (`_placard.words`).
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace placard {

// A feed's own wording: language ("en", "fr", ...) -> word key -> text.
using WordOverrides = std::map<std::string, std::map<std::string, std::string>>;

// The languages the table has, in alphabetical order: "ar", "en", ...
const std::vector<std::string>& word_languages();

// The language of a slide's words for a language tag: "zh-Hans" -> "zh",
// "fr-CH" -> "fr"; "" or one that neither the table nor the feed's own
// wording has -> "en".
std::string slide_language(std::string_view tag, const WordOverrides* overrides = nullptr);

// The keys a feed may reword, and the placeholders each one's text must keep
// ("as_of": {"date"}). Cards' words ("card.*") are the organiser's, not the feed's.
const std::initializer_list<std::string_view>& slide_word_keys();
std::vector<std::string> word_placeholders(std::string_view key);

// The text of a word in a language (as slide_language gives it), the feed's
// own wording first, then the table's, then English; its placeholders filled in: {"date", "11 décembre 2013"}.
// A word with plural forms picks the form for `count` (ICU's plural rules).
std::string slide_word(std::string_view key, std::string_view language, const WordOverrides* overrides = nullptr,
                       std::initializer_list<std::pair<std::string_view, std::string>> values = {},
                       double count = 0);

// The table's bytes (generated from assets/slide-words.json at build time).
std::string_view embedded_slide_words();

}  // namespace placard
