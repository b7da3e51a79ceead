// The slide words table: every language has every word with the same
// placeholders, languages fall back to English, a feed's wording comes first,
// plural forms follow ICU's rules.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/words/slide_words.h"

using namespace placard;

TEST_CASE("the table has the six UN languages, each with every word and the same placeholders")
{
    const auto& languages = word_languages();
    for (const char* l : {"en", "fr", "es", "ru", "ar", "zh"})
        CHECK(std::find(languages.begin(), languages.end(), l) != languages.end());
    auto table = nlohmann::json::parse(embedded_slide_words());
    const auto& english = table["en"];
    for (std::string_view key : slide_word_keys()) CHECK(english.contains(std::string(key)));
    for (const auto& [language, words] : table.items()) {
        CAPTURE(language);
        CHECK(words.size() == english.size());
        for (const auto& [key, en] : english.items()) {
            CAPTURE(key);
            REQUIRE(words.contains(key));
            // Filled in, each language's form carries every placeholder the English one has.
            for (const std::string& name : word_placeholders(key)) {
                if (name == "count") continue;  // a plural's "one" may spell the count out
                auto forms = words[key].is_object() ? words[key] : nlohmann::json::object({{"other", words[key]}});
                for (const auto& [category, text] : forms.items())
                    CHECK(text.get<std::string>().find("{" + name + "}") != std::string::npos);
            }
        }
    }
}

TEST_CASE("a language tag's words: its primary subtag, else English")
{
    CHECK(slide_language("zh-Hans") == "zh");
    CHECK(slide_language("fr-CH") == "fr");
    CHECK(slide_language("AR") == "ar");
    CHECK(slide_language("") == "en");
    CHECK(slide_language("de") == "en");
    WordOverrides german{{"de", {{"statement", "ERKL\xC3\x84RUNG"}}}};
    CHECK(slide_language("de-AT", &german) == "de");
    CHECK(slide_word("statement", "de", &german) == "ERKL\xC3\x84RUNG");
    CHECK(slide_word("tally", "de", &german) == "IN NUMBERS");  // what the feed did not word: English
}

TEST_CASE("words with their placeholders filled in, the feed's wording first")
{
    CHECK(slide_word("statement", "fr") == "D\xC3\x89" "CLARATION");
    CHECK(slide_word("as_of", "en", nullptr, {{"date", "11 December 2013"}}) == "As of 11 December 2013");
    CHECK(slide_word("as_of", "zh", nullptr, {{"date", "2013\xE5\xB9\xB4"}}) == "\xE6\x88\xAA\xE8\x87\xB3" "2013\xE5\xB9\xB4");
    WordOverrides feed{{"fr", {{"as_of", "Chiffre du {date}"}}}};
    CHECK(slide_word("as_of", "fr", &feed, {{"date", "11"}}) == "Chiffre du 11");
    CHECK(slide_word("as_of", "es", &feed, {{"date", "11"}}) == "Al 11");
    CHECK(slide_word("no_such_word", "fr") == "no_such_word");
}

TEST_CASE("a word with plural forms takes the one ICU's rules choose")
{
    auto slides = [](const char* language, double n, const char* shown) {
        return slide_word("card.slides", language, nullptr, {{"count", shown}}, n);
    };
    CHECK(slides("en", 1, "1") == "1 slide");
    CHECK(slides("en", 12, "12") == "12 slides");
    CHECK(slides("ru", 1, "1") == "1 \xD1\x81\xD0\xBB\xD0\xB0\xD0\xB9\xD0\xB4");                    // 1 слайд
    CHECK(slides("ru", 3, "3") == "3 \xD1\x81\xD0\xBB\xD0\xB0\xD0\xB9\xD0\xB4\xD0\xB0");             // 3 слайда
    CHECK(slides("ru", 5, "5") == "5 \xD1\x81\xD0\xBB\xD0\xB0\xD0\xB9\xD0\xB4\xD0\xBE\xD0\xB2");     // 5 слайдов
    CHECK(slides("fr", 0, "0") == "0 diapositive");
    CHECK(slides("fr", 2, "2") == "2 diapositives");
}
