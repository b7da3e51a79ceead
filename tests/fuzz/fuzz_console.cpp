// The active VT (/sys/class/tty/tty0/active) against the kiosk's own
// terminal: any bytes name one VT of 1 to 63, written as the kernel writes it,
// or are unknown; the log's lines are plain printable ASCII.
#include "core/setup/console.h"
#include <string>

#include "fuzz_input.h"

namespace {

bool printable_ascii(const std::string& line)
{
    for (char c : line)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

// The names the kernel writes, found without the code under test.
int kernel_name(std::string_view text)
{
    for (int n = 1; n <= 63; ++n) {
        const std::string name = "tty" + std::to_string(n);
        if (text == name || text == name + "\n") return n;
    }
    return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace placard;
    std::string_view text = fuzz::text(data, size);
    // The first byte picks the kiosk's terminal (a VT, or /dev/pts/N); the rest is the file.
    const int own = size > 0 ? data[0] % 80 : 1;
    const std::string own_tty = own < 70 ? "/dev/tty" + std::to_string(own) : "/dev/pts/" + std::to_string(own - 70);
    const std::string_view active = size > 0 ? text.substr(1) : text;
    const Console c = judge_console(active, own_tty);
    const bool own_is_vt = own >= 1 && own <= 63;
    const int named = kernel_name(active);
    fuzz::require((c.owner != ConsoleOwner::unknown) == (own_is_vt && named != 0), "known exactly for a VT's name on a VT");
    if (c.owner != ConsoleOwner::unknown) {
        fuzz::require(c.active == named && c.own == own, "the VTs read are the ones named");
        fuzz::require((c.owner == ConsoleOwner::ours) == (c.active == c.own), "ours exactly when our VT is shown");
        fuzz::require(printable_ascii(console_left_message(c)) && printable_ascii(console_waiting_message(c))
                          && printable_ascii(console_waiting_status(c)),
                      "the log's lines are printable ASCII");
    }
    // The whole input as the terminal's path: only /dev/ttyN names a VT.
    if (auto n = own_vt(text)) fuzz::require(text == "/dev/" + vt_name(*n), "a terminal path is /dev/ and a VT's name");
    if (auto n = vt_number(text)) fuzz::require(*n >= 1 && *n <= 63 && text == vt_name(*n), "a VT's name round-trips");
    return 0;
}
