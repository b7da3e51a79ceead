// Right-to-left slides are mirrored as a whole: every box of an Arabic slide
// (header, badges, footer, counter, progress bar, picture, QR code, tallies'
// bars) is where the same slide laid out left to right has it, reflected
// about the screen's centre line (x' = W - x - w), and the slide says so.
#include <doctest/doctest.h>

#include <string>

#include "core/layout/layout.h"
#include "core/layout/mirror.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

SlideContext context(Size size)
{
    SlideContext c;
    c.screen = size;
    c.event_name = "فعالية جانبية";
    c.hashtag = "#EndReprisals";
    c.demo = true;           // the demo badge in the header
    c.logo_aspect = 2;       // and the organiser's logo
    c.position = 1;
    c.count = 5;
    return c;
}

Item arabic(ItemKind kind)
{
    Item item;
    item.id = "ar";
    item.kind = kind;
    item.language = "ar";
    item.text = "يجب أن يتمكن المدافعون عن حقوق الإنسان من التعاون مع الأمم المتحدة دون خوف من الانتقام.";
    item.url = "https://example.org/ar/statement";
    item.date_published = "2013-12-11T10:00:00Z";
    switch (kind) {
    case ItemKind::statement:
        item.speaker = "مدافعة عن حقوق الإنسان";
        item.role = "باحثة";
        item.organisation = "منظمة غير حكومية";
        break;
    case ItemKind::tally:
        item.title = "دول لم تقبل بعد أي زيارة";
        item.tally.value = 30;
        item.tally.approximate = true;
        item.tally.as_of = "2013-12-11";
        item.tally.source = "ISHR";
        item.tally.breakdown = {{"أفريقيا", 12}, {"آسيا", 9}, {"أوروبا", 4}};
        break;
    case ItemKind::post:
        item.title = "الفريق العامل يتفق على خطوات عملية للمتابعة";
        item.speaker = "ليلى حداد";
        break;
    case ItemKind::notice:
        item.title = "تنبيه";
        item.shortened = true;  // "continued at the link", beside a QR code
        break;
    default: item.title = "صورة"; break;
    }
    return item;
}

void check_mirrored(const Rect& rtl, const Rect& ltr, int width)
{
    CHECK(rtl.y == ltr.y);
    CHECK(rtl.w == ltr.w);
    CHECK(rtl.h == ltr.h);
    CHECK(std::abs(rtl.x - (width - ltr.x - ltr.w)) <= 1);
}

}  // namespace

TEST_CASE("an Arabic statement, tally, post, notice and picture slide are mirrored box for box, chrome included")
{
    test::HalfWidthMetrics m;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        for (ItemKind kind : {ItemKind::statement, ItemKind::tally, ItemKind::post, ItemKind::notice, ItemKind::picture}) {
            CAPTURE(size.width);
            CAPTURE(to_string(kind));
            PlannedSlide slide(arabic(kind));
            if (kind != ItemKind::notice) slide.picture = {"/cache/pictures/speaker.png", 0.8};
            SlideLayout rtl = layout_slide(slide, context(size), m);
            // The same slide set left to right: the words are the same, so the
            // boxes are the ones an English slide of the same shape would have.
            slide.direction = TextDirection::ltr;
            SlideLayout ltr = layout_slide(slide, context(size), m);

            CHECK(rtl.direction == TextDirection::rtl);
            CHECK(ltr.direction == TextDirection::ltr);
            CHECK(rtl.progress_from_right);
            CHECK_FALSE(ltr.progress_from_right);
            REQUIRE(rtl.lines.size() == ltr.lines.size());
            REQUIRE(rtl.blocks.size() == ltr.blocks.size());
            for (std::size_t i = 0; i < rtl.lines.size(); ++i) {
                CAPTURE(rtl.lines[i].role);
                CHECK(rtl.lines[i].role == ltr.lines[i].role);
                check_mirrored(rtl.lines[i].box, ltr.lines[i].box, size.width);
            }
            for (std::size_t i = 0; i < rtl.blocks.size(); ++i) check_mirrored(rtl.blocks[i].box, ltr.blocks[i].box, size.width);
            check_mirrored(rtl.progress, ltr.progress, size.width);
            check_mirrored(rtl.logo_box, ltr.logo_box, size.width);
            CHECK(rtl.qr_url == ltr.qr_url);
            if (!rtl.qr_url.empty()) check_mirrored(rtl.qr_box, ltr.qr_box, size.width);
            CHECK(rtl.photo_file == ltr.photo_file);
            if (!rtl.photo_file.empty()) check_mirrored(rtl.photo_box, ltr.photo_box, size.width);

            // Read from the right: the logo and event name lead at the right,
            // the badges and hashtag end at the left, the counter starts at the right.
            auto first = [&](const std::string& role) -> const TextLine* {
                for (const TextLine& l : rtl.lines)
                    if (l.role == role) return &l;
                return nullptr;
            };
            CHECK(rtl.logo_box.right() == rtl.safe.right());
            for (const char* role : {"demo", "hashtag"}) {
                CAPTURE(role);
                REQUIRE(first(role));
                CHECK(first(role)->box.x < rtl.safe.x + rtl.safe.w / 3);
            }
            REQUIRE(first("event"));
            CHECK(first("event")->box.right() > rtl.safe.right() - rtl.safe.w / 3);
            REQUIRE(first("position"));
            CHECK(first("position")->box.right() == rtl.safe.right());
            // In Arabic digits ("٢ / ٥", from ICU), read from the right: the slide's
            // number first, as an Arabic reader expects.
            CHECK(first("position")->text.rfind("\u0662", 0) == 0);
            CHECK(first("position")->direction == TextDirection::rtl);
        }
    }
}

TEST_CASE("an English slide is not mirrored: its progress bar fills from the left")
{
    test::HalfWidthMetrics m;
    Item item;
    item.id = "en";
    item.text = "Human rights defenders must be able to cooperate with the United Nations without fear of reprisals.";
    item.speaker = "A speaker";
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(l.direction == TextDirection::ltr);
    CHECK_FALSE(l.progress_from_right);
    CHECK(l.logo_box.x == l.safe.x);
    Rect done = progress_done(l, 0.25);
    CHECK(done.x == l.progress.x);
    CHECK(std::abs(done.w - l.progress.w / 4) <= 1);
}

TEST_CASE("progress_done fills a mirrored slide's track from its right end")
{
    SlideLayout l;
    l.screen = {1000, 500};
    l.progress = {100, 480, 700, 4};
    mirror_slide(l);
    CHECK(l.progress.x == 200);
    CHECK(l.progress_from_right);
    Rect done = progress_done(l, 0.5);
    CHECK(done.right() == l.progress.right());
    CHECK(done.w == 350);
    CHECK(progress_done(l, 0).w == 0);
    CHECK(progress_done(l, 2).x == l.progress.x);
}
