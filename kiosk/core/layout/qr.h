#pragma once
// QR codes for a statement's link, so attendees can open the full text on
// their phones. libqrencode computes the matrix; drawing is the shell's job.
#include <optional>
#include <string_view>
#include <vector>

namespace placard {

struct QrMatrix {
    int modules = 0;          // modules per side, without the quiet zone
    std::vector<bool> dark;   // row by row, modules * modules entries
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * modules + x)]; }
};

// Error correction level M (15%): survives glare and a smudge on the screen.
std::optional<QrMatrix> make_qr(std::string_view text);

// The quiet zone the QR standard requires around the code, in modules.
inline constexpr int qr_quiet_modules = 4;

}  // namespace placard
