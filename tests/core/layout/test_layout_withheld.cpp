// A withheld speaker on a statement slide: the quote with the attribution in
// the speaker's place, in the slide's language; no name, role, photo or QR code.
#include <doctest/doctest.h>

#include "core/feed/feed_parse.h"
#include "core/layout/attribution.h"
#include "core/layout/layout.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

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

SlideContext context(Size size, const std::string& feed_language = "")
{
    SlideContext c;
    c.screen = size;
    c.event_name = "Reprisals side event";
    c.language = feed_language;
    return c;
}

// One withheld statement as the parser leaves it, its own language given or not.
Item withheld_item(const std::string& language, const std::string& text, const std::string& withheld = "true",
                  const std::string& placard_extra = "")
{
    const std::string lang = language.empty() ? "" : R"("language": ")" + language + R"(", )";
    FeedCheck check = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": "w", )"
                                 + lang + R"("content_text": ")" + text + R"(", "url": "https://example.org/named-page",
        "image": "https://example.org/face.jpg", "authors": [{"name": "Wrzesniewska"}],
        "_placard": {"role": "Lawyer", "organisation": "Bar", "withheld": )" + withheld + placard_extra + "}}]}");
    REQUIRE_MESSAGE(check.ok(), (check.errors.empty() ? "" : check.errors[0].message));
    return check.feed->items.at(0);
}

struct Language {
    const char* tag;
    const char* text;
    const char* attribution;
};

const Language six[] = {
    {"en", "They followed me home after the session.", "A human rights defender"},
    {"fr", "Ils m'ont suivie jusque chez moi après la séance.", "Un·e défenseur·e des droits humains"},
    {"es", "Me siguieron hasta mi casa después de la sesión.", "Una persona defensora de derechos humanos"},
    {"ru", "После заседания за мной следили до самого дома.", "Правозащитник"},
    {"ar", "تبعوني إلى منزلي بعد الجلسة.", "أحد المدافعين عن حقوق الإنسان"},
    {"zh-Hans", "会议结束后，他们一路跟踪我回家。", "一位人权维护者"},
};

}  // namespace

TEST_CASE("withheld: the default attribution in each of the six UN languages, no name, role, photo or QR code")
{
    test::HalfWidthMetrics m;
    for (const Language& language : six) {
        CAPTURE(language.tag);
        PlannedSlide slide(withheld_item(language.tag, language.text));
        // Even a picture that reached the slide is not drawn.
        slide.picture = {"/cache/face.png", 1.0};
        for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
            SlideLayout l = layout_slide(slide, context(size, "en"), m);
            CHECK(joined(lines_with_role(l, "quote")) == language.text);
            CHECK(joined(lines_with_role(l, "attribution")) == language.attribution);
            CHECK(lines_with_role(l, "attribution").at(0)->face == FontFace::bold);
            CHECK(lines_with_role(l, "speaker").empty());
            CHECK(lines_with_role(l, "role").empty());
            for (const TextLine& line : l.lines) CHECK(line.text.find("Wrzesniewska") == std::string::npos);
            CHECK(l.photo_file.empty());
            CHECK(l.photo_box.w == 0);
            CHECK(l.qr_url.empty());
            CHECK_FALSE(l.overflow);
        }
    }
}

TEST_CASE("withheld: an Arabic slide is mirrored, its attribution on the right like its quote")
{
    test::HalfWidthMetrics m;
    SlideLayout l = layout_slide(withheld_item("ar", six[4].text), context({1920, 1080}), m);
    CHECK(l.direction == TextDirection::rtl);
    auto quote = lines_with_role(l, "quote");
    auto attribution = lines_with_role(l, "attribution");
    REQUIRE(quote.size() == 1);
    REQUIRE(attribution.size() == 1);
    CHECK(attribution[0]->direction == TextDirection::rtl);
    CHECK(attribution[0]->box.right() == quote[0]->box.right());
    CHECK(attribution[0]->box.right() >= l.safe.right() - l.safe.w / 10);
}

TEST_CASE("withheld: the editor's attribution, the feed's language, and a QR code only when asked for")
{
    test::HalfWidthMetrics m;
    Item own = withheld_item("fr", "Ils m'ont suivie.", R"({"attribution": "Une défenseure de la région"})");
    CHECK(joined(lines_with_role(layout_slide(own, context({1920, 1080}), m), "attribution")) == "Une défenseure de la région");

    // No language on the item: the feed's; none there either: English.
    Item untagged = withheld_item("", "Me siguieron.");
    CHECK(joined(lines_with_role(layout_slide(untagged, context({1920, 1080}, "es-419"), m), "attribution"))
          == "Una persona defensora de derechos humanos");
    CHECK(joined(lines_with_role(layout_slide(untagged, context({1920, 1080}), m), "attribution")) == "A human rights defender");
    CHECK(default_attribution("tlh") == "A human rights defender");

    Item with_code = withheld_item("en", "They followed me home.", "true", R"(, "qr": true)");
    CHECK(layout_slide(with_code, context({1920, 1080}), m).qr_url == "https://example.org/named-page");
    SlideContext no_codes = context({1920, 1080});
    no_codes.qr_codes = false;
    CHECK(layout_slide(with_code, no_codes, m).qr_url.empty());
}
