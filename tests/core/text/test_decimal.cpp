// Reading decimal numbers the same way in every build (the kiosk's and the
// browser checker's): the form checked first, then correctly rounded.
#include <doctest/doctest.h>

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
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
    // (Where there is none, this reads under the C locale only.)
    if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8")) std::setlocale(LC_NUMERIC, "fr_FR.UTF-8");
    CHECK(parse_decimal("12.5") == std::optional<double>(12.5));
    CHECK_FALSE(parse_decimal("12,5").has_value());
    std::setlocale(LC_NUMERIC, before.c_str());
}

namespace {

// std::to_chars's shortest form, where the standard library has one (the kiosk's).
std::string to_chars_of(double value)
{
    char out[64];
    auto [end, ec] = std::to_chars(out, out + sizeof out, value);
    return ec == std::errc{} ? std::string(out, end) : std::string{};
}

}  // namespace

TEST_CASE("shortest_decimal writes what std::to_chars writes")
{
    for (double v : {0.0, -0.0, 1.0, 0.1, 0.3, 12.5, 100.0, 1e20, 1e21, 1e-5, 1e-7, 123456789012345680.0,
                     9007199254740992.0, 9007199254740993.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                     0.30000000000000004, 1.0 / 3, 2.0 / 3, -7.25, 4096.0, 0.001, 1234567.0})
        CHECK(shortest_decimal(v) == to_chars_of(v));
    CHECK(shortest_decimal(std::numeric_limits<double>::infinity()) == "inf");
    // Every power of two, where a double's neighbours are not evenly spaced,
    // and doubles of random bits.
    for (int e = -1074; e <= 1023; ++e) {
        const double v = std::ldexp(1.0, e);
        REQUIRE_MESSAGE(shortest_decimal(v) == to_chars_of(v), e);
    }
    std::mt19937_64 random(20261206);
    for (int i = 0; i < 30000; ++i) {
        std::uint64_t bits = random();
        double v = 0;
        std::memcpy(&v, &bits, sizeof v);
        if (!std::isfinite(v)) continue;
        REQUIRE_MESSAGE(shortest_decimal(v) == to_chars_of(v), bits);
        const double small = static_cast<double>(bits % 100000000) / 1000;  // as feeds write them: 12345.678
        REQUIRE_MESSAGE(shortest_decimal(small) == to_chars_of(small), small);
    }
}
