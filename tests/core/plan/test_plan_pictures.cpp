// Pictures given to the slides that show them: statements, posts and picture items.
#include <doctest/doctest.h>

#include "core/plan/planner.h"

using namespace placard;

namespace {

class EverythingFits final : public SlideFit {
public:
    bool fits(const PlannedSlide&) override { return true; }
};

Item with_picture(std::string id, ItemKind kind)
{
    Item item;
    item.id = std::move(id);
    item.kind = kind;
    item.text = "Text.";
    item.image = "https://example.org/" + item.id + ".png";
    return item;
}

}  // namespace

TEST_CASE("posts and picture items get their pictures, as statements do")
{
    auto feed = std::make_shared<Feed>();
    feed->items = {with_picture("s", ItemKind::statement), with_picture("p", ItemKind::post),
                   with_picture("i", ItemKind::picture), with_picture("n", ItemKind::notice)};
    Pictures ready;
    for (const char* id : {"s", "p", "i", "n"}) ready[id] = {std::string("/cache/") + id + ".png", 1.5};
    SlidePlanner planner(feed, {}, ready);
    EverythingFits fit;
    while (planner.plan_next(fit)) {
    }
    const auto& slides = planner.planned().slides;
    REQUIRE(slides.size() == 4);
    CHECK(slides[0].picture.file == "/cache/s.png");
    CHECK(slides[1].picture.file == "/cache/p.png");
    CHECK(slides[2].picture.file == "/cache/i.png");
    CHECK(slides[2].picture.aspect == doctest::Approx(1.5));
}
