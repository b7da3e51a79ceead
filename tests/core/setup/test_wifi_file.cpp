// placard-wifi.txt as laptops save it: encodings, line ends, key names and
// spaces, passwords and raw keys, and the refusals that name the line; and
// the NetworkManager keyfile made of it.
#include <doctest/doctest.h>

#include <string>

#include "core/setup/wifi_file.h"

using namespace placard;

namespace {

const std::string hex_key = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef";

// The network a file gives; a refusal fails the test with its message.
WifiNetwork network(const std::string& bytes)
{
    auto file = parse_wifi_file(bytes);
    const std::string why = file.ok() ? std::string() : file.error().message;
    INFO(why);
    REQUIRE(file.ok());
    return file->network;
}

std::string refusal(const std::string& bytes)
{
    auto file = parse_wifi_file(bytes);
    REQUIRE_FALSE(file.ok());
    CHECK(file.error().kind == ErrorKind::bad_input);
    return file.error().message;
}

// text as UTF-16 with its byte-order mark (ASCII and Latin-1 only, enough here).
std::string utf16(const std::string& latin1, bool little)
{
    std::string out = little ? "\xFF\xFE" : "\xFE\xFF";
    for (char c : latin1) {
        if (little) out += c, out += '\0';
        else out += '\0', out += c;
    }
    return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("wifi file: two plain lines, Notepad's CRLF, a comment")
{
    auto file = parse_wifi_file("# the venue\r\nssid=Palais Guest\r\npassword=geneva 2026!\r\n");
    REQUIRE(file.ok());
    CHECK(file->network.ssid == "Palais Guest");
    CHECK(file->network.password == "geneva 2026!");
    CHECK_FALSE(file->network.hidden);
    CHECK(file->encoding == "UTF-8");
}

TEST_CASE("wifi file: a UTF-8 byte-order mark, with either line first")
{
    auto w = network("\xEF\xBB\xBFpassword=geneva 2026!\r\nssid=Palais Guest\r\n");
    CHECK(w.ssid == "Palais Guest");
    CHECK(w.password == "geneva 2026!");
    CHECK(network("\xEF\xBB\xBFssid=Palais Guest\r\npassword=geneva 2026!\r\n").ssid == "Palais Guest");
    CHECK(parse_wifi_file("\xEF\xBB\xBFssid=Hall\n")->encoding == "UTF-8 with a byte-order mark");
    CHECK(refusal("\xEF\xBB\xBFssid=Hall\npassword=caf\xE9 caf\xE9\n") ==
          "line 2 is not UTF-8, though the file starts with UTF-8's mark: save it again as UTF-8");
}

TEST_CASE("wifi file: Notepad's \"Unicode\", UTF-16 little- and big-endian")
{
    for (bool little : {true, false}) {
        auto file = parse_wifi_file(utf16("ssid=Caf\xE9 Guest\r\npassword=geneva 2026!\r\n", little));
        REQUIRE(file.ok());
        CHECK(file->network.ssid == "Caf\xC3\xA9 Guest");
        CHECK(file->network.password == "geneva 2026!");
        CHECK(file->encoding == (little ? "UTF-16 LE" : "UTF-16 BE"));
    }
    std::string odd = utf16("ssid=Hall\n", true) + "x";
    CHECK(has(refusal(odd), "ends in the middle of a character"));
    // A lone low surrogate on line 2.
    std::string broken = utf16("ssid=Hall\npassword=", true) + std::string("\x00\xDC", 2);
    CHECK(has(refusal(broken), "line 2 has a character that is not UTF-16"));
    // UTF-16 without its mark: NUL bytes, refused rather than misread.
    CHECK(has(refusal(std::string("s\0s\0i\0d\0=\0H\0", 12)), "NUL bytes"));
}

TEST_CASE("wifi file: Windows-1252 (\"ANSI\") is read as that")
{
    auto file = parse_wifi_file("ssid=Caf\xE9 Gen\xE8ve\r\npassword=\x80uro-cr\xE8me\r\n");
    REQUIRE(file.ok());
    CHECK(file->network.ssid == "Caf\xC3\xA9 Gen\xC3\xA8ve");
    CHECK(file->network.password == "\xE2\x82\xACuro-cr\xC3\xA8me");
    CHECK(file->encoding == "Windows-1252");
    // 0x81 is no character in Windows-1252 either.
    CHECK(refusal("ssid=Hall\r\npassword=abc\x81\x81xyz\r\n") ==
          "line 2 has a character that is not UTF-8 or Windows-1252 (\"ANSI\") text: save the file as UTF-8");
}

TEST_CASE("wifi file: old Mac line ends (CR alone) end lines")
{
    auto w = network("ssid=Venue Guest\rpassword=geneva 2026!\r");
    CHECK(w.ssid == "Venue Guest");
    CHECK(w.password == "geneva 2026!");
    CHECK(has(refusal("ssid=Hall\rpassword=x\r"), "line 2: a WPA password"));
    CHECK(has(refusal("ssid=Hall\r\n\r\npassword=x\n"), "line 3: a WPA password"));
}

TEST_CASE("wifi file: keys in any case, spaces around them and '=' dropped, synonyms")
{
    auto w = network("  SSID = Venue Guest  \nPassword\t=  geneva 2026! \n");
    CHECK(w.ssid == "Venue Guest");
    CHECK(w.password == "geneva 2026!");
    for (const char* key : {"psk", "PSK", "key", "passphrase", "pass", "Wi-Fi password", "wifi_password"}) {
        CAPTURE(key);
        CHECK(network(std::string("ssid=Hall\n") + key + "=geneva 2026!\n").password == "geneva 2026!");
    }
    for (const char* key : {"name", "Network", "network name", "Wi-Fi", "wifi name"}) {
        CAPTURE(key);
        CHECK(network(std::string(key) + "=Hall\n").ssid == "Hall");
    }
}

TEST_CASE("wifi file: quotes keep spaces at the ends, and go")
{
    auto w = network("ssid=\" Salle XX \"\npassword=\"  geneva 2026  \"\n");
    CHECK(w.ssid == " Salle XX ");
    CHECK(w.password == "  geneva 2026  ");
    CHECK(network("ssid=\xE2\x80\x9CSalle XX\xE2\x80\x9D\n").ssid == "Salle XX");
    CHECK(network("ssid=\"\"Quoted\"\"\n").ssid == "\"Quoted\"");
    CHECK(network("ssid=Say \"hi\"\n").ssid == "Say \"hi\"");
    // "#" and ";" start a comment only at the start of a line.
    CHECK(network("ssid=Hall #2\npassword=side#event;1\n").password == "side#event;1");
}

TEST_CASE("wifi file: an unknown key is refused, with the key it looks like")
{
    CHECK(refusal("ssid=Hall\nPasword=geneva 2026!\n") == "line 2: Pasword= is not a key this file takes: did you mean password=?");
    CHECK(refusal("ssid=Hall\npasswrod=geneva 2026!\n") == "line 2: passwrod= is not a key this file takes: did you mean password=?");
    CHECK(refusal("sid=Hall\n") == "line 1: sid= is not a key this file takes: did you mean ssid=?");
    CHECK(refusal("ssid=Hall\nhiden=yes\n") == "line 2: hiden= is not a key this file takes: did you mean hidden=?");
    CHECK(refusal("ssid=Hall\nsecurity=WPA2\n") ==
          "line 2: security= is not a key this file takes (it takes ssid=, password= and hidden=)");
    CHECK(refusal("ssid=Hall\npassword: geneva 2026!\n") == "line 2: write password= with an equals sign, not a colon");
    CHECK(has(refusal("Venue Guest\ngeneva 2026!\n"), "line 1: no \"=\" on it"));
    CHECK(has(refusal("ssid=Hall\n=geneva 2026!\n"), "line 2: nothing before \"=\""));
    CHECK(has(refusal("ssid=Hall\n[wifi]\n"), "line 2: no \"=\""));
}

TEST_CASE("wifi file: a password line never becomes an open network")
{
    CHECK(refusal("ssid=Hall\npassword=\n") ==
          "line 2: password= has no password after it: write the password, or leave the line out for an open network");
    CHECK(has(refusal("ssid=Hall\npsk=  \n"), "psk= has no password after it"));
    CHECK(network("ssid=Open Hall\nhidden=yes\n").password.empty());
}

TEST_CASE("wifi file: passwords of 8 to 63 characters, or a raw key of 64 hex digits")
{
    CHECK(network("ssid=Hall\npassword=12345678\n").password == "12345678");
    CHECK(network("ssid=Hall\npassword=" + std::string(63, 'x') + "\n").password.size() == 63);
    CHECK(network("ssid=Hall\npsk=" + hex_key + "\n").password == hex_key);
    CHECK(is_hex_psk(hex_key));
    CHECK_FALSE(is_hex_psk(std::string(63, 'a')));
    CHECK(refusal("ssid=Hall\npassword=12345\n") == "line 2: a WPA password has 8 to 63 characters; this one has 5");
    CHECK(refusal("ssid=Hall\npassword=" + std::string(65, 'a') + "\n") ==
          "line 2: a WPA password has 8 to 63 characters; this one has 65");
    CHECK(has(refusal("ssid=Hall\npassword=" + std::string(63, 'a') + "g\n"), "64 hex digits"));
    CHECK(refusal("ssid=Hall\npassword=\xC3\xA9\xC3\xA9\xC3\xA9\n") ==
          "line 2: a WPA password has 8 to 63 characters; this one has 6 bytes (letters beyond English count as 2 or more)");
}

TEST_CASE("wifi file: the name is 1 to 32 bytes of UTF-8")
{
    CHECK(network("ssid=" + std::string(32, 'x') + "\n").ssid.size() == 32);
    CHECK(refusal("ssid=" + std::string(33, 'x') + "\n") ==
          "line 1: the ssid is longer than a Wi-Fi name can be (32 bytes; this one has 33)");
    std::string accents;
    for (int i = 0; i < 17; ++i) accents += "\xC3\xA9";
    CHECK(has(refusal("ssid=" + accents + "\n"), "32 bytes; this one has 34"));
    CHECK(has(refusal("ssid=\npassword=geneva 2026!\n"), "line 1: ssid= has no name after it"));
    CHECK(refusal("password=geneva 2026!\n") ==
          "no ssid= line (write the Wi-Fi's name as ssid=Venue Guest, and its password as password=...)");
    CHECK(has(refusal(""), "no ssid= line"));
    CHECK(has(refusal("# only a comment\n"), "no ssid= line"));
}

TEST_CASE("wifi file: hidden, duplicates, control characters, RTF, size")
{
    CHECK(network("ssid=Hall\nhidden=YES\n").hidden);
    CHECK(network("ssid=Hall\nhidden=true\n").hidden);
    CHECK_FALSE(network("ssid=Hall\nhidden=no\n").hidden);
    CHECK(refusal("ssid=Hall\nhidden=maybe\n") == "line 2: hidden= takes yes or no");
    CHECK(refusal("ssid=Hall\npassword=geneva 2026!\npsk=other one!\n") ==
          "line 3: a second password= line (line 2 has one already): keep one");
    CHECK(refusal("ssid=Hall\npassword=geneva\x01" "2026\n") ==
          "line 2: the value of password= has a control character (U+0001): retype it");
    CHECK(has(refusal("ssid=Hall\tB\n"), "(U+0009, a tab)"));
    CHECK(has(refusal("{\\rtf1\\ansi\\ansicpg1252\nssid=Hall\n}\n"), "rich text (RTF)"));
    CHECK(has(refusal("ssid=Hall\n" + std::string(max_wifi_file_bytes, '#')), "a Wi-Fi file is a few lines"));
}

TEST_CASE("wifi keyfile: a WPA network, escaped as GLib and NetworkManager read it")
{
    WifiNetwork w{" Salle;XX\\", " side\\event #2013", false};
    const std::string k = wifi_keyfile(w);
    CHECK(has(k, "[connection]\nid=placard-wifi\ntype=wifi\nautoconnect=true\nautoconnect-priority=10\n"));
    CHECK(has(k, "[wifi]\nmode=infrastructure\nssid=\\sSalle\\\\;XX\\\\\nhidden=false\n"));
    CHECK(has(k, "[wifi-security]\nkey-mgmt=wpa-psk\npsk=\\sside\\\\event #2013\n"));
    CHECK(has(k, "[ipv4]\nmethod=auto\n[ipv6]\nmethod=auto\n"));
}

TEST_CASE("wifi keyfile: an open hidden network, and a raw key")
{
    const std::string open = wifi_keyfile({"Open Hall", "", true});
    CHECK(has(open, "ssid=Open Hall\nhidden=true\n"));
    CHECK_FALSE(has(open, "wifi-security"));
    CHECK(has(wifi_keyfile({"Hall", hex_key, false}), "psk=" + hex_key + "\n"));
}
