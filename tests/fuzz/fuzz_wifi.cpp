// placard-wifi.txt, as any laptop may save it: any bytes give a network or a
// refusal that says why. What is accepted is a name of 1 to 32 bytes of UTF-8
// and a password of 8 to 63 bytes or 64 hex digits (or none), without control
// characters; the keyfile made of it, read back the way GLib and
// NetworkManager read it, gives the same name and password; and the network
// written back as a placard-wifi.txt parses to the same network.
#include <string>
#include <string_view>
#include <vector>

#include "core/setup/wifi_file.h"
#include "core/text/text.h"
#include "fuzz_input.h"

namespace {

// A key file's value as GLib's parser gives it: whitespace at its start
// dropped, \s \t \n \r \\ decoded. NetworkManager reads the SSID raw and
// keeps any other escape ("\;") for its own step.
std::string glib_value(std::string_view raw)
{
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 >= raw.size()) {
            out += raw[i];
            continue;
        }
        switch (raw[++i]) {
        case 's': out += ' '; break;
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case '\\': out += '\\'; break;
        default: out += '\\', out += raw[i];
        }
    }
    return out;
}

// NetworkManager's unescape_semicolons, applied to an SSID after GLib's step.
std::string without_semicolon_escapes(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == ';') ++i;
        out += s[i];
    }
    return out;
}

// NetworkManager reads an SSID of digits and ";" alone as a list of byte
// values, the keyfile format of old ("11;25;38;" is three bytes).
bool read_as_byte_list(std::string_view glib)
{
    if (glib.find(';') == std::string_view::npos) return false;
    for (char c : glib) {
        if (!(c >= '0' && c <= '9') && c != ';' && c != ' ') return false;
    }
    return true;
}

struct KeyfileView {
    std::string ssid, psk, hidden;
    bool has_ssid = false, has_psk = false;
    int sections = 0;
};

KeyfileView read_keyfile(std::string_view text)
{
    KeyfileView k;
    std::string section;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        fuzz::require(end != std::string_view::npos, "every keyfile line ends in a newline");
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        fuzz::require(line.find('\r') == std::string_view::npos, "no carriage return inside a keyfile line");
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '[') {
            fuzz::require(line.back() == ']', "a section line is [name]");
            section = line.substr(1, line.size() - 2);
            ++k.sections;
            continue;
        }
        const std::size_t equals = line.find('=');
        fuzz::require(equals != std::string_view::npos && equals > 0, "a keyfile line is key=value");
        const std::string_view key = line.substr(0, equals), raw = line.substr(equals + 1);
        if (section == "wifi" && key == "ssid") {
            fuzz::require(!k.has_ssid, "one ssid");
            const std::string glib = glib_value(raw);
            fuzz::require(!read_as_byte_list(glib), "the ssid is not read as a list of byte values");
            k.ssid = without_semicolon_escapes(glib);
            k.has_ssid = true;
        } else if (section == "wifi" && key == "hidden") {
            k.hidden = glib_value(raw);
        } else if (section == "wifi-security" && key == "psk") {
            fuzz::require(!k.has_psk, "one psk");
            k.psk = glib_value(raw);
            k.has_psk = true;
        }
    }
    return k;
}

// The network as a placard-wifi.txt: quoted, so spaces at the ends stay.
std::string as_file(const placard::WifiNetwork& w)
{
    std::string out = "ssid=\"" + w.ssid + "\"\r\n";
    if (!w.password.empty()) out += "password=\"" + w.password + "\"\r\n";
    if (w.hidden) out += "hidden=yes\r\n";
    return out;
}

bool has_control(std::string_view s)
{
    for (char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F) return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto file = placard::parse_wifi_file(fuzz::text(data, size));
    if (!file) {
        fuzz::require(!file.error().message.empty(), "a refusal says why");
        return 0;
    }
    const placard::WifiNetwork& w = file->network;
    fuzz::require(!w.ssid.empty() && w.ssid.size() <= 32, "the name has 1 to 32 bytes");
    fuzz::require(placard::is_valid_utf8(w.ssid) && placard::is_valid_utf8(w.password), "name and password are UTF-8");
    fuzz::require(!has_control(w.ssid) && !has_control(w.password), "no control characters");
    fuzz::require(w.password.empty() || (w.password.size() >= 8 && w.password.size() <= 63) || placard::is_hex_psk(w.password),
                  "a password has 8 to 63 bytes, or is 64 hex digits");

    const std::string keyfile = placard::wifi_keyfile(w);
    fuzz::require(placard::is_valid_utf8(keyfile), "the keyfile is UTF-8");
    const KeyfileView k = read_keyfile(keyfile);
    fuzz::require(k.has_ssid && k.ssid == w.ssid, "the keyfile's ssid reads back as the name");
    fuzz::require(k.has_psk == !w.password.empty() && k.psk == w.password, "the keyfile's psk reads back as the password");
    fuzz::require(k.hidden == (w.hidden ? "true" : "false"), "hidden reads back");
    fuzz::require(k.sections == (w.password.empty() ? 4 : 5), "the keyfile has its sections and no others");

    auto again = placard::parse_wifi_file(as_file(w));
    fuzz::require(again.ok(), "the network written back as a file is accepted");
    fuzz::require(again->network.ssid == w.ssid && again->network.password == w.password && again->network.hidden == w.hidden,
                  "the network written back as a file reads back the same");
    return 0;
}
