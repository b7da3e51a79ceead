#include "core/text/terminal.h"

#include <cstdio>
#include <vector>

#include "core/text/text.h"

namespace placard {

namespace {

bool obeyed_by_terminals(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0)    // C0, DEL and C1 (ESC, CSI, OSC, BEL...)
           || cp == 0x061C || cp == 0x200E || cp == 0x200F  // bidi marks
           || (cp >= 0x202A && cp <= 0x202E)          // embeddings and overrides
           || (cp >= 0x2066 && cp <= 0x2069)          // isolates
           || cp == 0x2028 || cp == 0x2029;           // line and paragraph separators
}

void append_escape(std::string& out, unsigned value)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\u%04X", value);
    out += hex;
}

}  // namespace

std::string terminal_safe(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::vector<char32_t> cps;
    while (!text.empty()) {
        std::string_view good = text.substr(0, first_invalid_utf8(text).value_or(text.size()));
        decode_utf8(good, cps);
        for (char32_t cp : cps) {
            if (obeyed_by_terminals(cp)) append_escape(out, static_cast<unsigned>(cp));
            else append_utf8(out, cp);
        }
        text.remove_prefix(good.size());
        if (text.empty()) break;
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(text.front())));
        out += hex;
        text.remove_prefix(1);
    }
    return out;
}

}  // namespace placard
