// An item followed off the screens (core/fleet/pull_watch): what placard-feed
// screens pull and showing say about each screen.
#include <doctest/doctest.h>

#include "core/fleet/pull_watch.h"

using namespace placard;

namespace {

ScreenStatus showing(const std::string& screen, std::vector<std::string> ids)
{
    ScreenStatus s;
    s.screen = screen;
    set_showing(s, ids);
    return s;
}

}  // namespace

TEST_CASE("pull: done when every online screen has said it does not show the item")
{
    PullWatch watch("gone");
    CHECK(watch.take(showing("a", {"gone", "keep"}), 0) == "");
    CHECK(watch.take(showing("b", {"keep"}), 0) == "b: does not show it");
    ScreenStatus off;
    off.screen = "c";
    off.online = false;
    CHECK(watch.take(off, 0) == "");
    CHECK_FALSE(watch.done());
    CHECK(watch.left() == std::vector<std::string>{"a: shows it"});
    CHECK(watch.waiting() == std::vector<std::string>{"a"});  // asked again, should its status be lost
    ScreenStatus failing = showing("a", {"gone", "keep"});
    failing.last_error = "HTTP 503\x1b[2J";
    watch.take(failing, 0.2);
    CHECK(watch.left() == std::vector<std::string>{"a: shows it (its last fetch: HTTP 503\\u001B[2J)"});
    CHECK(watch.take(showing("a", {"keep"}), 0.4) == "a: dropped it (0.40 s)");
    CHECK(watch.take(showing("a", {"keep"}), 0.5) == "");  // said once
    CHECK(watch.done());
    CHECK(watch.dropped() == 2);
    CHECK(watch.offline() == std::set<std::string>{"c"});
}

TEST_CASE("pull: a screen that cannot say is not counted as having dropped it, and the reason is given")
{
    PullWatch watch("s9999");
    ScreenStatus old;
    old.screen = "old";
    watch.take(old, 0);  // an older version: no ids in its status
    std::vector<std::string> many;
    for (int i = 1000; i < 1400; ++i) many.push_back("s" + std::to_string(i));
    watch.take(showing("long", many), 0);
    CHECK_FALSE(watch.done());
    auto left = watch.left();
    REQUIRE(left.size() == 2);
    CHECK(left[0] == "long: cannot tell: its status lists only 200 of its 400 ids");
    CHECK(left[1].rfind("old: cannot tell: it does not report the ids it shows", 0) == 0);
    // A screen that goes offline while waited for is said so, and no longer waited for.
    ScreenStatus off;
    off.screen = "old";
    off.online = false;
    CHECK(watch.take(off, 1) == "old: went offline; it drops the item at its first fetch once back");
    // One that shows it again (the item put back) is waited for again.
    watch.take(showing("long", {"a"}), 2);
    CHECK(watch.done());
    CHECK(watch.take(showing("long", {"s9999"}), 3) == "long: shows it again (3.00 s)");
    CHECK_FALSE(watch.done());
}
