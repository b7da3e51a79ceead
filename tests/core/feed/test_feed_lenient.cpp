// Feeds as blog software writes them: a problem with one item costs that
// item or that field, with a warning at its pointer, never the whole feed;
// and JSON Feed's own rules (authors inherited, HTML before text, pictures).
#include <doctest/doctest.h>

#include <string>

#include "core/feed/feed_parse.h"
#include "core/feed/feed_rules.h"
#include "core/feed/rfc3339.h"
#include "core/text/text.h"

using namespace placard;

namespace {

std::string feed_with(const std::string& items, const std::string& head = {})
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", )" + head + R"("items": [)" + items + "]}";
}

bool has(const std::vector<FeedProblem>& problems, const std::string& pointer, const std::string& words)
{
    for (const auto& p : problems)
        if (p.pointer == pointer && p.message.find(words) != std::string::npos) return true;
    return false;
}

Item only_item(const FeedCheck& check)
{
    REQUIRE(check.ok());
    REQUIRE(check.feed->items.size() == 1);
    return check.feed->items[0];
}

const std::string good = R"({"id": "good", "content_text": "Shown.", "authors": [{"name": "A"}]})";

}  // namespace

TEST_CASE("cut_at_paragraph keeps whole paragraphs, else whole sentences, else whole words")
{
    const std::string para = std::string(60, 'a') + "\n\n" + std::string(30, 'b') + ". " + std::string(30, 'c');
    CHECK(cut_at_paragraph(para, 80) == std::string(60, 'a'));
    const std::string sentences = "One two three. Four five six! Seven eight nine";
    CHECK(cut_at_paragraph(sentences, 40) == "One two three. Four five six!");
    CHECK(cut_at_paragraph("One two three four five six seven", 20) == "One two three four");
    CHECK(cut_at_paragraph(std::string(50, 'x'), 10) == std::string(10, 'x'));
    CHECK(cut_at_paragraph("short", 10) == "short");
    // A paragraph end that would keep less than half the limit is passed over for a sentence.
    CHECK(cut_at_paragraph("Hi.\n\nA long sentence here. And more words after it", 40) == "Hi.\n\nA long sentence here.");
    // Counted in characters, not bytes; a decimal point is not a sentence end.
    CHECK(cut_at_paragraph("\xC3\xA9t\xC3\xA9 3.5 km. Plus loin encore", 14) == "\xC3\xA9t\xC3\xA9 3.5 km.");
    CHECK(cut_at_paragraph("\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\xE5\x86\x8D\xE8\xA7\x81\xE5\x86\x8D\xE8\xA7\x81", 5)
          == "\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82");
}

TEST_CASE("cut_at_word ends a name or title at a word, with an ellipsis, within the limit")
{
    CHECK(cut_at_word("The quick brown fox jumps", 12) == "The quick\xE2\x80\xA6");
    CHECK(cut_at_word("Names, titles", 9) == "Names\xE2\x80\xA6");
    CHECK(cut_at_word("short", 10) == "short");
    CHECK(count_code_points(cut_at_word(std::string(400, 'x'), 300)) == 300);
}

TEST_CASE("an item text over the limit shows its beginning, marked shortened, with a warning")
{
    std::string text;
    for (int i = 0; i < 100; ++i) text += "Paragraph " + std::to_string(i) + " has some words in it, and then more words.\\n\\n";
    const std::string item = R"({"id": "a", "url": "https://blog.example/a", "authors": [{"name": "A"}], "content_text": ")" + text + "\"}";
    FeedCheck check = parse_feed(feed_with(item));
    const Item& it = only_item(check);
    CHECK(it.shortened);
    CHECK(count_code_points(it.text) <= FeedLimits::max_item_text_chars);
    CHECK(it.text.substr(it.text.size() - 11) == "more words.");
    CHECK(has(check.warnings, "/items/0/content_text", "shortened: the text has"));
    CHECK(has(check.warnings, "/items/0/content_text", "QR code to its url"));
    // Without a url, the beginning only, and the warning says so.
    FeedCheck no_url = parse_feed(feed_with(R"({"id": "a", "content_html": "<p>)" + std::string(5000, 'y') + "</p>\"}"));
    CHECK(only_item(no_url).shortened);
    CHECK(has(no_url.warnings, "/items/0/content_html", "add the item's \"url\""));
}

TEST_CASE("an item with nothing to show, or not an object, is skipped, the others are shown")
{
    FeedCheck check = parse_feed(feed_with(R"({"id": "empty", "content_text": ""}, "a string", )" + good));
    const Item& it = only_item(check);
    CHECK(it.id == "good");
    CHECK(has(check.warnings, "/items/0", "skipped: it has nothing to show"));
    CHECK(has(check.warnings, "/items/1", "skipped: an item is an object"));
    // None to show: refused, saying why.
    FeedCheck none = parse_feed(feed_with(R"({"id": "empty"}, 3)"));
    CHECK_FALSE(none.ok());
    CHECK(has(none.errors, "/items", "none of the 2 items can be shown: it has nothing to show"));
    FeedCheck one = parse_feed(feed_with(R"({"id": "empty"})"));
    CHECK(has(one.errors, "/items", "the only item cannot be shown"));
    // No items at all is still a valid (empty) feed.
    CHECK(parse_feed(feed_with("")).ok());
}

TEST_CASE("addresses that are never shown, or cannot be a QR code, are ignored with a warning")
{
    FeedCheck check = parse_feed(feed_with(
        R"({"id": "a", "content_text": "x", "url": "https://blog.example/a b", "external_url": "ftp://x",
            "banner_image": "/banner.png", "image": "data:image/png;base64,AA==",
            "authors": [{"name": "A", "url": "mailto:a@example.org", "avatar": "file:///a.png"}]})",
        R"("authors": [{"name": "Ed", "url": "mailto:ed@example.org"}], )"));
    const Item& it = only_item(check);
    CHECK(it.url.empty());
    CHECK(it.image.empty());
    CHECK(it.speaker == "A");
    CHECK(has(check.warnings, "/items/0/url", "ignored: the address has a space"));
    CHECK(has(check.warnings, "/items/0/url", "no QR code"));
    FeedCheck line_break = parse_feed(feed_with(R"({"id": "a", "content_text": "x", "image": "https://e.org/a\nb.png"})"));
    CHECK(has(line_break.warnings, "/items/0/image", "ignored: the address has a line break after \"https://e.org/a\""));
    CHECK(has(check.warnings, "/items/0/external_url", "ignored:"));
    CHECK(has(check.warnings, "/items/0/banner_image", "ignored:"));
    CHECK(has(check.warnings, "/items/0/image", "no picture"));
    CHECK(has(check.warnings, "/items/0/authors/0/url", "ignored: \"mailto:a@example.org\""));
    CHECK(has(check.warnings, "/items/0/authors/0/avatar", "ignored:"));
    CHECK(has(check.warnings, "/authors/0/url", "ignored:"));
    // A value of the wrong type is still a mistake in the file.
    CHECK_FALSE(parse_feed(feed_with(R"({"id": "a", "content_text": "x", "url": 5})")).ok());
}

TEST_CASE("an item without an id has its url as id, else is skipped, a repeated id skips the later item")
{
    FeedCheck check = parse_feed(feed_with(
        R"({"content_text": "x", "authors": [{"name": "A"}], "url": "https://blog.example/1"},
           {"id": "", "content_text": "y", "authors": [{"name": "A"}]},
           {"id": 1.5, "content_text": "z", "authors": [{"name": "A"}]},
           {"id": "d", "content_text": "first", "authors": [{"name": "A"}]},
           {"id": "d", "content_text": "second", "authors": [{"name": "A"}]})"));
    REQUIRE(check.ok());
    REQUIRE(check.feed->items.size() == 2);
    CHECK(check.feed->items[0].id == "https://blog.example/1");
    CHECK(check.feed->items[1].text == "first");
    CHECK(has(check.warnings, "/items/0/id", "has no \"id\", so its url is its id"));
    CHECK(has(check.warnings, "/items/1", "skipped: it has an empty \"id\" and no \"url\""));
    CHECK(has(check.warnings, "/items/2", "skipped: it has an \"id\" that is the number 1.5"));
    CHECK(has(check.warnings, "/items/4/id", "skipped: its id \"d\" is already the id of /items/3"));
}

TEST_CASE("the version written with http:// is read with a warning, other versions are refused")
{
    for (const char* version : {"http://jsonfeed.org/version/1", "http://jsonfeed.org/version/1.1"}) {
        FeedCheck check = parse_feed(std::string(R"({"version": ")") + version + R"(", "title": "T", "items": [)" + good + "]}");
        CHECK(check.ok());
        CHECK(has(check.warnings, "/version", "http://"));
    }
    CHECK_FALSE(parse_feed(R"({"version": "https://jsonfeed.org/version/2", "title": "T", "items": []})").ok());
}

TEST_CASE("a date without seconds or offset is kept with a warning, one that is not a date is ignored")
{
    FeedCheck check = parse_feed(feed_with(
        R"({"id": "a", "content_text": "x", "date_published": "2017-04-11T07:00", "date_modified": "2017-04-11T07:00:30"},
           {"id": "b", "content_text": "y", "date_published": "2017-04-11T07:00+02:00"},
           {"id": "c", "content_text": "z", "date_published": "11/04/2017"})"));
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].date_published == "2017-04-11T07:00");
    CHECK(check.feed->items[1].date_published == "2017-04-11T07:00+02:00");
    CHECK(check.feed->items[2].date_published.empty());
    CHECK(has(check.warnings, "/items/0/date_published", "has no seconds and no time zone offset"));
    CHECK(has(check.warnings, "/items/0/date_modified", "has no time zone offset"));
    CHECK(has(check.warnings, "/items/1/date_published", "has no seconds"));
    CHECK(has(check.warnings, "/items/2/date_published", "ignored:"));
    // Placard's own times stay strict.
    FeedCheck strict = parse_feed(feed_with(R"({"id": "a", "content_text": "x", "_placard": {"starts_at": "2017-04-11T07:00"}})"));
    CHECK(has(strict.errors, "/items/0/_placard/starts_at", "RFC 3339"));
}

TEST_CASE("parse_loose_date_time reads what blogs write, as written")
{
    auto d = parse_loose_date_time("2017-04-11T07:00");
    REQUIRE(d);
    CHECK_FALSE(d->has_seconds);
    CHECK_FALSE(d->offset_seconds);
    CHECK(format_rfc3339(d->wall_seconds) == "2017-04-11T07:00:00Z");
    auto e = parse_loose_date_time("2017-04-11T23:30:15.25-05:00");
    REQUIRE(e);
    CHECK(e->offset_seconds == -5 * 3600);
    CHECK(format_rfc3339(*e->instant()) == "2017-04-12T04:30:15Z");
    for (const char* bad : {"2017-04-11", "2017-04-11T7:00", "2017-02-30T07:00", "2017-04-11T07:00+2", "2017-04-11T07:00:00Zx"})
        CHECK_FALSE(parse_loose_date_time(bad));
}

TEST_CASE("a title or speaker over its limit is cut at a word with an ellipsis and a warning")
{
    std::string words;
    while (words.size() < 400) words += "word ";
    FeedCheck check = parse_feed(feed_with(R"({"id": "a", "content_text": "x", "title": ")" + words
                                           + R"(", "authors": [{"name": ")" + words + R"("}]})"));
    const Item& it = only_item(check);
    CHECK(count_code_points(it.title) <= FeedLimits::max_title_chars);
    CHECK(count_code_points(it.speaker) <= FeedLimits::max_speaker_chars);
    CHECK(it.title.substr(it.title.size() - 7) == "word\xE2\x80\xA6");
    CHECK(has(check.warnings, "/items/0/title", "shortened: has 400 characters"));
    CHECK(has(check.warnings, "/items/0/authors/0/name", "shortened:"));
}

TEST_CASE("mistakes in _placard still refuse the feed, even in an item that is skipped")
{
    FeedCheck check = parse_feed(feed_with(good + R"(, {"id": "b", "_placard": {"kind": "poem"}})"));
    CHECK_FALSE(check.ok());
    CHECK(has(check.errors, "/items/1/_placard/kind", "unknown kind"));
    CHECK_FALSE(parse_feed(feed_with(good + R"(, {"id": "b", "content_text": "x", "_placard": {"duration_seconds": 0}})")).ok());
}

TEST_CASE("items inherit the feed's authors, and the kind follows the title and the authors")
{
    FeedCheck check = parse_feed(feed_with(
        R"({"id": "a", "content_text": "Quote."},
           {"id": "b", "content_text": "Post.", "title": "A title"},
           {"id": "c", "content_text": "Own.", "author": {"name": "Own Author"}},
           {"id": "d", "content_text": "Post too.", "_placard": {"kind": "post"}})",
        R"("author": {"name": "Feed Author"}, )"));
    REQUIRE(check.ok());
    const auto& items = check.feed->items;
    CHECK(items[0].speaker == "Feed Author");
    CHECK(items[0].kind == ItemKind::statement);
    CHECK(items[1].kind == ItemKind::post);
    CHECK(items[2].speaker == "Own Author");
    CHECK(items[3].kind == ItemKind::post);
    // With no author anywhere, an item is a post, not an unattributed quote.
    const Item& anonymous = only_item(parse_feed(feed_with(R"({"id": "a", "content_text": "Words."})")));
    CHECK(anonymous.kind == ItemKind::post);
}

TEST_CASE("content_html is the text when there is any, content_text with markup is reduced")
{
    const Item& html = only_item(parse_feed(feed_with(
        R"({"id": "a", "title": "T", "content_text": "**md** text", "content_html": "<p>The <em>HTML</em> text</p>"})")));
    CHECK(html.text == "The HTML text");
    const Item& md = only_item(parse_feed(feed_with(
        R"J({"id": "a", "title": "T", "content_text": "Read [this](https://x.org) &amp; **that**\n\n![pic](https://x.org/p.jpg)"})J")));
    CHECK(md.text == "Read this & that");
    const Item& plain = only_item(parse_feed(feed_with(R"({"id": "a", "title": "T", "content_text": "Line one\nline two"})")));
    CHECK(plain.text == "Line one\nline two");
    // Attachments and tags are JSON Feed's, and quietly not used.
    FeedCheck quiet = parse_feed(feed_with(
        R"({"id": "a", "title": "T", "content_text": "x", "tags": ["a"], "attachments": [{"url": "https://x.org/a.mp3", "mime_type": "audio/mpeg"}]})"));
    CHECK(quiet.ok());
    CHECK(quiet.warnings.empty());
}

TEST_CASE("a post that is only a picture becomes a picture item, with its caption")
{
    const Item& img = only_item(parse_feed(feed_with(
        R"({"id": "a", "url": "https://blog.example/2025/06/post.html",
            "content_html": "<p><img src=\"uploads/a.jpg\" alt=\"A heron\"></p><iframe src=\"https://video\"></iframe>"})")));
    CHECK(img.kind == ItemKind::picture);
    CHECK(img.image == "https://blog.example/2025/06/uploads/a.jpg");
    CHECK(img.text == "A heron");
    const Item& figure = only_item(parse_feed(feed_with(
        R"({"id": "a", "title": "Morning", "content_html": "<figure><img src=\"https://x.org/a.jpg\" alt=\"alt\"><figcaption>The caption</figcaption></figure>"})")));
    CHECK(figure.kind == ItemKind::picture);
    CHECK(figure.text == "The caption");
    const Item& image = only_item(parse_feed(feed_with(R"({"id": "a", "title": "Sunset", "image": "https://x.org/s.jpg"})")));
    CHECK(image.kind == ItemKind::picture);
    CHECK(image.image == "https://x.org/s.jpg");
    CHECK(image.text == "Sunset");
    // A relative picture with no url to read it against: no picture, so nothing to show.
    FeedCheck lost = parse_feed(feed_with(R"({"id": "a", "content_html": "<img src=\"a.jpg\">"}, )" + good));
    CHECK(only_item(lost).id == "good");
    CHECK(has(lost.warnings, "/items/0/content_html", "no \"url\""));
    CHECK(has(lost.warnings, "/items/0", "skipped: it has nothing to show"));
    // A statement's text is never replaced by a picture.
    const Item& statement = only_item(parse_feed(feed_with(
        R"({"id": "a", "content_html": "<img src=\"https://x.org/a.jpg\">", "authors": [{"name": "A"}], "_placard": {"kind": "statement"}}, )" + good)));
    CHECK(statement.id == "good");
}

TEST_CASE("resolve_url makes a picture's address absolute against the item's url")
{
    const std::string base = "https://blog.example/2025/06/post.html?x=1";
    CHECK(resolve_url(base, "a.jpg") == "https://blog.example/2025/06/a.jpg");
    CHECK(resolve_url(base, "./a.jpg") == "https://blog.example/2025/06/a.jpg");
    CHECK(resolve_url(base, "../../a.jpg") == "https://blog.example/a.jpg");
    CHECK(resolve_url(base, "/up/a.jpg") == "https://blog.example/up/a.jpg");
    CHECK(resolve_url(base, "//cdn.example/a.jpg") == "https://cdn.example/a.jpg");
    CHECK(resolve_url(base, "http://other.example/a.jpg") == "http://other.example/a.jpg");
    CHECK(resolve_url("https://blog.example", "a.jpg") == "https://blog.example/a.jpg");
    CHECK(resolve_url(base, "data:image/png;base64,AA") == "");
    CHECK(resolve_url(base, "my photo.jpg") == "");
    CHECK(resolve_url("", "a.jpg") == "");
    CHECK(resolve_url("mailto:x@y", "a.jpg") == "");
}

TEST_CASE("titles and authors' names written with character references read as their characters")
{
    const Item item = only_item(parse_feed(feed_with(
        R"({"id": "a", "content_text": "Text.", "title": "Releasing &#8216;Jokes&#8217; &amp; more",
            "authors": [{"name": "O&#039;Brien"}]})")));
    CHECK(item.title == "Releasing \u2018Jokes\u2019 & more");
    CHECK(item.speaker == "O'Brien");
}
