// Blog posts, pictures and shortened texts laid out against a fake font.
#include <doctest/doctest.h>

#include "core/layout/layout.h"
#include "core/text/text.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

const std::vector<std::string> paragraphs = {
    "Three days of discussion ended with a short list of practical steps for reporting on recommendations.",
    "The first session looked at the data that institutions already collect. Most of them keep records of the "
    "recommendations they receive. Few publish what happened afterwards.",
    "In the afternoon a panel discussed how smaller institutions can do this with limited staff. Several speakers "
    "described simple shared spreadsheets. Others warned that a tool alone changes nothing.",
    "The second day opened with a presentation on indicators. Many of them measure activity rather than results. "
    "A shorter list of outcome indicators will be tried.",
    "On the last day the participants drafted a set of practical steps. They go to the secretariat before September.",
};

std::string joined_paragraphs(std::size_t n)
{
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += (i ? "\n\n" : "") + paragraphs[i];
    return s;
}

Item post(std::string text)
{
    Item item;
    item.id = "p1";
    item.kind = ItemKind::post;
    item.title = "Working group agrees on practical steps for follow-up reporting";
    item.text = std::move(text);
    item.speaker = "Amina Diallo";
    item.url = "https://example.org/news/2017/04/follow-up";
    item.date_published = "2017-04-11T23:30:00-07:00";
    return item;
}

SlideContext context(Size size)
{
    SlideContext c;
    c.screen = size;
    c.event_name = "Follow-up reporting";
    c.hashtag = "#FollowUp";
    c.count = 3;
    return c;
}

bool inside(const Rect& inner, const Rect& outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.bottom() <= outer.bottom();
}

bool overlap(const Rect& a, const Rect& b)
{
    return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

std::vector<const TextLine*> with_role(const SlideLayout& l, const std::string& role)
{
    std::vector<const TextLine*> out;
    for (const auto& line : l.lines)
        if (line.role == role) out.push_back(&line);
    return out;
}

std::string words_of(const std::vector<const TextLine*>& lines)
{
    std::string s;
    for (auto* l : lines) s += (s.empty() ? "" : " ") + l->text;
    return s;
}

// The text with every run of spaces and newlines made one space, to compare
// what is shown with what was written.
std::string flat(const std::string& text)
{
    std::string out;
    for (char c : text) {
        bool space = c == ' ' || c == '\n';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

void everything_inside(const SlideLayout& l)
{
    for (const auto& line : l.lines) {
        CAPTURE(line.role);
        CAPTURE(line.text);
        CHECK(inside(line.box, l.safe));
    }
    for (const auto& block : l.blocks) CHECK(inside(block.box, l.safe));
    if (!l.qr_url.empty()) CHECK(inside(l.qr_box, l.safe));
    if (!l.photo_file.empty()) CHECK(inside(l.photo_box, l.safe));
}

// Nothing written over the QR code or the picture.
void nothing_covered(const SlideLayout& l)
{
    for (const auto& line : l.lines) {
        CAPTURE(line.role);
        if (!l.qr_url.empty()) CHECK_FALSE(overlap(line.box, l.qr_box));
        if (!l.photo_file.empty()) CHECK_FALSE(overlap(line.box, l.photo_box));
    }
    if (!l.qr_url.empty() && !l.photo_file.empty()) CHECK_FALSE(overlap(l.qr_box, l.photo_box));
}

}  // namespace

TEST_CASE("a post: its title as the headline, its text, author, date and a QR code to read on")
{
    test::HalfWidthMetrics m;
    for (Size size : {Size{1920, 1080}, Size{1280, 720}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        SlideLayout l = layout_slide(post(joined_paragraphs(2)), context(size), m);
        CHECK(l.kind == ItemKind::post);
        CHECK_FALSE(l.overflow);
        CHECK(words_of(with_role(l, "kind")) == "NEWS");
        auto title = with_role(l, "title");
        REQUIRE(!title.empty());
        CHECK(title.size() <= 3);
        CHECK(words_of(title) == "Working group agrees on practical steps for follow-up reporting");
        CHECK(title[0]->face == FontFace::bold);
        // Short enough to be shown whole, in its paragraphs.
        CHECK(words_of(with_role(l, "body")) == flat(joined_paragraphs(2)));
        CHECK(title[0]->px > with_role(l, "body")[0]->px);
        CHECK(words_of(with_role(l, "author")) == "Amina Diallo");
        // The calendar day as written in the date's own offset: in UTC it is already 12 April.
        CHECK(words_of(with_role(l, "date")) == "11 April 2017");
        CHECK(l.qr_url == "https://example.org/news/2017/04/follow-up");
        CHECK(words_of(with_role(l, "read-on")) == "Read on");
        CHECK(with_role(l, "quote").empty());  // not framed as a statement
        everything_inside(l);
        nothing_covered(l);
    }
}

TEST_CASE("a long post shows whole paragraphs, then whole sentences, never a cut word, on one slide")
{
    test::HalfWidthMetrics m;
    std::string text = joined_paragraphs(paragraphs.size()) + "\n\n" + joined_paragraphs(paragraphs.size());
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        SlideLayout l = layout_slide(post(text), context(size), m);
        CHECK_FALSE(l.overflow);
        std::string shown = words_of(with_role(l, "body"));
        REQUIRE(!shown.empty());
        CHECK(shown.size() < flat(text).size());
        // What is shown is the beginning of the text, ending at a sentence's end.
        CHECK(flat(text).rfind(shown, 0) == 0);
        CHECK(shown.back() == '.');
        everything_inside(l);
        nothing_covered(l);
    }
    // One sentence too long for the slide by itself: whole words, then "…".
    std::string sentence;
    for (int i = 0; i < 400; ++i) sentence += "word" + std::to_string(i) + " ";
    SlideLayout l = layout_slide(post(sentence), context({1920, 1080}), m);
    std::string shown = words_of(with_role(l, "body"));
    REQUIRE(shown.size() > 4);
    CHECK(shown.substr(shown.size() - 3) == "\xE2\x80\xA6");
    std::string before = shown.substr(0, shown.size() - 3);
    CHECK(flat(sentence).rfind(before, 0) == 0);
    CHECK(flat(sentence)[before.size()] == ' ');  // the last word shown is whole
    everything_inside(l);
}

TEST_CASE("a post without a title shows its text with the date and the QR code")
{
    test::HalfWidthMetrics m;
    Item item = post("Quick note from the side event: the livestream starts at 13:15.");
    item.title.clear();
    item.speaker.clear();
    item.date_published = "2017-04-11T07:00";  // no seconds, no offset: read as written
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(with_role(l, "title").empty());
    CHECK(words_of(with_role(l, "body")) == item.text);
    CHECK(words_of(with_role(l, "date")) == "11 April 2017");
    CHECK(l.qr_url == item.url);
    everything_inside(l);
    // With no headline above it, a short note is set as large as a quote, not
    // in the smaller body size a titled post uses.
    Item titled = post(item.text);
    SlideLayout with_title = layout_slide(titled, context({1920, 1080}), m);
    REQUIRE(!with_role(l, "body").empty());
    REQUIRE(!with_role(with_title, "body").empty());
    CHECK(with_role(l, "body")[0]->px > with_role(with_title, "body")[0]->px);
    CHECK(with_role(l, "body")[0]->px >= quote_px_range({1920, 1080}).second * 9 / 10);
}

TEST_CASE("a post honours the organiser's and the editor's choice of no QR code")
{
    test::HalfWidthMetrics m;
    SlideContext c = context({1920, 1080});
    c.qr_codes = false;
    CHECK(layout_slide(post("Text."), c, m).qr_url.empty());
    Item item = post("Text.");
    item.qr = false;
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(l.qr_url.empty());
    CHECK(with_role(l, "read-on").empty());
}

TEST_CASE("a post's picture goes beside its text on a wide screen and under the headline on a tall one")
{
    test::HalfWidthMetrics m;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        PlannedSlide slide(post(joined_paragraphs(2)));
        slide.picture = {"/cache/pictures/hills.png", 1.5};
        SlideLayout l = layout_slide(slide, context(size), m);
        CHECK(l.photo_file == "/cache/pictures/hills.png");
        CHECK(l.photo_box.w > 0);
        CHECK(l.photo_box.h > 0);
        auto title = with_role(l, "title");
        auto body = with_role(l, "body");
        REQUIRE(!title.empty());
        REQUIRE(!body.empty());
        CHECK(l.photo_box.y >= title.back()->box.bottom());
        if (size.height > size.width) CHECK(body.front()->box.y >= l.photo_box.bottom());
        else CHECK(body.front()->box.right() <= l.photo_box.x);
        everything_inside(l);
        nothing_covered(l);
    }
}

TEST_CASE("a picture item: the picture as large as the slide allows, its caption under it")
{
    test::HalfWidthMetrics m;
    Item item;
    item.id = "pic";
    item.kind = ItemKind::picture;
    item.title = "The northern hills";
    item.text = "The northern hills at dawn, on the second day of the visit.";
    item.url = "https://example.org/photos/hills";
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        PlannedSlide slide(item);
        slide.picture = {"/cache/pictures/hills.png", 1.5};
        SlideLayout l = layout_slide(slide, context(size), m);
        CHECK(words_of(with_role(l, "kind")) == "PICTURE");
        CHECK(l.photo_file == "/cache/pictures/hills.png");
        // At its own shape, so nothing of it is cropped, and filling the width or the height.
        CHECK(std::abs(static_cast<double>(l.photo_box.w) / l.photo_box.h - 1.5) < 0.01);
        bool full_width = l.photo_box.w * 100 >= l.safe.w * 95;
        bool most_height = l.photo_box.h * 100 >= l.safe.h * 55;
        CHECK((full_width || most_height));
        auto caption = with_role(l, "caption");
        REQUIRE(!caption.empty());
        CHECK(words_of(caption) == item.text);
        CHECK(caption.front()->box.y >= l.photo_box.bottom());
        everything_inside(l);
        nothing_covered(l);
    }
}

TEST_CASE("a picture item without its picture shows its words, never a blank slide")
{
    test::HalfWidthMetrics m;
    Item item;
    item.id = "pic";
    item.kind = ItemKind::picture;
    item.text = "The northern hills at dawn.";
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(l.photo_file.empty());
    CHECK(words_of(with_role(l, "caption")) == "The northern hills at dawn.");
    everything_inside(l);
    // No caption: the title; nothing at all: a QR code to the post, else a word.
    item.text.clear();
    item.title = "Dawn";
    CHECK(words_of(with_role(layout_slide(item, context({1920, 1080}), m), "caption")) == "Dawn");
    item.title.clear();
    item.url = "https://example.org/photos/1";
    SlideLayout bare = layout_slide(item, context({1920, 1080}), m);
    CHECK(bare.qr_url == item.url);
    CHECK(!with_role(bare, "read-on").empty());
    item.url.clear();
    CHECK(!with_role(layout_slide(item, context({1920, 1080}), m), "caption").empty());
    item.text = " \n ";  // only spaces are no caption either
    CHECK(words_of(with_role(layout_slide(item, context({1920, 1080}), m), "caption")) == "Picture");
}

TEST_CASE("a shortened text says it continues at the link, beside the QR code")
{
    test::HalfWidthMetrics m;
    Item item = post(joined_paragraphs(2));
    item.shortened = true;
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(words_of(with_role(l, "continued")) == "Continued at the link");
    CHECK(with_role(l, "read-on").empty());
    CHECK(l.qr_url == item.url);
    everything_inside(l);
    nothing_covered(l);

    // A statement: on its last page only, and beside the code.
    Item said;
    said.id = "s1";
    said.text = "The first part of a long statement.";
    said.speaker = "Madeleine Sinclair";
    said.url = "https://example.org/statements/7";
    said.shortened = true;
    PlannedSlide page(said);
    page.page = 1;
    page.pages = 2;
    CHECK(with_role(layout_slide(page, context({1920, 1080}), m), "continued").empty());
    page.page = 2;
    SlideLayout last = layout_slide(page, context({1920, 1080}), m);
    auto note = with_role(last, "continued");
    REQUIRE(note.size() == 1);
    CHECK(note[0]->text == "Continued at the link");
    CHECK(note[0]->box.right() <= last.qr_box.x);
    CHECK(note[0]->box.bottom() > last.qr_box.y);
    everything_inside(last);
    nothing_covered(last);
    CHECK(with_role(layout_slide(said, context({1920, 1080}), m), "continued").size() == 1);

    // Without a QR code, where to read on.
    SlideContext no_qr = context({1920, 1080});
    no_qr.qr_codes = false;
    CHECK(words_of(with_role(layout_slide(said, no_qr, m), "continued")) == "Continued at example.org");
    CHECK(words_of(with_role(layout_slide(item, no_qr, m), "continued")) == "Continued at example.org");

    // A notice too.
    Item notice = said;
    notice.kind = ItemKind::notice;
    SlideLayout n = layout_slide(notice, context({1920, 1080}), m);
    CHECK(words_of(with_role(n, "continued")) == "Continued at the link");
    CHECK(n.qr_url == said.url);
    everything_inside(n);
    nothing_covered(n);
}

TEST_CASE("an Arabic post is mirrored: headline and text from the right, the QR code on the left")
{
    test::HalfWidthMetrics m;
    Item item = post("اختتمت ثلاثة أيام من النقاش في جنيف بقائمة قصيرة من الخطوات العملية.");
    item.title = "الفريق العامل يتفق على خطوات عملية للمتابعة";
    item.speaker = "ليلى حداد";
    item.language = "ar";
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        PlannedSlide slide(item);
        slide.picture = {"/cache/pictures/hills.png", 1.5};
        SlideLayout l = layout_slide(slide, context(size), m);
        CHECK(l.direction == TextDirection::rtl);
        for (const char* role : {"title", "body", "author", "date"}) {
            CAPTURE(role);
            auto lines = with_role(l, role);
            REQUIRE(!lines.empty());
            CHECK(lines[0]->box.right() == l.safe.right());
        }
        CHECK(l.qr_box.x == l.safe.x);
        if (size.width > size.height) CHECK(l.photo_box.x == l.safe.x);
        else CHECK(l.photo_box.right() == l.safe.right());
        everything_inside(l);
        nothing_covered(l);
    }
}

TEST_CASE("a mostly Urdu post with an English sentence first is laid out right to left, as a whole")
{
    test::HalfWidthMetrics m;
    Item item = post("Urdu script on the web. "
                     "\xD8\xA7\xD8\xB1\xD8\xAF\xD9\x88 \xD8\xB2\xD8\xA8\xD8\xA7\xD9\x86 \xDA\xA9\xDB\x92 "
                     "\xD9\x84\xDB\x8C\xDB\x92 \xDB\x8C\xDB\x81 \xD8\xAF\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x88\xDB\x8C\xD8\xB2 "
                     "\xD8\xA7\xD8\xB1\xD8\xAF\xD9\x88 \xD8\xB2\xD8\xA8\xD8\xA7\xD9\x86 \xDA\xA9\xDB\x92 "
                     "\xD9\x84\xDB\x8C\xDB\x92 \xDB\x8C\xDB\x81 \xD8\xAF\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x88\xDB\x8C\xD8\xB2\xDB\x94");
    item.title.clear();
    item.language.clear();
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(l.direction == TextDirection::rtl);
}
