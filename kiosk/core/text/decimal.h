#pragma once
// Reading and writing numbers in decimal, the same in every build: the kiosk's
// (libstdc++) and the browser checker's (libc++ 14, which has no
// floating-point std::from_chars).
#include <optional>
#include <string>
#include <string_view>

namespace placard {

// The whole text as a decimal number: an optional '-', digits with an optional
// point (at least one digit), an optional exponent ("e5", "E-3"). Nothing
// else: no '+', spaces, hexadecimal, "inf" or "nan". Correctly rounded, as
// std::from_chars would; nullopt when the text is not one or is too large
// for a double (1e400).
std::optional<double> parse_decimal(std::string_view text);

// The shortest decimal that reads back as value, as std::to_chars(value)
// writes it: the fewest digits, the nearest of those to the value; plain
// ("9007199254740992", "0.1") unless the exponent form is shorter ("1e+20",
// "5e-324"); "inf", "-inf" and "nan" for those.
std::string shortest_decimal(double value);

}  // namespace placard
