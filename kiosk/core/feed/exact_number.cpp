#include "core/feed/exact_number.h"

#include <algorithm>
#include <optional>

#include "core/text/decimal.h"

namespace placard {
namespace {

// A decimal as 0.DIGITS times 10^exponent, DIGITS without leading or
// trailing zeros; zero has no digits (and no sign).
struct Decimal {
    bool negative = false;
    std::string digits;
    long exponent = 0;
    bool operator==(const Decimal&) const = default;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<Decimal> read_decimal(std::string_view s)
{
    Decimal d;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
    std::string digits;
    long before_point = 0;
    bool point = false;
    for (; i < s.size(); ++i) {
        if (is_digit(s[i])) {
            digits.push_back(s[i]);
            if (!point) ++before_point;
        } else if (s[i] == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (digits.empty()) return std::nullopt;
    long exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
        if (i == s.size()) return std::nullopt;
        for (; i < s.size() && is_digit(s[i]); ++i) exponent = std::min(exponent * 10 + (s[i] - '0'), 1'000'000L);
        if (negative) exponent = -exponent;
    }
    if (i != s.size()) return std::nullopt;
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return Decimal{};
    digits.erase(digits.find_last_not_of('0') + 1);
    digits.erase(0, first);
    d.digits = std::move(digits);
    d.exponent = before_point - static_cast<long>(first) + exponent;
    return d;
}

std::string shortest(double value) { return shortest_decimal(value); }

}  // namespace

bool held_exactly(std::string_view text, double value)
{
    auto written = read_decimal(text);
    auto held = read_decimal(shortest(value));
    return !written || !held || *written == *held;
}

std::string inexact_number_message(std::string_view text, double value)
{
    return std::string(text) + " cannot be held exactly: it would be read as " + shortest(value)
           + "; write whole numbers up to 9007199254740992 (2^53) and at most 15 significant digits";
}

}  // namespace placard
