#pragma once
// Whether a number is kept as it was written. A feed's numbers are read into
// doubles, which hold every whole number up to 2^53 and about 15 significant
// digits: "9007199254740993" would be read as 9007199254740992 and shown one
// off, with nothing to say so. The number written is compared with the
// shortest decimal that reads back as the double it became.
#include <string>
#include <string_view>

namespace placard {

// text: digits with an optional sign, point and exponent, as JSON and a
// sheet's cells write them; value: the double it was read as. A text that is
// not a number in that form is not judged (true).
bool held_exactly(std::string_view text, double value);

// "9007199254740993 cannot be held exactly: it would be read as
// 9007199254740992; ..." with the fix.
std::string inexact_number_message(std::string_view text, double value);

}  // namespace placard
