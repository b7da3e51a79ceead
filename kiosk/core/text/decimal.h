#pragma once
// Reading a number written in decimal, the same in every build: the kiosk's
// (libstdc++) and the browser checker's (libc++ 14, which has no
// floating-point std::from_chars).
#include <optional>
#include <string_view>

namespace placard {

// The whole text as a decimal number: an optional '-', digits with an optional
// point (at least one digit), an optional exponent ("e5", "E-3"). Nothing
// else: no '+', spaces, hexadecimal, "inf" or "nan". Correctly rounded, as
// std::from_chars would; nullopt when the text is not one or is too large
// for a double (1e400).
std::optional<double> parse_decimal(std::string_view text);

}  // namespace placard
