// Dates, numbers and plural forms in each of the six UN languages, exactly as
// ICU (CLDR) writes them.
#include <doctest/doctest.h>

#include "core/words/locale_format.h"

using namespace placard;

TEST_CASE("a day in the long form of each UN language")
{
    CHECK(format_day(2013, 12, 11, "en") == "11 December 2013");
    CHECK(format_day(2013, 12, 11, "fr") == "11 d\xC3\xA9" "cembre 2013");
    CHECK(format_day(2013, 12, 11, "es") == "11 de diciembre de 2013");
    CHECK(format_day(2013, 12, 11, "ru") == "11 \xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F 2013\xE2\x80\xAF\xD0\xB3.");
    CHECK(format_day(2013, 12, 11, "zh") == "2013\xE5\xB9\xB4" "12\xE6\x9C\x88" "11\xE6\x97\xA5");
    // Arabic-Indic digits, as CLDR writes Arabic: ١١ ديسمبر ٢٠١٣
    CHECK(format_day(2013, 12, 11, "ar") == "\xD9\xA1\xD9\xA1 \xD8\xAF\xD9\x8A\xD8\xB3\xD9\x85\xD8\xA8\xD8\xB1 "
                                            "\xD9\xA2\xD9\xA0\xD9\xA1\xD9\xA3");
    // The calendar day as given, whatever the machine's time zone: the first and last of a year.
    CHECK(format_day(2020, 1, 1, "en") == "1 January 2020");
    CHECK(format_day(1999, 12, 31, "en") == "31 December 1999");
    CHECK(format_day(2024, 2, 29, "en") == "29 February 2024");
}

TEST_CASE("numbers grouped the language's way, with one decimal at most")
{
    CHECK(format_number(1234, "en") == "1,234");
    CHECK(format_number(1250, "en") == "1,250");
    CHECK(format_number(2.5, "en") == "2.5");
    CHECK(format_number(2.25, "en") == "2.3");  // half up
    CHECK(format_number(30, "en") == "30");
    CHECK(format_number(1234, "fr") == "1\xE2\x80\xAF" "234");  // the narrow no-break space
    CHECK(format_number(12345.5, "fr") == "12\xE2\x80\xAF" "345,5");
    CHECK(format_number(1234, "es") == "1234");  // Spanish groups from five digits
    CHECK(format_number(12345, "es") == "12.345");
    CHECK(format_number(1234, "ru") == "1\xC2\xA0" "234");  // the no-break space
    CHECK(format_number(1234, "zh") == "1,234");
    CHECK(format_number(1234, "ar") == "\xD9\xA1\xD9\xAC\xD9\xA2\xD9\xA3\xD9\xA4");  // ١٬٢٣٤
    CHECK(format_number(2.5, "ar") == "\xD9\xA2\xD9\xAB\xD9\xA5");                  // ٢٫٥
    CHECK(format_number(7, "en", 0) == "7");
}

TEST_CASE("plural categories from ICU's rules")
{
    CHECK(plural_category(1, "en") == "one");
    CHECK(plural_category(2, "en") == "other");
    CHECK(plural_category(1, "ru") == "one");
    CHECK(plural_category(3, "ru") == "few");
    CHECK(plural_category(5, "ru") == "many");
    CHECK(plural_category(21, "ru") == "one");
    CHECK(plural_category(0, "ar") == "zero");
    CHECK(plural_category(2, "ar") == "two");
    CHECK(plural_category(3, "ar") == "few");
    CHECK(plural_category(11, "ar") == "many");
    CHECK(plural_category(100, "ar") == "other");
    CHECK(plural_category(0, "fr") == "one");  // French counts zero as one
    CHECK(plural_category(1, "zh") == "other");
}

TEST_CASE("a change with its sign, as each language writes one")
{
    CHECK(format_number(234, "en", 1, true) == "+234");
    CHECK(format_number(-2, "en", 1, true) == "-2");
    CHECK(format_number(1234, "fr", 1, true) == "+1\xE2\x80\xAF" "234");
    // Arabic: the Arabic letter mark (U+061C) keeps the sign beside its digits in right-to-left text.
    CHECK(format_number(234, "ar", 1, true) == "\xD8\x9C+\xD9\xA2\xD9\xA3\xD9\xA4");
}
