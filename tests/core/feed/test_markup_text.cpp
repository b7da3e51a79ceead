// content_text with Markdown or raw HTML in it, as micro.blog writes it.
#include <doctest/doctest.h>

#include <string>

#include "core/feed/markup_text.h"

using namespace placard;

TEST_CASE("plain text is not taken for markup")
{
    for (const char* text : {"It is now imperative that the plenary act.", "Use #EndReprisals today",
                             "5 * 3 * 2 = 30, and 2 < 3 > 1", "snake_case_name and file_name.txt", "AT&T; R&D",
                             "Line one\nLine two\n\nA new paragraph", "[sic] a bracket", "*nix systems", "2 _ 3"}) {
        CAPTURE(text);
        CHECK_FALSE(looks_like_markup(text));
    }
}

TEST_CASE("raw HTML, entities and Markdown are taken for markup")
{
    for (const char* text : {"Hello <img src=\"a.jpg\">", "Fish &amp; chips", "caf&#233;", "See [the site](https://x.org)",
                             "![a photo](https://x.org/a.jpg)", "This is **bold**", "and _this_ too", "# A heading",
                             "</p>", "```\ncode\n```"}) {
        CAPTURE(text);
        CHECK(looks_like_markup(text));
    }
}

TEST_CASE("markup_to_text: pictures are nothing, links their text, emphasis and headings plain")
{
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"Today\xE2\x80\x99s office\n\n\n![View of a river](https://x.org/a.jpg)\n", "Today\xE2\x80\x99s office"},
        {"Read [the report](https://x.org/r \"title\") now.", "Read the report now."},
        {"A [link with [brackets]](https://x.org/(a)) here", "A link with [brackets] here"},
        {"[![a picture](https://x.org/a.jpg)](https://x.org/)Caption", "Caption"},
        {"This is **bold**, __strong__, *em* and _em_.", "This is bold, strong, em and em."},
        {"keep snake_case_names and 2 * 3 * 4", "keep snake_case_names and 2 * 3 * 4"},
        {"# A heading\nThe text.", "A heading\n\nThe text."},
        {"Fish &amp; chips &mdash; <em>twice</em>", "Fish & chips \xE2\x80\x94 twice"},
        {"One\n\n<img src=\"uploads/a.jpg\" alt=\"\">\n\n<p><em>iPhone</em> \xF0\x9F\x93\xB7</p>", "One\n\niPhone \xF0\x9F\x93\xB7"},
        {"Come on!\n\n> Step up, he warned. \nThe call comes.\n\nEnd", "Come on!\n\nStep up, he warned. The call comes.\n\nEnd"},
        {"- one\n- two", "\xE2\x80\xA2 one\n\xE2\x80\xA2 two"},
        {"Use `a <b>` here", "Use a <b> here"},
        {"Before\n\n```\nx < 1\n```\n\nAfter", "Before\n\nx < 1\n\nAfter"},
        {"See <https://x.org/a> now", "See https://x.org/a now"},
        {"A [ref link][1].\n\n[1]: https://x.org", "A ref link."},
        {"Escaped \\*stars\\* stay", "Escaped *stars* stay"},
        {"Rule\n\n---\n\nafter", "Rule\n\nafter"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.in);
        CHECK(markup_to_text(c.in) == c.out);
    }
}

TEST_CASE("markup_to_text stays fast on hostile brackets and marks")
{
    for (const std::string& hostile : {std::string(60000, '['), std::string(60000, '*'), std::string(30000, '_') + "a",
                                       std::string(20000, '<') + "a", std::string("[a](") + std::string(60000, '('),
                                       std::string(20000, '!') + std::string(20000, '[')}) {
        (void)looks_like_markup(hostile);
        CHECK(markup_to_text(hostile).size() <= hostile.size() + 8);
    }
}
