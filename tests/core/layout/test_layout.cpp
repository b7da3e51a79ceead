// Layout against a fake font: every character is half its pixel size wide
// (bold a little wider), lines are 1.25 times the size apart.
#include <doctest/doctest.h>

#include "core/layout/layout.h"
#include "core/text/text.h"
#include "core/text/text_fit.h"

using namespace placard;

namespace {

class FakeMetrics final : public FontMetrics {
public:
    int text_width(std::string_view utf8, FontFace face, int px) override
    {
        auto n = static_cast<int>(count_code_points(utf8));
        return n * px * (face == FontFace::bold ? 6 : 5) / 10;
    }
    int line_height(FontFace, int px) override { return px * 5 / 4; }
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override
    {
        std::vector<char32_t> cps, missing;
        decode_utf8(utf8, cps);
        for (char32_t cp : cps)
            if (cp == 0x1F600) missing.push_back(cp);  // this fake font has no emoji
        return missing;
    }
};

bool inside(const Rect& inner, const Rect& outer)
{
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.bottom() <= outer.bottom();
}

std::vector<const TextLine*> lines_with_role(const SlideLayout& l, const std::string& role)
{
    std::vector<const TextLine*> out;
    for (const auto& line : l.lines)
        if (line.role == role) out.push_back(&line);
    return out;
}

std::string joined(const std::vector<const TextLine*>& lines)
{
    std::string s;
    for (auto* l : lines) s += (s.empty() ? "" : " ") + l->text;
    return s;
}

Item statement(std::string text)
{
    Item item;
    item.id = "s1";
    item.text = std::move(text);
    item.speaker = "Madeleine Sinclair";
    item.role = "Legal Counsel";
    item.organisation = "International Service for Human Rights";
    item.date_published = "2013-12-11T10:00:00Z";
    return item;
}

SlideContext context(Size size)
{
    SlideContext c;
    c.screen = size;
    c.event_name = "Reprisals side event";
    c.hashtag = "#EndReprisals";
    c.position = 2;
    c.count = 7;
    return c;
}

}  // namespace

TEST_CASE("wrap_text: words stay whole, lines fit, newlines break")
{
    FakeMetrics m;
    // 10 px text: 5 px a character, so 50 px holds 10 characters.
    auto lines = wrap_text("the quick brown fox jumps", FontFace::regular, 10, 50, m);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "the quick");
    CHECK(lines[1] == "brown fox");
    CHECK(lines[2] == "jumps");
    for (const auto& l : lines) CHECK(m.text_width(l, FontFace::regular, 10) <= 50);
    CHECK(wrap_text("one\ntwo", FontFace::regular, 10, 500, m) == std::vector<std::string>{"one", "two"});
    CHECK(wrap_text("one\n\ntwo", FontFace::regular, 10, 500, m) == std::vector<std::string>{"one", "", "two"});
    // A word wider than the box is split rather than overflowing.
    auto split = wrap_text("abcdefghijklmnop", FontFace::regular, 10, 50, m);
    CHECK(split == std::vector<std::string>{"abcdefghij", "klmnop"});
}

TEST_CASE("wrap_text: Chinese breaks between characters, never before closing punctuation")
{
    FakeMetrics m;
    // 每个人都有权享有生命、自由和人身安全。 (UDHR article 3): 4 characters a line.
    auto lines = wrap_text("人人有权享有生命、自由和人身安全。", FontFace::regular, 10, 20, m);
    REQUIRE(lines.size() >= 4);
    for (const auto& l : lines) {
        CAPTURE(l);
        CHECK(l.rfind("、", 0) != 0);
        CHECK(l.rfind("。", 0) != 0);
    }
    std::string all;
    for (const auto& l : lines) all += l;
    CHECK(all == "人人有权享有生命、自由和人身安全。");
}

TEST_CASE("fit_text takes the largest size that fits and balances the lines")
{
    FakeMetrics m;
    std::string text = "It is unacceptable that around 30 States have not yet accepted any visit by a mandate holder";
    auto fitted = fit_text(text, FontFace::regular, 10, 100, 800, 300, m);
    REQUIRE(fitted.fits);
    auto height = [&](int px, std::size_t n) { return static_cast<int>(n) * m.line_height(FontFace::regular, px); };
    CHECK(height(fitted.px, fitted.lines.size()) <= 300);
    // One pixel larger no longer fits.
    auto bigger = wrap_text(text, FontFace::regular, fitted.px + 1, 800, m);
    CHECK(height(fitted.px + 1, bigger.size()) > 300);
    // Balanced: the last line is not a lone short word.
    REQUIRE(fitted.lines.size() >= 2);
    auto last = m.text_width(fitted.lines.back(), FontFace::regular, fitted.px);
    auto first = m.text_width(fitted.lines.front(), FontFace::regular, fitted.px);
    CHECK(last * 2 >= first);
    // Too much text for the box at the smallest size is reported, not hidden.
    auto overflow = fit_text(std::string(2000, 'x'), FontFace::regular, 10, 20, 100, 40, m);
    CHECK_FALSE(overflow.fits);
    CHECK(overflow.px == 10);
}

TEST_CASE("a statement slide: quote, speaker, role, date, all inside the safe area")
{
    FakeMetrics m;
    for (Size size : {Size{1920, 1080}, Size{1280, 720}, Size{1080, 1920}}) {
        CAPTURE(size.width);
        SlideLayout l = layout_slide(statement("It is deeply concerning that the international community has not "
                                               "stood united in the fight against reprisals."),
                                     context(size), m);
        CHECK(l.item_id == "s1");
        CHECK(l.kind == ItemKind::statement);
        CHECK_FALSE(l.overflow);
        CHECK(joined(lines_with_role(l, "quote")) ==
              "It is deeply concerning that the international community has not stood united in the fight against reprisals.");
        REQUIRE(lines_with_role(l, "speaker").size() == 1);
        CHECK(lines_with_role(l, "speaker")[0]->face == FontFace::bold);
        CHECK(joined(lines_with_role(l, "role")) == "Legal Counsel, International Service for Human Rights");
        REQUIRE(lines_with_role(l, "date").size() == 1);
        CHECK(lines_with_role(l, "date")[0]->text == "11 December 2013");
        CHECK(joined(lines_with_role(l, "position")) == "3 / 7");
        for (const auto& line : l.lines) {
            CAPTURE(line.role);
            CHECK(inside(line.box, l.safe));
        }
        for (const auto& block : l.blocks) CHECK(inside(block.box, l.safe));
        // The quote is the biggest text, the speaker bigger than the role: a clear hierarchy.
        int quote_px = lines_with_role(l, "quote")[0]->px;
        CHECK(quote_px > lines_with_role(l, "speaker")[0]->px);
        CHECK(lines_with_role(l, "speaker")[0]->px > lines_with_role(l, "role")[0]->px);
        // Readable from across a room: at least 4.4% of the shorter screen side.
        CHECK(quote_px * 1000 >= 44 * std::min(size.width, size.height));
        // No text overlaps other text.
        for (std::size_t i = 0; i < l.lines.size(); ++i)
            for (std::size_t j = i + 1; j < l.lines.size(); ++j) {
                const Rect& a = l.lines[i].box;
                const Rect& b = l.lines[j].box;
                bool apart = a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
                if (l.lines[i].role == "quote-mark" || l.lines[j].role == "quote-mark") continue;
                CAPTURE(l.lines[i].text);
                CAPTURE(l.lines[j].text);
                CHECK(apart);
            }
    }
}

TEST_CASE("a short quote is set larger than a long one")
{
    FakeMetrics m;
    auto quote_px = [&](const std::string& text) {
        return lines_with_role(layout_slide(statement(text), context({1920, 1080}), m), "quote")[0]->px;
    };
    CHECK(quote_px("Reprisals must end.") > quote_px(std::string(60, 'w') + " " + std::string(400, 'x')));
}

TEST_CASE("a tally slide: the number, around, its label and source")
{
    FakeMetrics m;
    Item t;
    t.id = "t1";
    t.kind = ItemKind::tally;
    t.title = "States that have not accepted any visit by a mandate holder";
    t.text = "Around 30 States have not yet accepted any visit.";
    t.tally.value = 30;
    t.tally.approximate = true;
    t.tally.as_of = "2013-12-11";
    t.tally.source = "UN Special Procedures";
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        SlideLayout l = layout_slide(t, context(size), m);
        REQUIRE(lines_with_role(l, "number").size() == 1);
        const TextLine& number = *lines_with_role(l, "number")[0];
        CHECK(number.text == "30");
        CHECK(number.paint == Paint::accent);
        CHECK(lines_with_role(l, "around").size() == 1);
        CHECK(joined(lines_with_role(l, "label")) == t.title);
        CHECK(joined(lines_with_role(l, "source")) == "As of 11 December 2013 · Source: UN Special Procedures");
        for (const auto& line : l.lines) CHECK(number.px >= line.px);
        for (const auto& line : l.lines) CHECK(inside(line.box, l.safe));
        CHECK_FALSE(l.overflow);
    }
    t.tally.approximate = false;
    CHECK(lines_with_role(layout_slide(t, context({1920, 1080}), m), "around").empty());
}

TEST_CASE("right-to-left statements are right-aligned")
{
    FakeMetrics m;
    Item item = statement("لكل فرد الحق في الحياة والحرية وفي الأمان على شخصه.");
    item.language = "ar";
    SlideLayout l = layout_slide(item, context({1920, 1080}), m);
    CHECK(l.direction == TextDirection::rtl);
    auto quote = lines_with_role(l, "quote");
    REQUIRE_FALSE(quote.empty());
    for (auto* line : quote) CHECK(line->box.right() == quote[0]->box.right());
    // Right-aligned to the text column, with the quote mark on the right, outside it.
    CHECK(quote[0]->box.right() >= l.safe.right() - l.safe.w / 10);
    auto mark = lines_with_role(l, "quote-mark");
    REQUIRE(mark.size() == 1);
    CHECK(mark[0]->box.x >= quote[0]->box.right());
    CHECK(quote[0]->direction == TextDirection::rtl);
}

TEST_CASE("missing glyphs are reported, the demo badge shown, urgent items marked")
{
    FakeMetrics m;
    SlideContext c = context({1920, 1080});
    c.demo = true;
    Item item = statement("Smile \xF0\x9F\x98\x80");
    item.priority = Priority::urgent;
    SlideLayout l = layout_slide(item, c, m);
    REQUIRE(l.missing_glyphs.size() == 1);
    CHECK(l.missing_glyphs[0] == 0x1F600);
    CHECK(lines_with_role(l, "demo").size() == 1);
    CHECK(joined(lines_with_role(l, "kind")) == "URGENT");
}

TEST_CASE("the event card names the event when there is nothing to show")
{
    FakeMetrics m;
    Event e{"Reprisals against human rights defenders", "Palais des Nations, Room XXI", "#EndReprisals"};
    SlideLayout l = layout_event_card(e, "no_statements_now", context({1920, 1080}), m);
    CHECK(joined(lines_with_role(l, "title")) == e.name);
    CHECK(joined(lines_with_role(l, "venue")) == e.venue);
    CHECK(lines_with_role(l, "message").size() == 1);
}

TEST_CASE("the event card's message is in the feed's language")
{
    FakeMetrics m;
    SlideContext c = context({1920, 1080});
    c.language = "es";
    CHECK(joined(lines_with_role(layout_event_card({}, "no_statements", c, m), "message"))
          == "Todav\xC3\xAD" "a no hay declaraciones que mostrar");
    c.language = "fr";
    CHECK(joined(lines_with_role(layout_event_card({}, "waiting_for_feed", c, m), "message"))
          == "En attente du contenu\xE2\x80\xA6");
}

TEST_CASE("format_tally_value groups thousands and keeps one decimal")
{
    CHECK(format_tally_value(30) == "30");
    CHECK(format_tally_value(1250) == "1,250");
    CHECK(format_tally_value(1000000) == "1,000,000");
    CHECK(format_tally_value(2.5) == "2.5");
    CHECK(format_tally_value(0) == "0");
}

TEST_CASE("a QR code sits in the safe area beside the attribution, clear of every line of text")
{
    FakeMetrics m;
    Item item = statement("Read the full statement online.");
    item.url = "https://example.org/statement";
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        SlideLayout l = layout_slide(item, context(size), m);
        REQUIRE(l.qr_url == item.url);
        CHECK(inside(l.qr_box, l.safe));
        CHECK(l.qr_box.w == l.qr_box.h);
        for (const auto& line : l.lines) {
            const Rect& a = line.box;
            const Rect& q = l.qr_box;
            bool apart = a.right() <= q.x || q.right() <= a.x || a.bottom() <= q.y || q.bottom() <= a.y;
            CAPTURE(line.text);
            CHECK(apart);
        }
    }
    SlideContext no_codes = context({1920, 1080});
    no_codes.qr_codes = false;
    CHECK(layout_slide(item, no_codes, m).qr_url.empty());
    item.url.clear();
    CHECK(layout_slide(item, context({1920, 1080}), m).qr_url.empty());
}

TEST_CASE("a tally's breakdown is a bar chart: bars in proportion, labels and values beside them")
{
    FakeMetrics m;
    Item t;
    t.id = "t2";
    t.kind = ItemKind::tally;
    t.title = "Cases by region";
    t.tally.value = 40;
    t.tally.breakdown = {{"North", 20}, {"South", 10}, {"East", 5}};
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        SlideLayout l = layout_slide(t, context(size), m);
        CHECK(joined(lines_with_role(l, "breakdown-label")) == "North South East");
        CHECK(joined(lines_with_role(l, "breakdown-value")) == "20 10 5");
        std::vector<int> bars;
        for (const auto& block : l.blocks)
            if (block.paint == Paint::accent && block.box.h < block.box.w) bars.push_back(block.box.w);
        // The accent rule under the number is not a bar; the three bars are the last accent blocks.
        REQUIRE(bars.size() >= 3);
        std::vector<int> last(bars.end() - 3, bars.end());
        CHECK(std::abs(last[0] - 2 * last[1]) <= 1);
        CHECK(std::abs(last[1] - 2 * last[2]) <= 1);
        for (const auto& line : l.lines) CHECK(inside(line.box, l.safe));
        for (const auto& block : l.blocks) CHECK(inside(block.box, l.safe));
        CHECK_FALSE(l.overflow);
    }
}

TEST_CASE("a tally with an earlier count shows the change since then, an item can turn its QR code off")
{
    FakeMetrics m;
    Item t;
    t.id = "t3";
    t.kind = ItemKind::tally;
    t.title = "Visits refused";
    t.tally.value = 30;
    t.tally.previous_value = 27;
    t.tally.previous_as_of = "2013-11-01";
    CHECK(joined(lines_with_role(layout_slide(t, context({1920, 1080}), m), "change")) == "+3 since 1 November 2013");
    t.tally.previous_value = 32;
    CHECK(joined(lines_with_role(layout_slide(t, context({1920, 1080}), m), "change")) == "\xE2\x88\x92" "2 since 1 November 2013");
    t.tally.previous_value = 30;
    CHECK(joined(lines_with_role(layout_slide(t, context({1920, 1080}), m), "change")) == "No change since 1 November 2013");
    t.tally.previous_value.reset();
    CHECK(lines_with_role(layout_slide(t, context({1920, 1080}), m), "change").empty());

    Item s = statement("Read the whole statement online.");
    s.url = "https://example.org/s";
    s.qr = false;
    CHECK(layout_slide(s, context({1920, 1080}), m).qr_url.empty());
}

TEST_CASE("a logo leads the header and the event name moves over for it")
{
    FakeMetrics m;
    SlideContext c = context({1920, 1080});
    c.logo_aspect = 2.0;
    SlideLayout l = layout_slide(statement("A statement."), c, m);
    REQUIRE(l.logo_box.w > 0);
    CHECK(inside(l.logo_box, l.safe));
    CHECK(l.logo_box.w == doctest::Approx(2.0 * l.logo_box.h).epsilon(0.02));
    auto event = lines_with_role(l, "event");
    REQUIRE(event.size() == 1);
    CHECK(event[0]->box.x >= l.logo_box.right());
    CHECK(layout_slide(statement("A statement."), context({1920, 1080}), m).logo_box.w == 0);
}

TEST_CASE("a tally with only a title shows it once, as its label")
{
    FakeMetrics m;
    Item t;
    t.id = "t1";
    t.kind = ItemKind::tally;
    t.title = "Defenders reported detained this year";
    t.text = t.title;  // what the feed parser gives an item with no other text
    t.tally.value = 12;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        SlideLayout l = layout_slide(t, context(size), m);
        CHECK(joined(lines_with_role(l, "label")) == t.title);
        CHECK(lines_with_role(l, "detail").empty());
    }
    t.text = "Reported to the Secretary-General.";
    CHECK(joined(lines_with_role(layout_slide(t, context({1920, 1080}), m), "detail")) == t.text);
}

TEST_CASE("role and organisation are joined with the comma of their own script")
{
    FakeMetrics m;
    Item s = statement("A statement.");
    CHECK(joined(lines_with_role(layout_slide(s, context({1920, 1080}), m), "role")) ==
          "Legal Counsel, International Service for Human Rights");
    s.language = "ar";
    s.text = "\xD9\x86\xD8\xB5";
    s.role = "\xD8\xA8\xD8\xA7\xD8\xAD\xD8\xAB\xD8\xA9";                            // باحثة
    s.organisation = "\xD9\x85\xD8\xB1\xD9\x83\xD8\xB2";                           // مركز
    CHECK(joined(lines_with_role(layout_slide(s, context({1920, 1080}), m), "role")) ==
          "\xD8\xA8\xD8\xA7\xD8\xAD\xD8\xAB\xD8\xA9\xD8\x8C \xD9\x85\xD8\xB1\xD9\x83\xD8\xB2");
    s.language = "en";  // shown in English first: the Arabic parts keep their comma
    CHECK(joined(lines_with_role(layout_slide(s, context({1920, 1080}), m), "role")).find("\xD8\x8C ") != std::string::npos);
    s.language = "zh";
    s.role = "\xE5\xBE\x8B\xE5\xB8\x88";          // 律师
    s.organisation = "\xE4\xB8\xAD\xE5\xBF\x83";  // 中心
    CHECK(joined(lines_with_role(layout_slide(s, context({1920, 1080}), m), "role")) ==
          "\xE5\xBE\x8B\xE5\xB8\x88\xEF\xBC\x8C\xE4\xB8\xAD\xE5\xBF\x83");
    CHECK(list_separator("ja", "\xE5\xBE\x8B\xE5\xB8\x88") == "\xE3\x80\x81");
}

TEST_CASE("legibility floor: no text an attendee reads is below 3.1% of the shorter side, at any screen size")
{
    FakeMetrics m;
    PlannedSlide quote = statement("We documented forty cases of reprisals against people who spoke to the United Nations.");
    quote.set_second_text("Nous avons documenté quarante cas de représailles contre des personnes.");
    quote.second_language = "fr";
    Item with_role = quote.item();
    with_role.role = "Special Rapporteur on the situation of human rights defenders, appointed by the Council";
    quote.source = std::make_shared<const Item>(with_role);
    Item tally;
    tally.id = "t1";
    tally.kind = ItemKind::tally;
    tally.title = "Cases of intimidation and reprisals reported to the Secretary-General";
    tally.text = "Including cases from every region of the world, for the reporting period.";
    tally.tally.value = 1250;
    tally.tally.approximate = true;
    tally.tally.previous_value = 1100;
    tally.tally.previous_as_of = "2012-12-11";
    tally.tally.as_of = "2013-12-11";
    tally.tally.source = "Report of the Secretary-General on cooperation with the United Nations";
    for (int i = 0; i < 12; ++i) tally.tally.breakdown.push_back({"Region number " + std::to_string(i), 100.0 - i});
    Item notice;
    notice.id = "n1";
    notice.kind = ItemKind::notice;
    notice.priority = Priority::urgent;
    notice.title = "Room change";
    notice.text = "The side event moves to Room XXIV.";
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 720}, Size{3840, 2160}, Size{800, 480}, Size{1024, 768}}) {
        CAPTURE(size.width);
        CAPTURE(size.height);
        int floor = smallest_text_px(size);
        CHECK(floor * 1000 >= 31 * std::min(size.width, size.height));
        SlideContext c = context(size);
        c.demo = true;
        c.event_name = "Reprisals against human rights defenders cooperating with the United Nations";
        std::vector<SlideLayout> layouts{layout_slide(quote, c, m), layout_slide(tally, c, m), layout_slide(notice, c, m),
                                         layout_event_card({}, "no_statements_now", c, m),
                                         layout_banner("Offline since 14:02", size, m)};
        for (const SlideLayout& l : layouts)
            for (const TextLine& line : l.lines) {
                if (line.role == "position") continue;
                CAPTURE(line.role);
                CHECK(line.px >= floor);
            }
        // The breakdown that does not fit is summed into "Other", not set smaller.
        auto rows = lines_with_role(layouts[1], "breakdown-label");
        if (!rows.empty() && rows.size() < tally.tally.breakdown.size()) CHECK(rows.back()->text == "Other");
    }
}

TEST_CASE("a statement's date is the calendar day as written in its own offset, not UTC's")
{
    FakeMetrics m;
    auto date_of = [&](const std::string& written) {
        Item item = statement("Defenders must be safe.");
        item.date_published = written;
        SlideLayout l = layout_slide(item, context({1920, 1080}), m);
        auto lines = lines_with_role(l, "date");
        return lines.empty() ? std::string{} : lines[0]->text;
    };
    CHECK(date_of("2020-01-09T23:30:00-05:00") == "9 January 2020");   // UTC: the 10th
    CHECK(date_of("2020-01-10T00:30:00+02:00") == "10 January 2020");  // UTC: the 9th
    CHECK(date_of("2019-12-31T23:59:59Z") == "31 December 2019");
    CHECK(date_of("2020-01-09") == "9 January 2020");
    CHECK(date_of("not a date").empty());
    CHECK(date_of("2020-13-09T10:00:00Z").empty());
}
