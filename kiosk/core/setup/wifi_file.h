#pragma once
// placard-wifi.txt, the venue's Wi-Fi written on the SD card's boot partition
// from any laptop, and the NetworkManager keyfile made of it. Parsing and
// rendering only; reading the card and writing /etc is placard-wifi's job
// (kiosk/tools/placard_wifi.cpp). The rules are the Raspberry Pi guide's
// section 5: what laptops save (UTF-8 with or without a byte-order mark,
// Notepad's UTF-16 "Unicode", Windows-1252 "ANSI"; CR, LF or CRLF line ends),
// keys in any case with spaces around them and "=", a few names for each key,
// and a refusal that names the line for anything else.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace placard {

inline constexpr std::size_t max_wifi_file_bytes = 64 * 1024;

struct WifiNetwork {
    std::string ssid;      // UTF-8, 1 to 32 bytes
    std::string password;  // empty: an open network; else 8 to 63 bytes, or 64 hex digits (a raw key)
    bool hidden = false;
};

struct WifiFile {
    WifiNetwork network;
    std::string encoding;  // how the bytes were read: "UTF-8", "UTF-16 LE", "Windows-1252", ...
};

// Whether a password is a raw WPA key (64 hex digits) rather than a passphrase.
bool is_hex_psk(std::string_view password);

// The file's bytes as it lies on the card. An error's message starts with the
// line it is about ("line 3: ...") where there is one, and says what to write.
Result<WifiFile> parse_wifi_file(std::string_view bytes);

// The NetworkManager connection (a GLib key file), named placard-wifi.
std::string wifi_keyfile(const WifiNetwork& network);

}  // namespace placard
