#include "core/setup/wifi_file.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <vector>

#include "core/text/text.h"

namespace placard {
namespace {

constexpr std::size_t max_ssid_bytes = 32;
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

Error bad(std::string message) { return Error{std::move(message), ErrorKind::bad_input}; }

std::string line_name(std::size_t line) { return "line " + std::to_string(line); }

// The line (from 1) that byte `at` of text is on; CR, LF and CRLF each end a line.
std::size_t line_at(std::string_view text, std::size_t at)
{
    std::size_t line = 1;
    for (std::size_t i = 0; i < at && i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
    }
    return line;
}

// glibc's iconv, opened for one conversion to UTF-8 and closed with it.
class ToUtf8 {
public:
    explicit ToUtf8(const char* from) : cd_(iconv_open("UTF-8", from)) {}
    ~ToUtf8()
    {
        if (ok()) iconv_close(cd_);
    }
    ToUtf8(const ToUtf8&) = delete;
    ToUtf8& operator=(const ToUtf8&) = delete;
    bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return cd_; }

private:
    iconv_t cd_;
};

// bytes in `from` as UTF-8; a byte sequence with no character there is named
// by its line, counted in what was converted before it.
Result<std::string> convert(std::string_view bytes, const char* from, const std::string& refusal)
{
    ToUtf8 converter(from);
    if (!converter.ok()) return Error{std::string("this system cannot convert ") + from + " text (iconv)", ErrorKind::environment};
    std::string in(bytes);
    std::string out(bytes.size() * 3 + 4, '\0');
    char* in_at = in.data();
    std::size_t in_left = in.size();
    char* out_at = out.data();
    std::size_t out_left = out.size();
    while (in_left > 0) {
        if (iconv(converter.get(), &in_at, &in_left, &out_at, &out_left) != static_cast<std::size_t>(-1)) continue;
        const int why = errno;
        const std::string done(out.data(), static_cast<std::size_t>(out_at - out.data()));
        if (why == EINVAL) return bad("the file ends in the middle of a character: " + refusal);
        return bad(line_name(line_at(done, done.size())) + " has a character that is not " + refusal);
    }
    out.resize(static_cast<std::size_t>(out_at - out.data()));
    return out;
}

struct Decoded {
    std::string text;
    std::string encoding;
};

// The file's text as UTF-8, whichever of the encodings laptops save it is in.
Result<Decoded> decode(std::string_view bytes)
{
    Decoded file;
    const auto two = bytes.substr(0, 2);
    if (bytes.starts_with(utf8_bom)) {
        const std::string_view body = bytes.substr(utf8_bom.size());
        if (auto at = first_invalid_utf8(body)) {
            return bad(line_name(line_at(body, *at)) + " is not UTF-8, though the file starts with UTF-8's mark: "
                       "save it again as UTF-8");
        }
        file.text = body;
        file.encoding = "UTF-8 with a byte-order mark";
    } else if (two == "\xFF\xFE" || two == "\xFE\xFF") {
        const bool little = two == "\xFF\xFE";
        auto text = convert(bytes.substr(2), little ? "UTF-16LE" : "UTF-16BE",
                            "UTF-16, as the file's first bytes say: save it again as UTF-8");
        if (!text) return text.error();
        file.text = std::move(*text);
        file.encoding = little ? "UTF-16 LE" : "UTF-16 BE";
    } else if (bytes.find('\0') != std::string_view::npos) {
        return bad("the file has NUL bytes, as UTF-16 text without a byte-order mark has: save it as UTF-8 "
                   "(or as Notepad's \"Unicode\")");
    } else if (is_valid_utf8(bytes)) {
        file.text = bytes;
        file.encoding = "UTF-8";
    } else {
        // Not UTF-8: Notepad's "ANSI" on a Windows set to a Western European
        // language. glibc has no character for 0x81, 0x8D, 0x8F, 0x90, 0x9D.
        auto text = convert(bytes, "WINDOWS-1252", "UTF-8 or Windows-1252 (\"ANSI\") text: save the file as UTF-8");
        if (!text) return text.error();
        file.text = std::move(*text);
        file.encoding = "Windows-1252";
    }
    return file;
}

struct Line {
    std::size_t number;
    std::string_view text;
};

std::vector<Line> lines_of(std::string_view text)
{
    std::vector<Line> lines;
    std::size_t start = 0, number = 1;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back({number++, text.substr(start, i - start)});
        if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    return lines;
}

std::string_view trimmed(std::string_view s)
{
    while (s.starts_with(utf8_bom)) s.remove_prefix(utf8_bom.size());  // a file pasted into another
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// One pair of quotes around a value is taken off (as wpa_supplicant.conf has
// them), so that a name or password that starts or ends with a space can be
// written. macOS's smart quotes count too.
std::string_view unquoted(std::string_view v)
{
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
    constexpr std::string_view open = "\xE2\x80\x9C", close = "\xE2\x80\x9D";
    if (v.size() >= open.size() + close.size() && v.starts_with(open) && v.ends_with(close)) {
        return v.substr(open.size(), v.size() - open.size() - close.size());
    }
    return v;
}

enum class Field { ssid, password, hidden };

struct KeyName {
    std::string_view name;  // lower case, without spaces, "-" or "_"
    Field field;
};

constexpr std::array<KeyName, 13> key_names{{
    {"ssid", Field::ssid},
    {"name", Field::ssid},
    {"network", Field::ssid},
    {"networkname", Field::ssid},
    {"wifi", Field::ssid},
    {"wifiname", Field::ssid},
    {"password", Field::password},
    {"passphrase", Field::password},
    {"psk", Field::password},
    {"key", Field::password},
    {"pass", Field::password},
    {"wifipassword", Field::password},
    {"hidden", Field::hidden},
}};

const char* field_key(Field f)
{
    switch (f) {
    case Field::ssid: return "ssid=";
    case Field::password: return "password=";
    case Field::hidden: return "hidden=";
    }
    return "";
}

std::string normalised(std::string_view key)
{
    std::string out;
    for (char c : key) {
        if (c == ' ' || c == '-' || c == '_' || c == '\t') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::optional<Field> field_of(std::string_view key)
{
    const std::string n = normalised(key);
    for (const KeyName& k : key_names) {
        if (k.name == n) return k.field;
    }
    return std::nullopt;
}

// Edits (insert, delete, change, swap two neighbours) from a to b.
std::size_t distance(std::string_view a, std::string_view b)
{
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t change = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + change});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

std::optional<Field> nearest_field(std::string_view key)
{
    const std::string n = normalised(key);
    if (n.size() > 40) return std::nullopt;
    std::optional<Field> best;
    std::size_t best_distance = 3;
    for (const KeyName& k : key_names) {
        const std::size_t limit = k.name.size() <= 4 ? 1 : 2;
        const std::size_t d = distance(n, k.name);
        if (d <= limit && d < best_distance) {
            best = k.field;
            best_distance = d;
        }
    }
    return best;
}

// What the file said, fit to quote in a message: at most 40 characters, no controls.
std::string shown(std::string_view s)
{
    std::vector<char32_t> cps;
    std::string out;
    if (!decode_utf8(s, cps)) return "?";
    for (std::size_t i = 0; i < cps.size() && i < 40; ++i) {
        if (cps[i] < 0x20 || cps[i] == 0x7F) out += '?';
        else append_utf8(out, cps[i]);
    }
    if (cps.size() > 40) out += "\xE2\x80\xA6";
    return out;
}

std::optional<std::string> control_character(std::string_view value)
{
    for (char c : value) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F) {
            static constexpr char hex[] = "0123456789ABCDEF";
            std::string code = "U+00";
            code += hex[b >> 4];
            code += hex[b & 15];
            return code + (b == '\t' ? ", a tab" : "");
        }
    }
    return std::nullopt;
}

std::optional<bool> yes_or_no(std::string_view v)
{
    const std::string n = normalised(v);
    for (std::string_view yes : {"yes", "true", "1", "on"}) {
        if (n == yes) return true;
    }
    for (std::string_view no : {"no", "false", "0", "off"}) {
        if (n == no) return false;
    }
    return std::nullopt;
}

std::optional<Error> check_password(std::size_t line, std::string_view key, std::string_view value)
{
    const std::string where = line_name(line) + ": ";
    if (value.empty()) {
        return bad(where + shown(key) + "= has no password after it: write the password, or leave the line out "
                                        "for an open network");
    }
    if (value.size() == 64) {
        if (is_hex_psk(value)) return std::nullopt;
        return bad(where + "a WPA password has 8 to 63 characters; one of 64 must be a raw key of 64 hex digits "
                           "(0-9, a-f), and this one is not");
    }
    if (value.size() >= 8 && value.size() < 64) return std::nullopt;
    const std::size_t chars = count_code_points(value);
    std::string count = std::to_string(value.size());
    if (chars != value.size()) count += " bytes (letters beyond English count as 2 or more)";
    return bad(where + "a WPA password has 8 to 63 characters; this one has " + count);
}

}  // namespace

bool is_hex_psk(std::string_view password)
{
    return password.size() == 64 && std::all_of(password.begin(), password.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

Result<WifiFile> parse_wifi_file(std::string_view bytes)
{
    if (bytes.size() > max_wifi_file_bytes) {
        return bad("the file has " + std::to_string(bytes.size()) + " bytes; a Wi-Fi file is a few lines "
                   "(ssid=... and password=...)");
    }
    auto decoded = decode(bytes);
    if (!decoded) return decoded.error();
    WifiFile file;
    file.encoding = std::move(decoded->encoding);
    const std::string text = std::move(decoded->text);
    if (text.starts_with("{\\rtf")) {
        return bad("the file is rich text (RTF), not plain text: in TextEdit choose Format, Make Plain Text, "
                   "then save it again");
    }
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        return bad(line_name(line_at(text, nul)) + " has a NUL character: save the file again as UTF-8");
    }

    std::array<std::size_t, 3> seen_on{};  // the line each field was on, 0: not yet
    for (const Line& l : lines_of(text)) {
        const std::string_view line = trimmed(l.text);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        const std::string where = line_name(l.number) + ": ";
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            const std::size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                if (auto f = field_of(trimmed(line.substr(0, colon)))) {
                    return bad(where + "write " + field_key(*f) + " with an equals sign, not a colon");
                }
            }
            return bad(where + "no \"=\" on it: each line is a key, \"=\" and a value, as in ssid=Venue Guest "
                               "(a comment starts with #)");
        }
        const std::string_view key = trimmed(line.substr(0, equals));
        const std::string_view value = unquoted(trimmed(line.substr(equals + 1)));
        if (key.empty()) return bad(where + "nothing before \"=\": write the key, as in ssid=Venue Guest");
        const std::optional<Field> field = field_of(key);
        if (!field) {
            const std::string named = where + shown(key) + "= is not a key this file takes";
            if (auto near = nearest_field(key)) return bad(named + ": did you mean " + field_key(*near) + "?");
            return bad(named + " (it takes ssid=, password= and hidden=)");
        }
        std::size_t& before = seen_on[static_cast<std::size_t>(*field)];
        if (before != 0) {
            return bad(where + "a second " + std::string(field_key(*field)) + " line (" + line_name(before) +
                       " has one already): keep one");
        }
        before = l.number;
        if (auto control = control_character(value)) {
            return bad(where + "the value of " + shown(key) + "= has a control character (" + *control + "): retype it");
        }
        switch (*field) {
        case Field::ssid:
            if (value.empty()) return bad(where + shown(key) + "= has no name after it: write the Wi-Fi's name, as in ssid=Venue Guest");
            if (value.size() > max_ssid_bytes) {
                return bad(where + "the ssid is longer than a Wi-Fi name can be (32 bytes; this one has " +
                           std::to_string(value.size()) + ")");
            }
            file.network.ssid = value;
            break;
        case Field::password:
            if (auto wrong = check_password(l.number, key, value)) return *wrong;
            file.network.password = value;
            break;
        case Field::hidden:
            if (auto h = yes_or_no(value)) file.network.hidden = *h;
            else return bad(where + "hidden= takes yes or no");
            break;
        }
    }
    if (seen_on[static_cast<std::size_t>(Field::ssid)] == 0) {
        return bad("no ssid= line (write the Wi-Fi's name as ssid=Venue Guest, and its password as password=...)");
    }
    return file;
}

namespace {

// A value as GLib's key file format needs it, which NetworkManager reads
// keyfiles with: a backslash starts an escape ("\e" would be refused) and
// whitespace at the start of a value is dropped. So backslashes are doubled,
// and a leading space or tab is written \s or \t.
std::string key_file_value(std::string_view v)
{
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\') out += "\\\\";
        else if (i == 0 && v[i] == ' ') out += "\\s";
        else if (i == 0 && v[i] == '\t') out += "\\t";
        else out += v[i];
    }
    return out;
}

// In an SSID NetworkManager also takes ";" for a list separator (11;25;38;
// is three bytes) unless a backslash stands before it; it removes that
// backslash after GLib's own unescaping.
std::string ssid_value(std::string_view ssid)
{
    std::string escaped;
    for (char c : ssid) {
        if (c == ';') escaped += '\\';
        escaped += c;
    }
    return key_file_value(escaped);
}

}  // namespace

std::string wifi_keyfile(const WifiNetwork& network)
{
    std::string out =
        "# Made by placard-wifi from placard-wifi.txt on the boot partition.\n"
        "[connection]\n"
        "id=placard-wifi\n"
        "type=wifi\n"
        "autoconnect=true\n"
        // Above the connection the Imager made, so the venue's network is tried first.
        "autoconnect-priority=10\n"
        "[wifi]\n"
        "mode=infrastructure\n";
    out += "ssid=" + ssid_value(network.ssid) + "\n";
    out += std::string("hidden=") + (network.hidden ? "true" : "false") + "\n";
    if (!network.password.empty()) {
        out += "[wifi-security]\nkey-mgmt=wpa-psk\n";
        out += "psk=" + key_file_value(network.password) + "\n";
    }
    out += "[ipv4]\nmethod=auto\n[ipv6]\nmethod=auto\n";
    return out;
}

}  // namespace placard
