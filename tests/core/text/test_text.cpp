// Unicode helpers: UTF-8 decoding and validation, sanitising, direction, script, words; text for a terminal.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text/terminal.h"
#include "core/text/text.h"

using namespace placard;

namespace {

std::string utf8_of(char32_t cp)
{
    std::string s;
    append_utf8(s, cp);
    return s;
}

}  // namespace

TEST_CASE("decode_utf8 accepts well-formed UTF-8 and returns its code points")
{
    struct Case {
        const char* name;
        std::string bytes;
        std::vector<char32_t> code_points;
    };
    const Case cases[] = {
        {"empty", "", {}},
        {"ASCII", "UN", {U'U', U'N'}},
        {"NUL is a character", std::string("a\0b", 3), {U'a', 0, U'b'}},
        {"two bytes", "\xC3\xA9", {0xE9}},
        {"smallest two-byte", "\xC2\x80", {0x80}},
        {"largest two-byte", "\xDF\xBF", {0x7FF}},
        {"smallest three-byte", "\xE0\xA0\x80", {0x800}},
        {"euro sign", "\xE2\x82\xAC", {0x20AC}},
        {"just below the surrogates", "\xED\x9F\xBF", {0xD7FF}},
        {"just above the surrogates", "\xEE\x80\x80", {0xE000}},
        {"largest three-byte", "\xEF\xBF\xBF", {0xFFFF}},
        {"smallest four-byte", "\xF0\x90\x80\x80", {0x10000}},
        {"emoji", "\xF0\x9F\x98\x80", {0x1F600}},
        {"last code point", "\xF4\x8F\xBF\xBF", {0x10FFFF}},
        {"mixed", "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", {U'a', 0xE9, 0x20AC, 0x1F600, U'z'}},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        std::vector<char32_t> out{U'x', U'y'};  // stale content must be replaced
        CHECK(decode_utf8(c.bytes, out));
        CHECK(out == c.code_points);
        CHECK(is_valid_utf8(c.bytes));
        CHECK(count_code_points(c.bytes) == c.code_points.size());
    }
}

TEST_CASE("decode_utf8 refuses ill-formed UTF-8")
{
    struct Case {
        const char* name;
        std::string bytes;
    };
    const Case cases[] = {
        {"lone continuation byte", "\x80"},
        {"continuation byte after ASCII", "a\xBF"},
        {"overlong NUL (C0 80)", "\xC0\x80"},
        {"overlong two-byte (C1 BF)", "\xC1\xBF"},
        {"overlong three-byte slash", "\xE0\x80\xAF"},
        {"overlong three-byte U+07FF", "\xE0\x9F\xBF"},
        {"overlong four-byte slash", "\xF0\x80\x80\xAF"},
        {"overlong four-byte U+FFFF", "\xF0\x8F\xBF\xBF"},
        {"high surrogate U+D800", "\xED\xA0\x80"},
        {"low surrogate U+DFFF", "\xED\xBF\xBF"},
        {"surrogate pair encoded as two sequences", "\xED\xA0\xBD\xED\xB8\x80"},
        {"U+110000", "\xF4\x90\x80\x80"},
        {"lead byte F5", "\xF5\x80\x80\x80"},
        {"lead byte F7 (U+1FFFFF)", "\xF7\xBF\xBF\xBF"},
        {"five-byte form", "\xF8\x88\x80\x80\x80"},
        {"six-byte form", "\xFC\x84\x80\x80\x80\x80"},
        {"FE", "\xFE"},
        {"FF", "\xFF"},
        {"truncated two-byte", "\xC3"},
        {"truncated three-byte", "\xE2\x82"},
        {"truncated four-byte", "\xF0\x9F\x98"},
        {"truncated at the end of text", "statement \xE2\x82"},
        {"ASCII where a continuation should be", "\xC3" "A"},
        {"ASCII inside a three-byte sequence", "\xE2\x82" "A"},
        {"new lead inside a four-byte sequence", "\xF0\x9F\xC3\xA9"},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        std::vector<char32_t> out;
        CHECK_FALSE(decode_utf8(c.bytes, out));
        CHECK_FALSE(is_valid_utf8(c.bytes));
    }
}

TEST_CASE("append_utf8 and decode_utf8 round-trip every Unicode scalar value")
{
    std::string bytes;
    std::vector<char32_t> decoded;
    std::size_t failures = 0;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        bytes.clear();
        append_utf8(bytes, cp);
        std::size_t expected_length = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes.size() != expected_length || !decode_utf8(bytes, decoded) || decoded.size() != 1 || decoded[0] != cp)
            ++failures;
    }
    CHECK(failures == 0);
}

TEST_CASE("append_utf8 appends the expected bytes")
{
    struct Case {
        char32_t cp;
        std::string bytes;
    };
    const Case cases[] = {
        {U'A', "A"},
        {0x7F, "\x7F"},
        {0x80, "\xC2\x80"},
        {0xE9, "\xC3\xA9"},
        {0x7FF, "\xDF\xBF"},
        {0x800, "\xE0\xA0\x80"},
        {0x20AC, "\xE2\x82\xAC"},
        {0xFFFF, "\xEF\xBF\xBF"},
        {0x10000, "\xF0\x90\x80\x80"},
        {0x10FFFF, "\xF4\x8F\xBF\xBF"},
    };
    for (const Case& c : cases) {
        CAPTURE(static_cast<unsigned>(c.cp));
        std::string out = "x";
        append_utf8(out, c.cp);
        CHECK(out == "x" + c.bytes);
    }
}

TEST_CASE("count_code_points counts characters, not bytes")
{
    struct Case {
        std::string text;
        std::size_t count;
    };
    const Case cases[] = {
        {"", 0},
        {"abc", 3},
        {"caf\xC3\xA9", 4},
        {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3},  // 日本語
        {"\xF0\x9F\x98\x80!", 2},
        {"\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", 5},  // مرحبا
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(count_code_points(c.text) == c.count);
    }
}

TEST_CASE("sanitize_text removes controls and bidi overrides, and reports them")
{
    struct Case {
        const char* name;
        std::string in;
        std::string out;
        int controls;
        int bidi;
    };
    const Case cases[] = {
        {"plain text is unchanged", "Hello, world.", "Hello, world.", 0, 0},
        {"newlines are kept", "Line one\nLine two\n", "Line one\nLine two\n", 0, 0},
        {"tabs become spaces", "a\tb\t\tc", "a b  c", 0, 0},
        {"non-ASCII is kept", "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7",
         "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", 0, 0},
        {"C0 controls", "a\x01" "b\x1B" "c\x07" "d\x1F", "abcd", 4, 0},
        {"NUL", std::string("a\0b", 3), "ab", 1, 0},
        {"DEL", "a\x7F" "b", "ab", 1, 0},
        {"C1 controls U+0080, U+0085, U+009F", "a\xC2\x80" "b\xC2\x85" "c\xC2\x9F" "d", "abcd", 3, 0},
        {"U+00A0 is not a control", "a\xC2\xA0" "b", "a\xC2\xA0" "b", 0, 0},
        {"right-to-left override", "\xE2\x80\xAE" "txet", "txet", 0, 1},
        {"all embeddings and overrides U+202A..U+202E",
         "\xE2\x80\xAA" "a\xE2\x80\xAB" "b\xE2\x80\xAC" "c\xE2\x80\xAD" "d\xE2\x80\xAE" "e", "abcde", 0, 5},
        {"all isolates U+2066..U+2069", "\xE2\x81\xA6" "a\xE2\x81\xA7" "b\xE2\x81\xA8" "c\xE2\x81\xA9" "d", "abcd", 0, 4},
        {"neighbours of the bidi ranges are kept", "\xE2\x80\xAF" "a\xE2\x81\xA5" "b\xE2\x81\xB0", "\xE2\x80\xAF" "a\xE2\x81\xA5" "b\xE2\x81\xB0", 0, 0},
        {"deprecated format characters U+206A..U+206F", "a\xE2\x81\xAA" "b\xE2\x81\xAF" "c", "abc", 2, 0},
        {"line and paragraph separators", "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "abc", 2, 0},
        {"zero-width no-break space (BOM)", "\xEF\xBB\xBF" "text", "text", 1, 0},
        {"interlinear annotation controls", "a\xEF\xBF\xB9" "b\xEF\xBF\xBB" "c", "abc", 2, 0},
        {"Arabic letter mark, LRM and RLM are kept", "\xD8\x9C" "a\xE2\x80\x8E" "b\xE2\x80\x8F" "c",
         "\xD8\x9C" "a\xE2\x80\x8E" "b\xE2\x80\x8F" "c", 0, 0},
        {"ZWNJ and ZWJ are kept (Persian, Indic scripts, emoji)", "\xD9\x85\xE2\x80\x8C\xDB\x8C \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
         "\xD9\x85\xE2\x80\x8C\xDB\x8C \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", 0, 0},
        {"zero-width space, word joiner and soft hyphen", "re\xE2\x80\x8Bpri\xE2\x81\xA0sal\xC2\xADs", "reprisals", 3, 0},
        {"tag characters: hidden text", "ok\xF3\xA0\x81\x94\xF3\xA0\x81\xA8\xF3\xA0\x81\xBF", "ok", 3, 0},
        {"invisible operators, Hangul filler, Mongolian vowel separator", "a\xE2\x81\xA2" "b\xE3\x85\xA4" "c\xE1\xA0\x8E" "d",
         "abcd", 3, 0},
        {"variation selectors are kept", "\xE2\x9D\xA4\xEF\xB8\x8F", "\xE2\x9D\xA4\xEF\xB8\x8F", 0, 0},
        {"controls and overrides together", "\x01\xE2\x80\xAE" "a\x02\xE2\x81\xA6" "b", "ab", 2, 2},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        SanitizeReport report;
        report.controls_removed = 99;  // must be overwritten, not added to
        report.bidi_overrides_removed = 99;
        CHECK(sanitize_text(c.in, &report) == c.out);
        CHECK(report.controls_removed == c.controls);
        CHECK(report.bidi_overrides_removed == c.bidi);
        CHECK(sanitize_text(c.in) == c.out);  // the report is optional
    }
}

TEST_CASE("sanitize_text drops carriage returns and never passes ill-formed UTF-8 through")
{
    CHECK(sanitize_text("one\r\ntwo\r\n") == "one\ntwo\n");

    for (std::string bad : {std::string("ok \xC0\x80"), std::string("\xED\xA0\x80"), std::string("cut \xE2\x82")}) {
        CAPTURE(bad);
        std::string out = sanitize_text(bad);
        CHECK(is_valid_utf8(out));
        CHECK(out.find('\xC0') == std::string::npos);
        CHECK(out.find('\xED') == std::string::npos);
        CHECK(out.find('\xE2') == std::string::npos);
    }
}

TEST_CASE("text_direction: language tag first, then the first strong character")
{
    const std::string arabic = "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";  // مرحبا
    const std::string hebrew = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";          // שלום
    const std::string chinese = "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD";     // 联合国
    struct Case {
        const char* name;
        std::string text;
        const char* language;
        TextDirection expected;
    };
    const Case cases[] = {
        {"ar", "Hello", "ar", TextDirection::rtl},
        {"ar-EG", "Hello", "ar-EG", TextDirection::rtl},
        {"he", "Hello", "he", TextDirection::rtl},
        {"fa", "", "fa", TextDirection::rtl},
        {"ur-PK", "", "ur-PK", TextDirection::rtl},
        {"language tags are case-insensitive", "Hello", "AR", TextDirection::rtl},
        {"language tags are case-insensitive, with region", "Hello", "He-IL", TextDirection::rtl},
        {"en with English", "Hello", "en", TextDirection::ltr},
        {"en with Arabic text: the tag decides", arabic, "en", TextDirection::ltr},
        {"fr with Hebrew text: the tag decides", hebrew, "fr", TextDirection::ltr},
        {"en-GB", "Hello", "en-GB", TextDirection::ltr},
        {"a tag that only starts like ar", arabic, "arn", TextDirection::ltr},
        {"no tag, Arabic", arabic, "", TextDirection::rtl},
        {"no tag, Hebrew", hebrew, "", TextDirection::rtl},
        {"no tag, English", "Hello", "", TextDirection::ltr},
        {"no tag, Latin first", "UN " + arabic, "", TextDirection::ltr},
        {"no tag, Arabic first", arabic + " UN", "", TextDirection::rtl},
        {"no tag, digits and punctuation are not strong", "2030: \xC2\xAB" + arabic + "\xC2\xBB", "", TextDirection::rtl},
        {"no tag, CJK is left-to-right", chinese + arabic, "", TextDirection::ltr},
        {"no tag, nothing strong", "123 !?", "", TextDirection::ltr},
        {"no tag, empty", "", "", TextDirection::ltr},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        CHECK(text_direction(c.text, c.language) == c.expected);
    }
    CHECK(std::string(to_string(TextDirection::rtl)) == "rtl");
    CHECK(std::string(to_string(TextDirection::ltr)) == "ltr");
}

TEST_CASE("dominant_script picks the writing system most of the text is in")
{
    struct Case {
        const char* name;
        std::string text;
        Script expected;
    };
    const Case cases[] = {
        {"Arabic", "\xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xAD\xD8\xAF\xD8\xA9", Script::arabic},  // الأمم المتحدة
        {"Chinese", "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xE5\xA4\xA7\xE4\xBC\x9A", Script::cjk},                                      // 联合国大会
        {"Japanese kana", "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF", Script::cjk},                              // こんにちは
        {"Korean", "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", Script::cjk},                                                            // 한국어
        {"Russian uses the Latin family", "\xD0\x9E\xD0\x9E\xD0\x9D \xD0\xB8 \xD0\xBC\xD0\xB8\xD1\x80", Script::latin},             // ООН и мир
        {"Greek uses the Latin family", "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", Script::latin},                          // Ελλάδα
        {"Hebrew", "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D", Script::hebrew},                           // שלום עולם
        {"Hindi", "\xE0\xA4\xB8\xE0\xA4\x82\xE0\xA4\xAF\xE0\xA5\x81\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xA4", Script::devanagari},   // संयुक्त
        {"English", "United Nations", Script::latin},
        {"mostly Arabic with a Latin acronym", "UN: \xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x85 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAA\xD8\xAD\xD8\xAF\xD8\xA9", Script::arabic},
        {"mostly English with one Chinese word", "The delegation of \xE4\xB8\xAD\xE5\x9B\xBD spoke", Script::latin},
        {"digits and punctuation only fall back to Latin", "2030 - 17 %", Script::latin},
        {"empty falls back to Latin", "", Script::latin},
    };
    for (const Case& c : cases) {
        const std::string name = c.name;
        CAPTURE(name);
        CHECK(dominant_script(c.text) == c.expected);
    }
}

TEST_CASE("script_of classifies single code points")
{
    struct Case {
        char32_t cp;
        Script expected;
    };
    const Case cases[] = {
        {U'a', Script::latin},   {U'Z', Script::latin},      {0xE9, Script::latin},     {0x0416, Script::latin},
        {0x05D0, Script::hebrew}, {0x0627, Script::arabic},  {0xFEFC, Script::arabic},  {0x0915, Script::devanagari},
        {0x4E2D, Script::cjk},   {0xAC00, Script::cjk},      {0x20000, Script::cjk},    {U'7', Script::other},
        {U' ', Script::other},   {0x1F600, Script::other},
    };
    for (const Case& c : cases) {
        CAPTURE(static_cast<unsigned>(c.cp));
        CHECK(script_of(c.cp) == c.expected);
    }
}

TEST_CASE("count_words splits on ASCII spaces and newlines")
{
    struct Case {
        std::string text;
        std::size_t words;
    };
    const Case cases[] = {
        {"", 0},
        {"   ", 0},
        {"\n\n", 0},
        {"one", 1},
        {"two words", 2},
        {"  leading and trailing  ", 3},
        {"many    spaces   between", 3},
        {"line one\nline two", 4},
        {"tab\tis not a separator", 4},
        {"\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xE5\xA4\xA7\xE4\xBC\x9A", 1},
        {"caf\xC3\xA9 cr\xC3\xA8me", 2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(count_words(c.text) == c.words);
    }
    CHECK(count_words(utf8_of(0x20AC) + " " + utf8_of(0x1F600)) == 2);
}

TEST_CASE("terminal_safe: what a terminal would obey is written as an escape, the rest is kept")
{
    CHECK(terminal_safe("room-xxi: accepted") == "room-xxi: accepted");
    CHECK(terminal_safe("\xD8\xA7\xD9\x84\xD8\xAE\xD8\xB7 \xE4\xB8\xAD\xE6\x96\x87") == "\xD8\xA7\xD9\x84\xD8\xAE\xD8\xB7 \xE4\xB8\xAD\xE6\x96\x87");
    CHECK(terminal_safe("\x1b[31mred\x1b[0m") == "\\u001B[31mred\\u001B[0m");
    CHECK(terminal_safe("a\tb\nc\rd\x07\x7f") == "a\\u0009b\\u000Ac\\u000Dd\\u0007\\u007F");
    CHECK(terminal_safe(std::string("nul\0", 4)) == "nul\\u0000");
    CHECK(terminal_safe("\xC2\x9B" "2J \xC2\x85") == "\\u009B2J \\u0085");  // C1: CSI, NEL
    CHECK(terminal_safe("\xE2\x80\xAE" "exe.gnp \xE2\x81\xA6x\xE2\x81\xA9 \xE2\x80\x8F \xD8\x9C")
          == "\\u202Eexe.gnp \\u2066x\\u2069 \\u200F \\u061C");
    CHECK(terminal_safe("\xE2\x80\xA8") == "\\u2028");
    CHECK(terminal_safe("ok\xFF\x9B" "bad\xC3") == "ok\\xFF\\x9Bbad\\xC3");  // not UTF-8: each byte
    CHECK(terminal_safe("") == "");
    // In a JSON text, the escapes are JSON's: the same document, nothing a terminal obeys.
    const std::string json = "{\"banner\":\"\xE2\x80\xAE" "x\xC2\x9B\",\"path\":\"a\\\\\"}";
    CHECK(terminal_safe(json) == "{\"banner\":\"\\u202Ex\\u009B\",\"path\":\"a\\\\\"}");
}

TEST_CASE("ascii_lower lowers A-Z only and keeps every other byte")
{
    CHECK(ascii_lower("Text,SPEAKER") == "text,speaker");
    CHECK(ascii_lower("\xC3\x89" "COLE") == "\xC3\x89" "cole");  // É stays as its bytes
    CHECK(ascii_lower("") == "");
}

TEST_CASE("one_line: someone else's text made one short line, safe to show, log or send")
{
    CHECK(one_line("row 7, published: fine", 80) == "row 7, published: fine");
    // Newlines and tabs are spaces; controls and direction overrides go.
    CHECK(one_line("a\nb\tc\x1b[2J\xE2\x80\xAE" "d", 80) == "a b c[2Jd");
    // A byte that is not UTF-8 is U+FFFD, and only that byte: the rest is kept.
    CHECK(one_line("caf\xC3 ok \xFF", 80) == "caf\xEF\xBF\xBD ok \xEF\xBF\xBD");
    // Cut at max_chars with the "…" counted, between characters, with no space before it.
    CHECK(one_line("abc def ghi", 8) == "abc def\xE2\x80\xA6");
    CHECK(one_line("abc def ghi", 5) == "abc\xE2\x80\xA6");
    CHECK(one_line("abcdefgh", 8) == "abcdefgh");
    CHECK(one_line("\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3", 3) == "\xD0\xB0\xD0\xB1\xE2\x80\xA6");  // абв… in characters, not bytes
    // And at max_bytes, never inside a character: a Chinese character is 3 bytes.
    const std::string chinese = "\xE5\x86\x85\xE5\xAE\xB9\xE8\xA2\xAB\xE6\x8B\x92\xE7\xBB\x9D";  // 内容被拒绝
    CHECK(one_line(chinese, 80, 10) == "\xE5\x86\x85\xE5\xAE\xB9\xE2\x80\xA6");
    CHECK(one_line(chinese, 80, 15) == chinese);
    // 100 KB of it, with bad bytes anywhere: bounded, and valid UTF-8 however it is cut.
    std::string hostile;
    for (int i = 0; i < 20000; ++i) hostile += "\xE4\xB8\x80\xFF\n\xC3";
    for (std::size_t bytes : {1u, 2u, 3u, 4u, 5u, 100u, 383u, 384u}) {
        CAPTURE(bytes);
        std::string line = one_line(hostile, 1000, bytes);
        CHECK(line.size() <= bytes);
        CHECK(is_valid_utf8(line));
        CHECK(line.find('\n') == std::string::npos);
    }
    CHECK(one_line(hostile, 50).size() <= 50 * 4);
    CHECK(one_line("", 10).empty());
    CHECK(one_line("abc", 0).empty());
}
