#pragma once
// Dates, numbers and plural forms in a language, as ICU (CLDR) writes them:
// "11 décembre 2013", "2013年12月11日", "1 234" with French's narrow no-break
// space. ICU's headers stay in locale_format.cpp. Languages are the table's
// ("en", "fr", ...; slide_language in slide_words.h): English is written as
// international English (en-001), "11 December 2013" and "1,234".
#include <string>
#include <string_view>

namespace placard {

// A calendar day in the language's long form; "" when ICU cannot write it.
std::string format_day(int year, int month, int day, std::string_view language);

// A number with digit grouping and at most max_fraction digits after the
// decimal sign (rounded half-even, as ICU does), in the language's digits.
// With signed, its sign always, as the language writes a change: "+234",
// "-12", Arabic's with the letter mark that keeps the sign by its digits.
std::string format_number(double value, std::string_view language, int max_fraction = 1, bool with_sign = false);

// The CLDR plural category of a count: "zero", "one", "two", "few", "many" or "other".
std::string plural_category(double count, std::string_view language);

}  // namespace placard
