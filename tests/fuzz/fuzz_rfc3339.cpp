// RFC 3339 dates and times: any bytes parse or do not, and a time that parses
// is written back as text that parses to the same instant.
#include "core/feed/rfc3339.h"
#include <string>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    if (auto t = placard::parse_rfc3339(text)) {
        auto again = placard::parse_rfc3339(placard::format_rfc3339(*t));
        fuzz::require(again && *again == *t, "format_rfc3339 round-trips what parse_rfc3339 read");
        // "...+hh:mm" is the same wall time written with "Z", moved by the offset.
        std::size_t n = text.size();
        if (n >= 6 && (text[n - 6] == '+' || text[n - 6] == '-') && text[n - 3] == ':') {
            auto utc = placard::parse_rfc3339(std::string(text.substr(0, n - 6)) + "Z");
            std::int64_t offset = ((text[n - 5] - '0') * 10 + (text[n - 4] - '0')) * 3600
                                  + ((text[n - 2] - '0') * 10 + (text[n - 1] - '0')) * 60;
            if (utc) fuzz::require(*t == *utc - (text[n - 6] == '+' ? offset : -offset), "the offset moves the time");
        }
    }
    (void)placard::parse_rfc3339_date_or_time(text);
    return 0;
}
