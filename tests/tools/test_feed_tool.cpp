// placard-feed as editors use it before an event: validate --json, new, and
// preview's contact sheet, checked by what they print and write.
#include <doctest/doctest.h>

#include <SDL_image.h>
#include <nlohmann/json.hpp>

#include "core/feed/feed_parse.h"
#include "core/layout/theme.h"
#include "render/sdl.h"
#include "shell_support.h"

using namespace placard;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const std::string one_item_feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "One",
  "items": [{"id": "only", "content_text": "The only statement.", "authors": [{"name": "Ana"}]}]})";

// Pixels of the slides' own background colour: how much of the sheet the
// thumbnails cover.
long slide_background_pixels(const std::string& png)
{
    sdl::Surface loaded(IMG_Load(png.c_str()));
    REQUIRE(loaded);
    sdl::Surface argb(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(argb);
    const Rgb bg = Theme{}.background;
    long count = 0;
    for (int y = 0; y < argb->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(argb->pixels) + y * argb->pitch);
        for (int x = 0; x < argb->w; ++x) {
            Uint8 r, g, b;
            SDL_GetRGB(row[x], argb->format, &r, &g, &b);
            if (std::abs(r - bg.r) <= 2 && std::abs(g - bg.g) <= 2 && std::abs(b - bg.b) <= 2) ++count;
        }
    }
    return count;
}

}  // namespace

TEST_CASE("placard-feed --help lists every verb, and each verb has its own --help")
{
    auto help = test::run(test::bin("placard-feed") + " --help");
    CHECK(help.code == 0);
    for (const char* verb : {"validate", "preview", "convert", "new", "keygen", "sign", "verify", "help"})
        CHECK_MESSAGE(contains(help.output, std::string("\n  ") + verb + " "), verb);
    CHECK(contains(help.output, "--json"));
    CHECK(contains(help.output, "--sheet"));
    const std::pair<const char*, const char*> verbs[] = {
        {"validate", "--json"}, {"validate", "--no-clock"}, {"preview", "--sheet"}, {"new", "--event"}, {"convert", "--out"}};
    for (const auto& [verb, option] : verbs) {
        CAPTURE(verb);
        auto r = test::run(test::bin("placard-feed") + " " + verb + " --help");
        CHECK(r.code == 0);
        CHECK(contains(r.output, option));
    }
}

TEST_CASE("screens always needs --mqtt: the table and every command without it are usage errors that name it")
{
    // The guides once showed "placard-feed screens identify room-xxi" alone:
    // there is no default broker, so that is refused before anything is sent.
    const std::string tool = test::bin("placard-feed");
    auto help = test::run(tool + " --help");
    CHECK(contains(help.output, "\n  screens --mqtt URL"));
    CHECK(contains(help.output, "\n  screens refresh|screenshot|identify NAME|all --mqtt URL"));
    auto verb_help = test::run(tool + " screens --help");
    CHECK(verb_help.code == 0);
    CHECK(contains(verb_help.output, "placard-feed screens refresh|screenshot|identify NAME|all --mqtt URL"));
    CHECK(contains(help.output, "\n  screens showing|pull ITEM-ID --mqtt URL"));
    CHECK(contains(verb_help.output, "placard-feed screens showing|pull ITEM-ID --mqtt URL"));
    for (const char* args : {"", " identify room-xxi", " refresh all", " screenshot room-xxi --credentials editor.pass",
                             " pull sp-3", " showing sp-3"}) {
        CAPTURE(args);
        auto r = test::run(tool + " screens" + args);
        CHECK(r.code == 2);
        CHECK(contains(r.output, "--mqtt URL is needed"));
        CHECK(contains(r.output, "placard-feed help screens"));
    }
}

TEST_CASE("validate --json: one object per file on stdout, the same exit codes")
{
    test::ScratchDir dir("validate-json");
    test::write_file(dir / "good.json", one_item_feed);
    test::write_file(dir / "bad.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "_placard": {"sequense": 2},
        "items": [{"id": "t", "title": "x", "_placard": {"kind": "tally", "value": "thirty"}}]})");
    auto r = test::run(test::bin("placard-feed") + " validate --json " + (dir / "good.json") + " " + (dir / "bad.json"));
    CHECK(r.code == 1);
    // Nothing but the JSON is printed, so a program can read it as it is.
    auto report = nlohmann::json::parse(r.output);
    REQUIRE(report.size() == 2);
    CHECK(report[0]["file"] == dir / "good.json");
    CHECK(report[0]["valid"] == true);
    CHECK(report[0]["errors"].empty());
    CHECK(report[0]["warnings"].empty());
    CHECK(report[1]["valid"] == false);
    REQUIRE(report[1]["errors"].size() == 1);
    CHECK(report[1]["errors"][0]["pointer"] == "/items/0/_placard/value");
    CHECK(report[1]["errors"][0]["message"] == "expected a number, got the string \"thirty\"");
    REQUIRE(report[1]["warnings"].size() == 1);
    CHECK(report[1]["warnings"][0]["pointer"] == "/_placard/sequense");
    CHECK(contains(report[1]["warnings"][0]["message"].get<std::string>(), "did you mean \"sequence\""));

    CHECK(test::run(test::bin("placard-feed") + " validate --json " + (dir / "good.json")).code == 0);
    auto missing = test::run(test::bin("placard-feed") + " validate --json " + (dir / "absent.json"));
    CHECK(missing.code == 3);
    auto missing_report = nlohmann::json::parse(missing.output);
    CHECK(missing_report[0]["readable"] == false);
    CHECK(contains(missing_report[0]["errors"][0]["message"].get<std::string>(), "absent.json"));
    CHECK(test::run(test::bin("placard-feed") + " validate --json").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " validate --jsn " + (dir / "good.json")).code == 2);
}

TEST_CASE("new writes a starter feed that validates, warns of its placeholders, has a $schema that resolves, and never overwrites")
{
    test::ScratchDir dir("new");
    const std::string feed = dir / "event.json";
    auto r = test::run(test::bin("placard-feed") + " new --event \"Reprisals: côté jardin\" --venue \"Room XXI\" --hashtag EndReprisals --out "
                       + feed);
    INFO(r.output);
    REQUIRE(r.code == 0);
    const std::string written = test::read_file(feed);
    FeedCheck check = parse_feed(written);
    REQUIRE(check.ok());
    // Every warning is a placeholder still to replace, and there is one on each item.
    for (const FeedProblem& w : check.warnings) CHECK_MESSAGE(contains(w.message, "placeholder text"), w.message);
    for (const char* item : {"/items/0", "/items/1", "/items/2"}) {
        bool found = false;
        for (const FeedProblem& w : check.warnings) found = found || w.pointer == item;
        CHECK_MESSAGE(found, item);
    }
    CHECK(check.feed->event.name == "Reprisals: côté jardin");
    CHECK(check.feed->event.venue == "Room XXI");
    CHECK(check.feed->event.hashtag == "#EndReprisals");
    CHECK(check.feed->title == "Reprisals: côté jardin");
    // One of each kind, each telling the editor what to replace.
    REQUIRE(check.feed->items.size() == 3);
    CHECK(check.feed->items[0].kind == ItemKind::statement);
    CHECK(check.feed->items[1].kind == ItemKind::tally);
    CHECK(check.feed->items[2].kind == ItemKind::notice);
    for (const Item& item : check.feed->items) CHECK(contains(item.text, "Replace"));
    CHECK(nlohmann::json::parse(written)["$schema"] == "placard.schema.json");
    CHECK(test::read_file(dir / "placard.schema.json") == test::read_file(test::source("feeds/placard.schema.json")));
    CHECK(test::run(test::bin("placard-feed") + " validate " + feed).code == 0);

    auto again = test::run(test::bin("placard-feed") + " new --event Other --out " + feed);
    CHECK(again.code == 1);
    CHECK(contains(again.output, "already exists; choose another name"));
    CHECK(test::read_file(feed) == written);

    auto to_stdout = test::run(test::bin("placard-feed") + " new --event \"Side event\"");
    CHECK(to_stdout.code == 0);
    CHECK(parse_feed(to_stdout.output).ok());
    CHECK(test::run(test::bin("placard-feed") + " new").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " new --event").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " new --event E --colour red").code == 2);
}

TEST_CASE("preview --sheet: one PNG with every slide as a thumbnail")
{
    test::ScratchDir dir("sheet");
    test::write_file(dir / "one.json", one_item_feed);
    auto one = test::run(test::bin("placard-feed") + " preview " + (dir / "one.json") + " --out " + (dir / "one")
                         + " --size 1280x720 --sheet " + (dir / "one-sheet.png"));
    INFO(one.output);
    REQUIRE(one.code == 0);
    auto demo = test::run(test::bin("placard-feed") + " preview " + test::source("feeds/demo.json") + " --out "
                          + (dir / "demo") + " --size 1280x720 --sheet " + (dir / "demo-sheet.png"));
    INFO(demo.output);
    REQUIRE(demo.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(dir / "demo/layout.json"));
    const long slides = static_cast<long>(layout["slides"].size());
    REQUIRE(slides == 10);
    // Thumbnails are the same size in both sheets, so ten slides cover about
    // ten times what one does: every slide is on the sheet.
    const long per_slide = slide_background_pixels(dir / "one-sheet.png");
    const long all = slide_background_pixels(dir / "demo-sheet.png");
    CHECK(per_slide > 10000);
    CHECK(all > per_slide * slides * 8 / 10);
    CHECK(all < per_slide * slides * 12 / 10);
    sdl::Surface sheet(IMG_Load((dir / "demo-sheet.png").c_str()));
    REQUIRE(sheet);
    CHECK(sheet->w > sheet->h);  // ten landscape slides in a four-column grid
    CHECK(test::run(test::bin("placard-feed") + " preview demo --out " + (dir / "x") + " --sheet").code == 2);
}

TEST_CASE("validate warns, at the item, of characters that no font of the screen has")
{
    test::ScratchDir dir("validate-glyphs");
    // U+E000 is a private-use character: no font draws it. An emoji is drawn.
    test::write_file(dir / "boxes.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
      "items": [{"id": "fine", "content_text": "Thank you \uD83D\uDE00", "authors": [{"name": "Ana"}]},
                {"id": "box", "content_text": "A mark \uE000 no font has.", "authors": [{"name": "Ana"}]}]})");
    auto r = test::run(test::bin("placard-feed") + " validate --json " + (dir / "boxes.json"));
    CHECK(r.code == 0);
    auto report = nlohmann::json::parse(r.output);
    REQUIRE(report.size() == 1);
    CHECK(report[0]["valid"] == true);
    REQUIRE(report[0]["warnings"].size() == 1);
    CHECK(report[0]["warnings"][0]["pointer"] == "/items/1");
    CHECK(contains(report[0]["warnings"][0]["message"].get<std::string>(), "U+E000"));
    auto plain = test::run(test::bin("placard-feed") + " validate " + (dir / "boxes.json"));
    CHECK(plain.code == 0);
    CHECK(contains(plain.output, "/items/1: warning: its text has characters that no font of the screen has"));
}
