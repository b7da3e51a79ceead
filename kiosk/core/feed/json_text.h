#pragma once
// JSON as people save and type it (a feed, the settings): what keeps the bytes
// from being JSON text at all, and the slips of hand-written JSON, each named
// with the place and the fix rather than in the parser's words.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/feed/json_read.h"

namespace placard {

// Checked before parsing: text saved as UTF-16 (Notepad's "Unicode"), bytes
// that are not UTF-8, a NUL byte (the parser would stop there as if the text
// ended). The message says where and how to save the file again; nothing
// when the bytes are fine. A UTF-8 byte order mark is fine here.
std::optional<std::string> not_json_text(std::string_view bytes);

// A slip of hand-written JSON at or just before the place the parser stopped.
struct JsonSlip {
    enum class Kind { trailing_comma, comment, single_quotes, curly_quotes, missing_comma, unquoted, capitalised };
    Kind kind;
    std::size_t byte = 0;  // where the slip is, for "line L, column C"
    std::string what;      // what it is and the fix, e.g. "a comma after the last entry; remove it"
};

// The slip behind a syntax error, when it is one of the common ones; nothing
// otherwise (the parser's own words are then the best there is).
std::optional<JsonSlip> find_json_slip(std::string_view text, const JsonReadError& error);

}  // namespace placard
