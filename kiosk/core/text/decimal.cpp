#include "core/text/decimal.h"

#include <clocale>
#include <cmath>
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

}  // namespace

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
