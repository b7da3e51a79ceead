// Layout with fake font metrics: text wrapped, fitted and laid out on screens
// of any size, and planned into pages. The first bytes choose the screen, the
// item's kind, its link, picture and whether it was shortened; the rest is the
// text, sanitised as the feed parser would.
#include <algorithm>

#include "core/layout/layout.h"
#include "core/layout/slide_fit.h"
#include "core/plan/planner.h"
#include "core/text/text.h"
#include "fuzz_input.h"

namespace {

// Like tests/core/layout/test_layout.cpp's: every code point half as wide as the size.
class FakeMetrics final : public placard::FontMetrics {
public:
    int text_width(std::string_view utf8, placard::FontFace face, int px) override
    {
        auto n = static_cast<int>(std::min<std::size_t>(placard::count_code_points(utf8), 1u << 20));
        return n * px * (face == placard::FontFace::bold ? 6 : 5) / 10;
    }
    int line_height(placard::FontFace, int px) override { return px * 5 / 4; }
    std::vector<char32_t> missing_glyphs(std::string_view) override { return {}; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 4 || size > 8192) return 0;
    placard::Size screen{16 + data[0] * 8, 16 + data[1] * 8};
    int px = 1 + data[2] % 160;
    std::uint8_t kind = data[3];
    std::string text = placard::sanitize_text(fuzz::text(data + 4, size - 4));
    FakeMetrics metrics;
    int width = std::max(1, screen.width / 2);
    for (const std::string& line : placard::wrap_text(text, placard::FontFace::regular, px, width, metrics))
        fuzz::require(line.size() <= text.size(), "a wrapped line comes from the text");
    (void)placard::ellipsize(text, placard::FontFace::bold, px, width, metrics);
    auto fitted = placard::fit_text(text, placard::FontFace::regular, 4, 4 + px, width, screen.height / 2, metrics,
                                    kind % 4);
    if (fitted.fits) fuzz::require(fitted.px >= 4 && fitted.px <= 4 + px, "the size is within the range asked");

    placard::Item item;
    item.id = "fuzz";
    item.kind = static_cast<placard::ItemKind>(kind % 5);
    item.priority = static_cast<placard::Priority>((kind / 3) % 3);
    item.text = text;
    item.speaker = text.substr(0, text.size() / 4);
    item.title = text.substr(0, text.size() / 3);
    item.url = kind & 0x40 ? "https://example.org/s/1" : "";
    item.shortened = (kind & 0x80) != 0;
    item.withheld = (data[1] & 1) != 0;  // as the parser leaves it: no speaker, role or organisation
    if (item.withheld) item.speaker.clear();
    if (data[0] & 1) item.attribution = text.substr(0, text.size() / 5);
    item.date_published = text.substr(0, 25);
    item.tally.value = static_cast<double>(data[2]) * 1000.5;
    placard::SlideContext context;
    context.screen = screen;
    context.event_name = "Event";
    context.count = 1;
    placard::PlannedSlide planned(item);
    if (kind & 0x20) planned.picture = {"picture.png", 0.05 + data[2] / 16.0};
    auto slide = placard::layout_slide(planned, context, metrics);
    for (const auto& line : slide.lines) fuzz::require(line.px >= 0, "no negative font size");
    bool shown = !slide.photo_file.empty() || !slide.qr_url.empty();
    for (const auto& line : slide.lines) shown = shown || line.role == "caption";
    if (item.kind == placard::ItemKind::picture) fuzz::require(shown, "a picture slide is never blank");
    if (item.withheld && item.kind == placard::ItemKind::statement) {
        fuzz::require(slide.photo_file.empty(), "a withheld speaker's slide has no photo");
        for (const auto& line : slide.lines) fuzz::require(line.role != "speaker", "a withheld speaker is not named");
    }
    (void)placard::layout_banner(text, screen, metrics);

    // Sentences keep every character of the tidied text; pages are never
    // blank, never start or end with whitespace, and share one type size.
    std::string tidy = placard::tidy_paragraphs(text);
    std::string joined;
    for (const std::string& unit : placard::split_sentences(tidy)) joined += unit;
    fuzz::require(joined == tidy, "the sentences put together are the text");
    placard::Feed feed;
    item.kind = placard::ItemKind::statement;
    feed.items.push_back(item);
    placard::Plan plan = placard::plan_slides(feed, {}, context, metrics);
    for (const placard::PlannedSlide& page : plan.slides) {
        std::string_view t = page.text();
        fuzz::require(!t.empty(), "no blank page");
        auto space = [](char c) { return c == ' ' || c == '\n'; };
        fuzz::require(!space(t.front()) && !space(t.back()), "no page starts or ends with whitespace");
        fuzz::require(page.text_px == plan.slides.front().text_px, "one type size for every page");
    }
    return 0;
}
