#include "core/words/slide_words.h"

#include <nlohmann/json.hpp>

#include "core/words/locale_format.h"

namespace placard {
namespace {

// A word's forms: one text, or one for each plural category ("one", "few", ...).
using Forms = std::map<std::string, std::string>;

struct Table {
    std::vector<std::string> languages;
    std::map<std::string, std::map<std::string, Forms>> words;  // language -> key -> forms
};

const Table& table()
{
    static const Table t = [] {
        Table out;
        auto json = nlohmann::json::parse(embedded_slide_words(), nullptr, false);
        if (!json.is_object()) return out;
        for (const auto& [language, words] : json.items()) {
            if (!words.is_object()) continue;
            out.languages.push_back(language);
            for (const auto& [key, value] : words.items()) {
                Forms forms;
                if (value.is_string()) forms["other"] = value.get<std::string>();
                else if (value.is_object())
                    for (const auto& [category, text] : value.items())
                        if (text.is_string()) forms[category] = text.get<std::string>();
                out.words[language][key] = std::move(forms);
            }
        }
        return out;
    }();
    return t;
}

// Right-to-left languages of the table or a feed's own wording.
bool right_to_left(std::string_view language)
{
    return language == "ar" || language == "he" || language == "fa" || language == "ur";
}

// A value with Latin letters (a path, an address, a name) put into right-to-left
// words is held between left-to-right marks, so its own neutral ends stay with
// it: "/etc/placard/placard.json" does not become "etc/placard/placard.json/".
std::string held_left_to_right(const std::string& value)
{
    bool latin = false;
    for (char c : value) latin = latin || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return latin ? "\u200E" + value + "\u200E" : value;
}

std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values,
                 bool rtl = false)
{
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t open = text.find('{', i);
        std::size_t close = open == std::string::npos ? open : text.find('}', open);
        if (close == std::string::npos) break;
        out.append(text, i, open - i);
        std::string_view name(text.data() + open + 1, close - open - 1);
        bool found = false;
        for (const auto& [key, value] : values)
            if (key == name) {
                out += rtl ? held_left_to_right(value) : value;
                found = true;
                break;
            }
        if (!found) out.append(text, open, close - open + 1);
        i = close + 1;
    }
    out.append(text, std::min(i, text.size()), std::string::npos);
    return out;
}

std::string primary_of(std::string_view tag)
{
    std::string primary(tag.substr(0, tag.find_first_of("-_")));
    for (char& c : primary)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return primary;
}

}  // namespace

const std::vector<std::string>& word_languages() { return table().languages; }

std::string slide_language(std::string_view tag, const WordOverrides* overrides)
{
    std::string primary = primary_of(tag);
    return table().words.count(primary) || (overrides && overrides->count(primary)) ? primary : std::string("en");
}

const std::initializer_list<std::string_view>& slide_word_keys()
{
    static const std::initializer_list<std::string_view> keys = {
        "urgent", "statement", "tally", "notice", "post", "picture", "page", "position", "demo", "event",
        "around", "as_of", "source", "change", "no_change", "other", "read_on", "continued_link", "continued_at",
        "shortened", "see_picture", "picture_caption", "offline", "stale", "stale_showing", "stale_waiting",
        "no_statements", "no_statements_now", "waiting_for_feed", "cause_name_not_found", "cause_no_answer",
        "cause_secure_connection", "cause_not_found", "cause_server_error", "cause_login_page", "cause_not_a_feed",
        "cause_not_a_feed_at", "cause_bad_signature", "cause_unreadable_file", "cause_not_updated"};
    return keys;
}

std::vector<std::string> word_placeholders(std::string_view key)
{
    std::vector<std::string> out;
    auto en = table().words.find("en");
    if (en == table().words.end()) return out;
    auto word = en->second.find(std::string(key));
    if (word == en->second.end() || word->second.empty()) return out;
    const std::string& text = word->second.begin()->second;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        std::size_t close = text.find('}', open);
        if (close == std::string::npos) break;
        out.push_back(text.substr(open + 1, close - open - 1));
    }
    return out;
}

std::string slide_word(std::string_view key, std::string_view language, const WordOverrides* overrides,
                       std::initializer_list<std::pair<std::string_view, std::string>> values, double count)
{
    const std::string k(key), lang = primary_of(language);
    if (overrides) {
        if (auto l = overrides->find(lang); l != overrides->end())
            if (auto w = l->second.find(k); w != l->second.end()) return fill(w->second, values, right_to_left(lang));
    }
    for (const std::string& l : {lang, std::string("en")}) {
        auto words = table().words.find(l);
        if (words == table().words.end()) continue;
        auto word = words->second.find(k);
        if (word == words->second.end() || word->second.empty()) continue;
        const Forms& forms = word->second;
        auto form = forms.size() > 1 ? forms.find(plural_category(count, l)) : forms.end();
        if (form == forms.end()) form = forms.find("other");
        if (form == forms.end()) form = forms.begin();
        return fill(form->second, values, right_to_left(l));
    }
    return k;
}

}  // namespace placard
