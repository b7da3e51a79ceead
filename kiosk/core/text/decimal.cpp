#include "core/text/decimal.h"

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace placard {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the digits starting at i end.
std::size_t skip_digits(std::string_view s, std::size_t i)
{
    while (i < s.size() && is_digit(s[i])) ++i;
    return i;
}

// Digits D and exponent X for D[0].D[1...] x 10^X, in the C locale's form,
// read as a double.
double value_of(const std::string& digits, int exponent)
{
    std::string text = digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(exponent);
    return parse_decimal(text).value_or(-1);
}

// digits as a whole number plus step (1 or -1), kept at their count of digits
// by moving the exponent: 999 + 1 is 100 at one more, 100 - 1 is 999 at one less.
void step_last_digit(std::string& digits, int& exponent, int step)
{
    std::size_t i = digits.size();
    while (i-- > 0) {
        char& d = digits[i];
        if (step > 0 && d == '9') d = '0';
        else if (step < 0 && d == '0') d = '9';
        else {
            d = static_cast<char>(d + step);
            break;
        }
    }
    if (step > 0 && digits[0] == '0') {  // 999 became 000: 1000, one digit more
        digits.insert(digits.begin(), '1');
        digits.pop_back();
        ++exponent;
    } else if (step < 0 && digits[0] == '0') {  // 100 became 099: 99 and a 9 after, one digit less up front
        digits.erase(digits.begin());
        digits.push_back('9');
        --exponent;
    }
}

}  // namespace

std::string shortest_decimal(double value)
{
    if (std::isnan(value)) return std::signbit(value) ? "-nan" : "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    const std::string sign = std::signbit(value) ? "-" : "";
    const double size = std::fabs(value);
    if (size == 0) return sign + "0";
    // The fewest significant digits that read back: printf's correctly
    // rounded ones at each count, or, where the double's interval is
    // lopsided (next to a power of two), the decimal one step the other side.
    std::string digits;
    int exponent = 0;
    for (int count = 1; count <= 17 && digits.empty(); ++count) {
        char text[48];
        std::snprintf(text, sizeof text, "%.*e", count - 1, size);
        const std::string_view written(text);
        const std::size_t e = written.find('e');
        std::string nearest;
        for (char c : written.substr(0, e))
            if (c != '.') nearest.push_back(c);
        const int at = std::atoi(text + e + 1);
        if (value_of(nearest, at) == size) {
            digits = nearest;
            exponent = at;
            break;
        }
        for (int step : {1, -1}) {
            std::string other = nearest;
            int other_at = at;
            step_last_digit(other, other_at, step);
            if (value_of(other, other_at) == size) {
                digits = other;
                exponent = other_at;
                break;
            }
        }
    }
    digits.erase(digits.find_last_not_of('0') + 1);
    const int count = static_cast<int>(digits.size());
    // 1.2345e+06, the exponent of at least two digits, as printf writes it.
    std::string scientific = digits.substr(0, 1) + (count > 1 ? "." + digits.substr(1) : "") + "e"
                             + (exponent < 0 ? "-" : "+") + (std::abs(exponent) < 10 ? "0" : "")
                             + std::to_string(std::abs(exponent));
    std::string plain;
    if (exponent < 0) plain = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    else if (count - 1 <= exponent) {
        // A whole number: its own digits rather than the shortest ones padded
        // with zeros, which are as long but further from it (2^55 is
        // 36028797018963968, not ...970).
        char whole[320];
        std::snprintf(whole, sizeof whole, "%.0f", size);
        plain = whole;
    }
    else plain = digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." + digits.substr(static_cast<std::size_t>(exponent + 1));
    return sign + (plain.size() <= scientific.size() ? plain : scientific);
}

std::optional<double> parse_decimal(std::string_view text)
{
    // The form is checked here, so strtod only converts: it would also take
    // spaces, '+', "0x1p3" and "nan".
    std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    const std::size_t whole_end = skip_digits(text, i);
    std::size_t end = whole_end;
    std::size_t digits = whole_end - i;
    std::size_t point = std::string_view::npos;
    if (end < text.size() && text[end] == '.') {
        point = end;
        const std::size_t fraction_end = skip_digits(text, end + 1);
        digits += fraction_end - end - 1;
        end = fraction_end;
    }
    if (digits == 0) return std::nullopt;
    if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
        std::size_t e = end + 1;
        if (e < text.size() && (text[e] == '-' || text[e] == '+')) ++e;
        const std::size_t exponent_end = skip_digits(text, e);
        if (exponent_end == e) return std::nullopt;
        end = exponent_end;
    }
    if (end != text.size()) return std::nullopt;
    std::string copy(text);
    // strtod reads the point of the C library's locale: "." unless a program
    // sets another (Placard does not, but a library linked in might).
    if (const char* local = std::localeconv()->decimal_point; point != std::string_view::npos && local && *local)
        copy.replace(point, 1, local);
    char* stop = nullptr;
    const double value = std::strtod(copy.c_str(), &stop);
    if (stop != copy.c_str() + copy.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace placard
