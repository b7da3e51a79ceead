// Reading decimal numbers the same way in every build (the kiosk's and the
// browser checker's): the form checked first, then correctly rounded.
#include <doctest/doctest.h>

#include <clocale>
#include <optional>
#include <string>

#include "core/text/decimal.h"

using namespace placard;

TEST_CASE("parse_decimal reads the numbers JSON and a sheet's cells write")
{
    CHECK(parse_decimal("30") == std::optional<double>(30));
    CHECK(parse_decimal("12.5") == std::optional<double>(12.5));
    CHECK(parse_decimal("-5") == std::optional<double>(-5));
    CHECK(parse_decimal("0.1") == std::optional<double>(0.1));
    CHECK(parse_decimal(".5") == std::optional<double>(0.5));
    CHECK(parse_decimal("5.") == std::optional<double>(5));
    CHECK(parse_decimal("1.23E+05") == std::optional<double>(123000));
    CHECK(parse_decimal("2e-3") == std::optional<double>(0.002));
    CHECK(parse_decimal("9007199254740993") == std::optional<double>(9007199254740992.0));
    // Correctly rounded: the double nearest the decimal, not one off.
    CHECK(parse_decimal("0.30000000000000004") == std::optional<double>(0.30000000000000004));
    CHECK(parse_decimal("2.2250738585072014e-308") == std::optional<double>(2.2250738585072014e-308));
}

TEST_CASE("parse_decimal refuses what is not a decimal number, whole")
{
    for (const char* text : {"", "-", ".", "-.", "+5", " 5", "5 ", "1,5", "1e", "1e+", "e5", "0x10", "0x1p3", "inf",
                             "-inf", "nan", "infinity", "1.2.3", "ten", "1e400", "-1e400", "5%"})
        CHECK_MESSAGE(!parse_decimal(text).has_value(), text);
}

TEST_CASE("parse_decimal reads a point whatever the C library's locale")
{
    const std::string before = std::setlocale(LC_NUMERIC, nullptr);
    // A locale with a decimal comma, when the machine has one.
    const bool comma = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") || std::setlocale(LC_NUMERIC, "fr_FR.UTF-8");
    CHECK(parse_decimal("12.5") == std::optional<double>(12.5));
    CHECK_FALSE(parse_decimal("12,5").has_value());
    std::setlocale(LC_NUMERIC, before.c_str());
    if (!comma) MESSAGE("no locale with a decimal comma here: read under the C locale only");
}
