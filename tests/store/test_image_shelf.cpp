// The picture shelf: which items' pictures are fetched and made ready.
#include <doctest/doctest.h>

#include "store/image_shelf.h"
#include "shell_support.h"

using namespace placard;
using test::ScratchDir;
using test::source;

TEST_CASE("the picture shelf prepares the pictures of statements, posts and picture items, not of tallies")
{
    ScratchDir dir("shelf");
    const std::string photo = "file://" + source("tests/feeds/pictures/speaker.jpg");
    Feed feed;
    for (auto [id, kind] : {std::pair{"s", ItemKind::statement}, std::pair{"p", ItemKind::post},
                            std::pair{"i", ItemKind::picture}, std::pair{"t", ItemKind::tally}}) {
        Item item;
        item.id = id;
        item.kind = kind;
        item.text = "Text.";
        item.image = photo;
        feed.items.push_back(item);
    }
    ImageShelf shelf(dir.str(), "");
    shelf.log_problems(false);
    shelf.fetch(feed, false, 0);
    Pictures ready = shelf.ready(feed, false);
    CHECK(ready.count("s") == 1);
    CHECK(ready.count("p") == 1);
    CHECK(ready.count("i") == 1);
    CHECK(ready.count("t") == 0);
    CHECK(ready["p"].aspect > 0);
}
