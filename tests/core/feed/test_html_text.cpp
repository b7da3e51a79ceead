#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/feed/html_text.h"

using placard::html_to_text;

namespace {

struct Case {
    const char* input;
    const char* expected;
};

template <std::size_t N>
void check_cases(const Case (&cases)[N]) {
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(html_to_text(c.input) == std::string(c.expected));
    }
}

// Returns true when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        std::uint32_t cp = len == 1 ? b : b & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) {
            const auto cont = static_cast<unsigned char>(s[i + k]);
            if ((cont & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cont & 0x3F);
        }
        const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

// The layout promises of the output, whatever the input: no blank line at
// either end, no more than one blank line in a row, no space at a line's ends.
void check_layout(const std::string& text) {
    CHECK(valid_utf8(text));
    CHECK(text.find("\n\n\n") == std::string::npos);
    CHECK(text.find(" \n") == std::string::npos);
    CHECK(text.find("\n ") == std::string::npos);
    CHECK(text.find("  ") == std::string::npos);
    if (!text.empty()) {
        CHECK(text.front() != '\n');
        CHECK(text.front() != ' ');
        CHECK(text.back() != '\n');
        CHECK(text.back() != ' ');
    }
}

}  // namespace

TEST_CASE("html_to_text removes tags, block elements break, inline elements do not") {
    const Case cases[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"<b>bold</b>text", "boldtext"},
        {"a <em>b</em> c", "a b c"},
        {"<a href=\"/x\">link</a><span>s</span><strong>t</strong><i>u</i><q>v</q><cite>w</cite><abbr>x</abbr>",
         "linkstuvwx"},
        {"<o:p>word</o:p>mark", "wordmark"},
        {"<p>One</p><p>Two</p>", "One\n\nTwo"},
        {"<P CLASS=\"lead\">Upper</P>case", "Upper\n\ncase"},
        {"<div>a</div><div>b</div>", "a\n\nb"},
        {"<div><div><p>deep</p></div></div>after", "deep\n\nafter"},
        {"<h1>Title</h1>Body", "Title\n\nBody"},
        {"<h6>Small</h6><h3>Mid</h3>", "Small\n\nMid"},
        {"<blockquote>quoted</blockquote>reply", "quoted\n\nreply"},
        {"<section>s</section><article>a</article><header>h</header><footer>f</footer>", "s\n\na\n\nh\n\nf"},
        // A picture's caption goes with the picture, which a slide of text does not show.
        {"<figure><img src=\"x.jpg\" alt=\"x\"><figcaption>Caption</figcaption></figure>after", "after"},
        {"above<hr>below", "above\n\nbelow"},
        {"above<hr/>below", "above\n\nbelow"},
        {"line one<br>line two", "line one\nline two"},
        {"a<br/>b<BR />c<br class=\"x\">d", "a\nb\nc\nd"},
        {"a<br><br>b", "a\n\nb"},
        {"a<br><br><br><br>b", "a\n\nb"},
        {"a<br></p><p>b", "a\n\nb"},
        {"<ul><li>one</li><li>two</li></ul>", "\xE2\x80\xA2 one\n\xE2\x80\xA2 two"},
        {"<ol>\n  <li> first </li>\n  <li>second</li>\n</ol>", "\xE2\x80\xA2 first\n\xE2\x80\xA2 second"},
        {"<p>Intro</p><ul><li>item</li></ul><p>End</p>", "Intro\n\n\xE2\x80\xA2 item\n\nEnd"},
        {"<ul><li></li><li>only</li></ul>", "\xE2\x80\xA2 only"},
        {"<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>after",
         "k v\na 1\n\nafter"},
        {"<img src=\"a.png\">x<img src=\"b.png\">", "x"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text drops scripts, styles, heads, templates, comments and declarations") {
    const Case cases[] = {
        {"a<script>var s = '<p>not text</p>';</script>b", "ab"},
        {"a <SCRIPT type=\"text/javascript\">x()</SCRIPT > b", "a b"},
        {"a <script>if (a < b && c > d) {}</script\n> b", "a b"},
        {"<script>a</scriptx>still script</script>c", "c"},
        {"<style>p { color: red; }</style>Text", "Text"},
        {"<Style media=\"screen\">p>a{}</sTyLe>Text", "Text"},
        {"<head><title>T</title><meta charset=\"utf-8\"></head><body><p>Hi</p></body>", "Hi"},
        {"<html><head><title>T</title><body><p>No head end tag</p>", "No head end tag"},
        {"<template><p>later</p></template>now", "now"},
        {"<noscript>Enable JS</noscript>ok", "ok"},
        {"<iframe src=\"https://example.com\">fallback</iframe>ok", "ok"},
        {"<svg viewBox=\"0 0 1 1\"><text>label</text></svg>ok", "ok"},
        {"<svg/>ok", "ok"},
        {"<title>Page</title>ok", "ok"},
        {"<scripts>custom</scripts>", "custom"},
        {"a<!-- hidden <p>x</p> -->b", "ab"},
        {"a<!---->b", "ab"},
        {"a<!-->b", "ab"},
        {"a<!--->b", "ab"},
        {"a<!-- wp:paragraph -->\n<p>b</p>\n<!-- /wp:paragraph -->", "a\n\nb"},
        {"<![CDATA[x < y]]>z", "z"},
        {"<!DOCTYPE html><p>x</p>", "x"},
        {"<!doctype html>x", "x"},
        {"<?xml version=\"1.0\" encoding=\"utf-8\"?>x", "x"},
        {"a<script>never closed <p>x</p>", "a"},
        {"a<style>never closed", "a"},
        {"a<!-- never closed", "a"},
        {"a<![CDATA[never closed", "a"},
        {"a</script>b", "ab"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text decodes named and numeric character references") {
    const Case cases[] = {
        {"&amp; &lt; &gt; &quot; &apos;", "& < > \" '"},
        {"&lt;p&gt;not a tag&lt;/p&gt;", "<p>not a tag</p>"},
        {"&amp;amp;", "&amp;"},
        {"&ndash;&mdash;&hellip;", "\u2013\u2014\u2026"},
        {"&lsquo;a&rsquo; &ldquo;b&rdquo;", "\u2018a\u2019 \u201Cb\u201D"},
        {"&laquo;c&raquo;", "\u00ABc\u00BB"},
        {"&eacute;&egrave;&agrave;&ccedil;&uuml;&ouml;&auml;&szlig;",
         "\u00E9\u00E8\u00E0\u00E7\u00FC\u00F6\u00E4\u00DF"},
        {"&Eacute;&Ouml;&Uuml;", "\u00C9\u00D6\u00DC"},
        {"&copy; &reg; &euro; &trade;", "\u00A9 \u00AE \u20AC \u2122"},
        {"&iexcl;&times;&divide;&yuml;&frac12;&deg;", "\u00A1\u00D7\u00F7\u00FF\u00BD\u00B0"},
        {"&OElig;&scaron;&bull;&rarr;&minus;", "\u0152\u0161\u2022\u2192\u2212"},
        {"&#233;&#xE9;&#XE9;&#xe9;&#00233;", "\u00E9\u00E9\u00E9\u00E9\u00E9"},
        {"&#65;&#x42;", "AB"},
        {"&#x20AC;&#8364;", "\u20AC\u20AC"},
        {"&#x1F600;", "\U0001F600"},
        {"&#x10FFFF;", "\U0010FFFF"},
        {"&#150;&#146;&#x80;", "\u2013\u2019\u20AC"},
        {"&#0;", "\uFFFD"},
        {"&#x0;", "\uFFFD"},
        {"&#xD800;&#xDFFF;", "\uFFFD\uFFFD"},
        {"&#x110000;", "\uFFFD"},
        {"&#99999999999999999999999;", "\uFFFD"},
        {"AT&T", "AT&T"},
        {"&foo;", "&foo;"},
        // HTML5 keeps the old names that browsers read without a semicolon, in
        // capitals too: these read as a browser shows them.
        {"&AMP;", "&"},
        {"&amp", "&"},
        {"&amp x", "& x"},
        {"&copy 2013", "\u00A9 2013"},
        {"&notit;", "\u00ACit;"},
        {"fish & chips", "fish & chips"},
        {"&", "&"},
        {"&#;", "&#;"},
        {"&#x;", "&#x;"},
        {"&#12a;", "a;"},  // U+000C, a form feed: white space
        {"&#233", "\u00E9"},
        {"&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"},
        {"co&shy;operate", "cooperate"},
        {"co\u00ADoperate", "cooperate"},
        {"a&nbsp;b", "a b"},
        {"a &nbsp; &#160; b", "a b"},
        {"a\u00A0b", "a b"},
        {"<p>&nbsp;</p><p>x</p><p>&nbsp;</p>", "x"},
        {"a&#10;b&#9;c", "a b c"},
        {"Gr\u00FC\u00DFe \u2013 \u65E5\u672C \U0001F600", "Gr\u00FC\u00DFe \u2013 \u65E5\u672C \U0001F600"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text collapses white space and keeps line breaks inside <pre>") {
    const Case cases[] = {
        {"  a \t\n b  ", "a b"},
        {"a\nb", "a b"},
        {"a\r\n\r\nb", "a b"},
        {"\n\n<p>  a  </p>\n\n<p>\n b </p>\n\n", "a\n\nb"},
        {"<p></p><p></p><p>x</p><p></p><div></div>", "x"},
        {"<br><br>x<br><br>", "x"},
        {"a <br> b", "a\nb"},
        {"a <p> b </p> c", "a\n\nb\n\nc"},
        {"a\x01" "b\x7F" "\x1B" "c", "abc"},
        {"<pre>line 1\n  line 2\n\n\n\nline 3</pre>", "line 1\nline 2\n\nline 3"},
        {"<pre>\r\nx\r\ny\r\n</pre>", "x\ny"},
        {"before<pre>code</pre>after", "before\n\ncode\n\nafter"},
        {"<pre>a\n<b>b</b>\nc</pre>d\ne", "a\nb\nc\n\nd e"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text parses tags robustly: quoted '>', literal '<', unterminated tags") {
    const Case cases[] = {
        {"<a title=\"a>b\">x</a>", "x"},
        {"<a title='a>b'>x</a>", "x"},
        {"<a title = \"a>b\" data-x='\">'>x</a>y", "xy"},
        {"<img alt=\"1 > 0\" src=x>y", "y"},
        {"<a b\"c>x</a>", "x"},
        {"3 < 5", "3 < 5"},
        {"a <3 b", "a <3 b"},
        {"x<", "x<"},
        {"<<b>x</b>", "<x"},
        {"< p>", "< p>"},
        {"</>x", "x"},
        {"a</ 3>b", "ab"},
        {"a<b", "a"},
        {"a<p class", "a"},
        {"a<a href=\"never closed>b", "a"},
        {"a</p", "a"},
        {"a</", "a</"},  // an end tag's start with nothing after it is text
        {"a<!", "a"},
        {"a<?", "a"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text reduces a realistic WordPress post") {
    const char* post =
        "<div class=\"entry-content\">\n"
        "<p>It&rsquo;s been a busy week at the <a href=\"https://example.org/library\" "
        "title=\"Our library > all\">Riverside Library</a>. We&rsquo;re <em>thrilled</em> to announce "
        "the new reading room.</p>\n"
        "<script type=\"text/javascript\">\n"
        "  window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/\"};\n"
        "  if (a < b && c > d) { document.write(\"<p>not text</p>\"); }\n"
        "</script>\n"
        "<!-- wp:paragraph -->\n"
        "<p>Opening hours:&nbsp;Mon&ndash;Fri, 9&nbsp;am to 5&nbsp;pm.<br />\n"
        "Weekends by appointment.</p>\n"
        "<!-- /wp:paragraph -->\n"
        "<ul>\n"
        "  <li>Free Wi-Fi</li>\n"
        "  <li>Quiet study desks &amp; caf&eacute;</li>\n"
        "</ul>\n"
        "<p>See you there!&nbsp;</p>\n"
        "<p class=\"more\"><a href=\"/2024/05/reading-room\">Continue reading <span "
        "class=\"screen-reader-text\">&#8220;New reading room&#8221;</span></a></p>\n"
        "</div>\n";
    const std::string expected =
        "It\u2019s been a busy week at the Riverside Library. We\u2019re thrilled to announce the new reading "
        "room.\n\n"
        "Opening hours: Mon\u2013Fri, 9 am to 5 pm.\n"
        "Weekends by appointment.\n\n"
        "\xE2\x80\xA2 Free Wi-Fi\n"
        "\xE2\x80\xA2 Quiet study desks & caf\u00E9\n\n"
        "See you there!\n\n"
        "Continue reading \u201CNew reading room\u201D";
    const std::string text = html_to_text(post);
    CHECK(text == expected);
    check_layout(text);
}

TEST_CASE("html_to_text reads blog posts as a browser does: HTML5 entities, unclosed tags, SVG, comments, CDATA") {
    const Case cases[] = {
        // Named references beyond Latin-1 and beyond HTML 4, as HTML5 lists them.
        {"&check; &cross; &star; &starf; &phone; &female;", "\u2713 \u2717 \u2606 \u2605 \u260E \u2640"},
        {"&NotEqualTilde; &bigstar; &rightarrow; &leftrightarrow; &hyphen;",
         "\u2242\u0338 \u2605 \u2192 \u2194 \u2010"},
        {"&Alpha;&beta;&Omega; &alefsym; &zeta;", "\u0391\u03B2\u03A9 \u2135 \u03B6"},
        {"&fjlig;ord", "fjord"},
        {"&lsquo;&rsquo;&sbquo;&ldquo;&rdquo;&bdquo; &laquo;&nbsp;&raquo;", "\u2018\u2019\u201A\u201C\u201D\u201E \u00AB \u00BB"},
        // Tags left open, as editors and old CMSes leave them.
        {"<p>First paragraph<p>Second paragraph", "First paragraph\n\nSecond paragraph"},
        {"<ul><li>one<li>two</ul>after", "\u2022 one\n\u2022 two\n\nafter"},
        {"<p><b>bold <i>both</b> italic</i> plain</p>", "bold both italic plain"},
        {"<blockquote><p>Never closed", "Never closed"},
        {"<table><tr><td>a<td>b<tr><td>c</table>", "a b\nc"},
        // Line breaks inside quotations.
        {"<blockquote>We will not be silenced,<br>we will speak.<br/>&mdash; A defender</blockquote>",
         "We will not be silenced,\nwe will speak.\n\u2014 A defender"},
        {"She said <q>stop<br>now</q>.", "She said stop\nnow."},
        // Inline SVG, with its own text, title, CDATA and style, is a picture, not words.
        {"<p>Before</p><svg width=\"10\"><title>Icon</title><text>label</text>"
         "<style><![CDATA[ .a{} ]]></style><![CDATA[ raw ]]></svg><p>After</p>",
         "Before\n\nAfter"},
        {"<p>x<math><mi>y</mi></math>z</p>", "xz"},
        // CDATA outside SVG is a bogus comment, ended by the first ">".
        {"a<![CDATA[ hidden ]]>b", "ab"},
        // Comments, including WordPress block markers and conditional comments.
        {"<!-- wp:quote --><blockquote class=\"wp-block-quote\"><p>Q</p></blockquote><!-- /wp:quote -->", "Q"},
        {"<!--[if IE]><p>Old browser</p><![endif]-->ok", "ok"},
        {"a<!-- a -- b -->c", "ac"},
        // Embedded media and forms show nothing of themselves.
        {"<p>Watch:</p><video src=\"v.mp4\">Your browser cannot play this.</video><p>End</p>", "Watch:\n\nEnd"},
        {"<noscript><img src=\"pixel.gif\">Turn on JavaScript</noscript>ok", "ok"},
    };
    check_cases(cases);
}

TEST_CASE("html_to_text reduces a real-world post with figures, embeds and a pull quote") {
    const char* post =
        "<figure class=\"wp-block-image\"><img src=\"https://example.org/defender.jpg\" alt=\"A defender\">"
        "<figcaption>A human rights defender in Geneva &ndash; photo &copy; ISHR</figcaption></figure>\n"
        "<p>The UN Secretary-General&rsquo;s report lists <strong>reprisals</strong> in 29 countries&hellip;\n"
        "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\n"
        "<iframe title=\"Statement\" src=\"https://www.youtube.com/embed/x\"></iframe>\n</div></figure>\n"
        "<blockquote class=\"wp-block-pullquote\"><p>Reprisals are unacceptable.<br>They must stop.</p>"
        "<cite>&mdash;&nbsp;Michael Ineichen</cite></blockquote>\n"
        "<p>Read more in our <a href=\"/report\">report</a>.<script>track('read');</script></p>";
    const std::string expected =
        "The UN Secretary-General\u2019s report lists reprisals in 29 countries\u2026\n\n"
        "Reprisals are unacceptable.\nThey must stop.\n\n\u2014 Michael Ineichen\n\n"
        "Read more in our report.";
    const std::string text = html_to_text(post);
    CHECK(text == expected);
    check_layout(text);
}

TEST_CASE("html_to_text keeps its layout promises and valid UTF-8 on scrambled markup") {
    // Deterministic pseudo-random soups of markup fragments: whatever the mix,
    // the function must return, and the result must keep the layout rules.
    const std::vector<std::string> pieces = {
        "<p>", "</p>", "<br>", "<li>", "</li>", "<pre>", "</pre>", "<script>", "</script>", "<!--", "-->",
        "<![CDATA[", "]]>", "<b>", "</", "<", ">", "\"", "'", "=", "&", "&amp;", "&#", "x", ";", "&#x1F600;",
        "&nbsp;", "&shy;", "&#0;", " ", "\n", "\t", "\r", "word", "\u00E9", "\u20AC", "\U0001F600", "\u00A0",
        "<a title=\"", "<head>", "<body>", "<svg/>", "<!DOCTYPE", "<?", "</td>", "<td>", "<tr>"};
    std::uint32_t state = 12345;
    const auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int round = 0; round < 3000; ++round) {
        std::string input;
        const std::uint32_t count = next() % 24;
        for (std::uint32_t k = 0; k < count; ++k) input += pieces[next() % pieces.size()];
        CAPTURE(input);
        check_layout(html_to_text(input));
    }
}

TEST_CASE("html_to_text stays linear on large and pathological inputs") {
    const auto repeat = [](const std::string& s, std::size_t count) {
        std::string out;
        for (std::size_t k = 0; k < count; ++k) out += s;
        return out;
    };
    // Each input is about 64 KiB.
    constexpr std::size_t size = 64 * 1024;
    struct Heavy {
        std::string input;
        std::string expected;
    };
    const std::string long_entity = "&" + std::string(39, 'a');
    const std::string words = repeat("word ", size / 12);
    const Heavy heavy[] = {
        {repeat("<p>", size / 3), ""},
        {repeat("<a<", size / 3), ""},
        {repeat("&amp;", size / 5), repeat("&", size / 5)},
        {repeat(long_entity, size / 40), repeat(long_entity, size / 40)},
        {repeat("&#1111111111", size / 12), repeat("\uFFFD", size / 12)},
        {repeat("<!--", size / 4), ""},
        {repeat("<!x", size / 3), ""},
        {"<a title=\"" + repeat("word ", size / 5), ""},
        {"<script>" + repeat("</scrip", size / 7), ""},
        {repeat("<b>word</b> ", size / 12), words.substr(0, words.size() - 1)},
    };
    for (const Heavy& h : heavy) {
        CAPTURE(h.input.substr(0, 24));
        const std::string text = html_to_text(h.input);
        CHECK(text == h.expected);
    }
}

TEST_CASE("first_picture finds a post's first picture and its caption: the figure's, else the alt text") {
    using placard::first_picture;
    auto figure = first_picture("<p>Intro</p><figure><a href=\"/big\"><img src=\" /a.jpg \" alt=\"alt\"></a>"
                                "<figcaption>The <em>caption</em> &amp; credit</figcaption></figure><img src=\"b.jpg\">");
    REQUIRE(figure);
    CHECK(figure->src == "/a.jpg");
    CHECK(figure->caption == "The caption & credit");
    auto alt = first_picture("<p><img src=\"\"><img src=\"uploads/c.jpg\" alt=\"A  heron\n on a post\"></p>");
    REQUIRE(alt);
    CHECK(alt->src == "uploads/c.jpg");
    CHECK(alt->caption == "A heron on a post");
    // Pictures inside what is dropped are not the post's; a post without one has none.
    CHECK_FALSE(first_picture("<noscript><img src=\"pixel.gif\"></noscript><iframe src=\"v\"></iframe><p>text</p>"));
    CHECK_FALSE(first_picture(""));
}

TEST_CASE("decode_character_references reads a title's references and keeps its angle brackets") {
    CHECK(placard::decode_character_references("FCC Says Releasing &#8216;Jokes&#8217; It Wrote") == "FCC Says Releasing \u2018Jokes\u2019 It Wrote");
    CHECK(placard::decode_character_references("Add Task &amp; Sub Tasks") == "Add Task & Sub Tasks");
    CHECK(placard::decode_character_references("Bridget Jones&#039;s Diary") == "Bridget Jones's Diary");
    CHECK(placard::decode_character_references("Array<String> in <b>Kotlin</b>") == "Array<String> in <b>Kotlin</b>");
    CHECK(placard::decode_character_references("Q&A, AT&T and 5 & 6") == "Q&A, AT&T and 5 & 6");
}
