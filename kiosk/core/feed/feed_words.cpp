// `_placard.words` of a feed: the event's own wording of the words a slide
// adds ("STATEMENT", "As of {date}"), by language.
#include <algorithm>

#include "core/feed/feed_parser.h"
#include "core/feed/json_check.h"
#include "core/feed/json_read.h"
#include "core/text/text.h"

namespace placard::feed_detail {
namespace {

const char* const words_example = "{\"fr\": {\"statement\": \"TÉMOIGNAGE\", \"as_of\": \"Au {date}\"}}";

std::vector<std::string> placeholders_in(const std::string& text)
{
    std::vector<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        std::size_t close = text.find('}', open);
        if (close == std::string::npos) break;
        out.push_back(text.substr(open + 1, close - open - 1));
    }
    return out;
}

}  // namespace

void FeedParser::words(const json& node, const std::string& at, WordOverrides& out)
{
    if (!node.is_object()) {
        error(at, std::string("expected an object of languages and their words, like ") + words_example + ", got "
                      + describe_json(node));
        return;
    }
    for (const auto& [tag, words] : node.items()) {
        const std::string lp = pointer_child(at, tag);
        std::string language = ascii_lower(tag);
        if (!plausible_language_tag(tag) || language.find_first_of("-_") != std::string::npos) {
            error(lp, "\"" + tag + "\" is not a language; write the language alone, like \"fr\", \"ar\" or \"zh\": its "
                                   "words apply to every slide in that language");
            continue;
        }
        if (!words.is_object()) {
            error(lp, "expected an object of words, like {\"statement\": \"TÉMOIGNAGE\"}, got " + describe_json(words));
            continue;
        }
        for (const auto& [key, value] : words.items()) {
            const std::string wp = pointer_child(lp, key);
            const auto& known = slide_word_keys();
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                if (key.rfind("card.", 0) == 0) {
                    warning(wp, "ignored: the organiser's cards follow the screen's \"ui_language\" setting, not the feed");
                    continue;
                }
                std::string hint = closest_name(key, known);
                error(wp, "not a slide word" + (hint.empty() ? std::string{} : "; did you mean \"" + hint + "\"?")
                              + " (the words are listed in the feed format's \"Slide words\")");
                continue;
            }
            std::string text = this->text(words, key, lp, key == "event" ? FeedLimits::max_title_chars
                                                                          : FeedLimits::max_label_chars);
            if (!words[key].is_string()) continue;  // reported by text()
            if (text.find_first_not_of(" \n") == std::string::npos || text.find('\n') != std::string::npos) {
                error(wp, "write the words on one line, not empty; remove the key to keep the usual words");
                continue;
            }
            std::vector<std::string> wanted = word_placeholders(key), given = placeholders_in(text);
            bool good = true;
            for (const std::string& name : given)
                if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) {
                    std::string have;
                    for (const std::string& w : wanted) have += (have.empty() ? "" : ", ") + ("{" + w + "}");
                    error(wp, "{" + name + "} is not filled in here; "
                                  + (have.empty() ? std::string("this word takes no {...}") : "this word takes " + have));
                    good = false;
                }
            // The event's name may be replaced whole; every other word keeps its values.
            for (const std::string& name : wanted)
                if (key != "event" && std::find(given.begin(), given.end(), name) == given.end()) {
                    error(wp, "keep {" + name + "} in the text, where the " + name + " goes: \""
                                  + slide_word(key, "en", nullptr, {}) + "\" in English");
                    good = false;
                }
            if (good) out[language][key] = std::move(text);
        }
    }
}

}  // namespace placard::feed_detail
