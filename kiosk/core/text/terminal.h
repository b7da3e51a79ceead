#pragma once
// Text from the network on its way to a terminal: what an editor's terminal
// would obey rather than print is written out as an escape instead.
#include <string>
#include <string_view>

namespace placard {

// The text with every C0 and C1 control (ESC, CSI, BEL, newlines and tabs
// too), DEL, bidi control (embeddings, overrides, isolates, marks) and
// line or paragraph separator written as a JSON escape, "\u001B", "\u202E";
// bytes that are not UTF-8 as "\xFF". Everything else is kept, so a banner
// in Arabic still reads as Arabic. Inside a JSON document's strings the
// escapes are JSON's own, so a JSON text stays the same JSON.
std::string terminal_safe(std::string_view text);

}  // namespace placard
