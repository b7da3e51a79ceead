#pragma once
// A total JSON reader for the documents people write by hand (feeds and the
// config): any bytes give a value or one error that says where, never an
// exception. Stricter than nlohmann::json::parse in one way: a member name
// given twice in one object is an error, because the parser's last-wins rule
// lets a second "content_text" hide behind the first from anyone reading the
// file.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace placard {

struct JsonReadError {
    enum class Kind { syntax, number_too_large, duplicate_key };
    Kind kind = Kind::syntax;
    std::size_t byte = 0;            // offset into the text, for "line L, column C"
    std::vector<std::string> path;   // member names and indices down to the place, unescaped
    std::string pointer;             // the same place as an RFC 6901 JSON Pointer; "" is the whole document
    std::string reason;              // the JSON parser's own words, for syntax errors
};

// A number whose text is not what its double holds ("9007199254740993" is
// read as ...992): the reader of the document decides whether that matters.
struct InexactNumber {
    std::string pointer;  // RFC 6901 JSON Pointer of the number
    std::string text;     // as written
};

// Where a part of the text is: bytes [begin, end).
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The objects of one array member of the root object (a feed's "items"),
// read but not kept: each is checked as it is read (syntax, repeated names,
// numbers) and then left as a discarded value in the document, and where its
// text is kept instead, so that its reader can read it again when it comes to
// it. A large document is then never held whole beside what is made of it.
struct DeferObjects {
    std::string_view member;
    // An object kept in the document all the same (one its reader will refuse, say).
    std::function<bool(const nlohmann::json&)> keep;
};

struct JsonRead {
    nlohmann::json value;                 // meaningful only without an error
    std::optional<JsonReadError> error;
    std::vector<InexactNumber> inexact;
    std::vector<TextSpan> deferred;       // by index in the deferred array; {0, 0} where the object was kept
};

// may_repeat: member names allowed more than once (for the config's "//"
// comments); the last one wins, as in plain JSON.
JsonRead read_json(std::string_view text, const std::function<bool(std::string_view)>& may_repeat = {},
                   const DeferObjects& defer = {});

}  // namespace placard
