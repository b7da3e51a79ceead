// Dates, numbers and plural forms from the browser's Intl (its own CLDR), in
// place of ICU's (core/words/locale_format.cpp). Checking a feed asks only for
// English plural forms, when it names the slide word a feed's own wording
// replaces; the rest is here so that the words table links as it is.
#include <cstdlib>
#include <string>
#include <string_view>

#include <emscripten/emscripten.h>

#include "core/words/locale_format.h"

namespace placard {
namespace {

// English as the table means it: international English.
std::string locale_of(std::string_view language)
{
    return language == "en" ? "en-001" : std::string(language);
}

std::string taken(char* text)
{
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

EM_JS(char*, browser_format, (const char* kind, const char* locale, double a, double b, double c, int d), {
    let text = "";
    try {
        const how = UTF8ToString(kind);
        const where = UTF8ToString(locale);
        if (how === "day") {
            const day = new Date(Date.UTC(2000, b - 1, c));
            day.setUTCFullYear(a);
            text = new Intl.DateTimeFormat(where, {dateStyle: "long", timeZone: "UTC"}).format(day);
        } else if (how === "number") {
            text = new Intl.NumberFormat(where, {maximumFractionDigits: b, roundingMode: "halfEven",
                                                 signDisplay: d ? "exceptZero" : "auto"}).format(a);
        } else {
            text = new Intl.PluralRules(where).select(a);
        }
    } catch (e) {
        text = "";
    }
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

}  // namespace

std::string format_day(int year, int month, int day, std::string_view language)
{
    return taken(browser_format("day", locale_of(language).c_str(), year, month, day, 0));
}

std::string format_number(double value, std::string_view language, int max_fraction, bool with_sign)
{
    return taken(browser_format("number", locale_of(language).c_str(), value, max_fraction, 0, with_sign ? 1 : 0));
}

std::string plural_category(double count, std::string_view language)
{
    std::string category = taken(browser_format("plural", locale_of(language).c_str(), count, 0, 0, 0));
    return category.empty() ? "other" : category;
}

}  // namespace placard
