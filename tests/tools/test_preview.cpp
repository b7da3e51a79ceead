// placard-feed preview, checked by what it writes: real PNGs of the right size,
// nothing drawn outside the safe area, and layout.json matching the feed.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include <SDL_image.h>
#include <nlohmann/json.hpp>

#include "core/feed/feed_parse.h"
#include "core/layout/theme.h"
#include "render/sdl.h"
#include "shell_support.h"

using namespace placard;

namespace {

struct PixelCounts {
    long outside_safe = 0;  // non-background pixels outside the safe area
    long inside_safe = 0;
};

PixelCounts count_ink(SDL_Surface* image, const nlohmann::json& safe)
{
    sdl::Surface argb(SDL_ConvertSurfaceFormat(image, SDL_PIXELFORMAT_ARGB8888, 0));
    REQUIRE(argb);
    Rgb bg = Theme{}.background;
    int sx = safe[0], sy = safe[1], sw = safe[2], sh = safe[3];
    PixelCounts counts;
    for (int y = 0; y < argb->h; ++y) {
        auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(argb->pixels) + y * argb->pitch);
        for (int x = 0; x < argb->w; ++x) {
            Uint8 r, g, b;
            SDL_GetRGB(row[x], argb->format, &r, &g, &b);
            bool ink = std::abs(r - bg.r) > 8 || std::abs(g - bg.g) > 8 || std::abs(b - bg.b) > 8;
            if (!ink) continue;
            bool in = x >= sx && x < sx + sw && y >= sy && y < sy + sh;
            ++(in ? counts.inside_safe : counts.outside_safe);
        }
    }
    return counts;
}

bool contains_text(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

std::string joined_role(const nlohmann::json& slide, const std::string& role)
{
    std::string s;
    for (const auto& line : slide["lines"])
        if (line["role"] == role) s += (s.empty() ? "" : " ") + line["text"].get<std::string>();
    return s;
}

}  // namespace

TEST_CASE("preview of the demo feed: one 1920x1080 PNG per item, text only inside the safe area")
{
    test::ScratchDir out("preview");
    auto r = test::run(test::bin("placard-feed") + " preview " + test::source("feeds/demo.json") + " --out " + out.str()
                       + " --size 1920x1080");
    INFO(r.output);
    REQUIRE(r.code == 0);
    FeedCheck feed = parse_feed(test::read_file(test::source("feeds/demo.json")));
    REQUIRE(feed.ok());
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    REQUIRE(layout["slides"].size() == feed.feed->items.size());
    CHECK(layout["size"]["width"] == 1920);
    for (std::size_t i = 0; i < feed.feed->items.size(); ++i) {
        const Item& item = feed.feed->items[i];
        const auto& slide = layout["slides"][i];
        CAPTURE(item.id);
        CHECK(slide["item_id"] == item.id);
        CHECK(slide["kind"] == to_string(item.kind));
        CHECK(slide["direction"] == "ltr");
        CHECK(slide["missing_glyphs"].empty());
        CHECK(slide["overflow"] == false);
        if (item.kind == ItemKind::statement) {
            // Wrapping only replaces spaces with line breaks: the words are all there.
            CHECK(joined_role(slide, "quote") == item.text);
            CHECK(joined_role(slide, "speaker") == item.speaker);
            CHECK(slide["font_sizes"]["quote"].get<int>() >= 48);
        } else {
            CHECK(joined_role(slide, "number") == std::to_string(static_cast<int>(item.tally.value)));
        }
        sdl::Surface image(IMG_Load((out / slide["file"].get<std::string>()).c_str()));
        REQUIRE(image);
        CHECK(image->w == 1920);
        CHECK(image->h == 1080);
        PixelCounts ink = count_ink(image.get(), slide["safe_area"]);
        CHECK(ink.outside_safe == 0);
        CHECK(ink.inside_safe > 20000);  // text was really drawn, not just boxes laid out
    }
}

TEST_CASE("preview of a portrait screen lays out for the rotated geometry")
{
    test::ScratchDir out("portrait");
    auto r = test::run(test::bin("placard-feed") + " preview demo --out " + out.str() + " --size 1920x1080 --rotation 90");
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    CHECK(layout["size"]["width"] == 1080);
    CHECK(layout["size"]["height"] == 1920);
    const auto& first = layout["slides"][0];
    sdl::Surface image(IMG_Load((out / first["file"].get<std::string>()).c_str()));
    REQUIRE(image);
    CHECK(image->w == 1080);
    CHECK(image->h == 1920);
    CHECK(count_ink(image.get(), first["safe_area"]).outside_safe == 0);
    // The bundled demo says so on screen.
    CHECK(joined_role(first, "demo") == "DEMO FEED");
}

TEST_CASE("preview --layout-only writes the same layout.json and no PNGs")
{
    test::ScratchDir full("full"), quick("quick");
    auto a = test::run(test::bin("placard-feed") + " preview demo --out " + full.str() + " --size 1280x720");
    auto b = test::run(test::bin("placard-feed") + " preview demo --out " + quick.str() + " --size 1280x720 --layout-only");
    INFO(a.output << b.output);
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    CHECK(b.output.find("laid out (layout.json only)") != std::string::npos);
    CHECK(test::read_file(full / "layout.json") == test::read_file(quick / "layout.json"));
    std::size_t pngs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(quick.str()))
        pngs += entry.path().extension() == ".png" ? 1 : 0;
    CHECK(pngs == 0);
    auto both = test::run(test::bin("placard-feed") + " preview demo --out " + quick.str() + " --layout-only --sheet s.png");
    CHECK(both.code == 2);
    CHECK(both.output.find("--sheet needs the PNGs") != std::string::npos);
}

TEST_CASE("a plain blog feed previews as posts with its HTML reduced")
{
    test::ScratchDir out("blog");
    auto r = test::run(test::bin("placard-feed") + " preview " + test::source("feeds/blog.json") + " --out " + out.str()
                       + " --size 1280x720");
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    // Three posts, a slide each: a post is not paged.
    std::set<std::string> posts;
    for (const auto& slide : layout["slides"]) posts.insert(slide["item_id"].get<std::string>());
    REQUIRE(posts.size() == 3);
    CHECK(layout["slides"].size() == 3);
    for (const auto& slide : layout["slides"]) {
        CHECK(slide["kind"] == "post");  // titled, from a blog: posts, not quotes
        CHECK(joined_role(slide, "quote").empty());
        CHECK_FALSE(joined_role(slide, "title").empty());
        std::string body = joined_role(slide, "body");
        CHECK_FALSE(body.empty());
        CHECK(body.find('<') == std::string::npos);
        CHECK(body.find("&amp;") == std::string::npos);
        CHECK(body.find("tracking") == std::string::npos);  // the <script> is gone
    }
}

TEST_CASE("preview usage errors exit 2 and bad feeds exit 1")
{
    test::ScratchDir out("usage");
    CHECK(test::run(test::bin("placard-feed") + " preview demo").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " preview demo --out " + out.str() + " --size huge").code == 2);
    test::write_file(out / "bad.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": 1.5}]})");
    auto r = test::run(test::bin("placard-feed") + " preview " + (out / "bad.json") + " --out " + (out / "png"));
    CHECK(r.code == 1);
    CHECK(r.output.find("bad.json: /items: the only item cannot be shown") != std::string::npos);
}

TEST_CASE("every language sample renders with no missing glyph, Arabic and Hebrew are right-aligned")
{
    test::ScratchDir out("languages");
    auto r = test::run(test::bin("placard-feed") + " preview " + test::source("tests/samples/languages.json") + " --out " +
                       out.str() + " --size 1920x1080");
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    REQUIRE(layout["slides"].size() >= 8);
    for (const auto& slide : layout["slides"]) {
        std::string id = slide["item_id"];
        CAPTURE(id);
        CHECK(slide["missing_glyphs"].empty());
        CHECK(slide["overflow"] == false);
        bool rtl = id == "sample-ar" || id == "sample-he" || id == "bidi-mixed";
        CHECK(slide["direction"] == (rtl ? "rtl" : "ltr"));
        // Quote lines share one edge: the right one for right-to-left text, else the left.
        std::vector<int> starts, ends;
        for (const auto& line : slide["lines"]) {
            if (line["role"] != "quote") continue;
            starts.push_back(line["box"][0].get<int>());
            ends.push_back(line["box"][0].get<int>() + line["box"][2].get<int>());
        }
        REQUIRE_FALSE(starts.empty());
        const std::vector<int>& aligned = rtl ? ends : starts;
        for (int edge : aligned) CHECK(edge == aligned.front());
        int safe_mid = slide["safe_area"][0].get<int>() + slide["safe_area"][2].get<int>() / 2;
        if (rtl) CHECK(ends.front() > safe_mid);
        else CHECK(starts.front() < safe_mid);
    }
}

TEST_CASE("a statement too long for one screen is previewed as pages, each fitting")
{
    test::ScratchDir out("pages");
    auto r = test::run(test::bin("placard-feed") + " preview " + test::source("tests/samples/bilingual.json") + " --out " +
                       out.str() + " --size 1280x720 --languages en,fr");
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    int long_pages = 0;
    for (const auto& slide : layout["slides"]) {
        CHECK(slide["overflow"] == false);
        if (slide["item_id"] == "long-1") {
            ++long_pages;
            CHECK(slide["pages"].get<int>() >= 2);
            CHECK(joined_role(slide, "kind").find(std::to_string(slide["page"].get<int>()) + "/") != std::string::npos);
        }
        if (slide["item_id"] == "bi-1") CHECK(joined_role(slide, "translation").find("Nations unies") != std::string::npos);
    }
    CHECK(long_pages >= 2);
}

TEST_CASE("an item with a link gets a QR code that phones can read")
{
    test::ScratchDir out("qr");
    auto r = test::run(test::bin("placard-feed") + " preview " + test::source("feeds/blog.json") + " --out " + out.str() +
                       " --size 1920x1080");
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    FeedCheck feed = parse_feed(test::read_file(test::source("feeds/blog.json")));
    REQUIRE(feed.ok());
    const auto& slide = layout["slides"][0];
    REQUIRE(slide["qr"].is_object());
    CHECK(slide["qr"]["url"] == feed.feed->items[0].url);
    // Big enough to scan from 1.5 m: the code as drawn (whole pixels a module,
    // quiet zone included) is about a fifth of the screen height, 13 cm on a
    // 55-inch TV.
    CHECK(slide["qr"]["box"][2].get<int>() >= 1080 * 18 / 100);
    // A real decoder reads the link back from the rendered picture.
    auto decoded = test::run("zbarimg --quiet --raw " + (out / slide["file"].get<std::string>()));
    CHECK(decoded.code == 0);
    CHECK(decoded.output.find(feed.feed->items[0].url) != std::string::npos);

    test::ScratchDir plain("no-qr");
    REQUIRE(test::run(test::bin("placard-feed") + " preview " + test::source("feeds/blog.json") + " --out " + plain.str() +
                      " --no-qr").code == 0);
    CHECK(nlohmann::json::parse(test::read_file(plain / "layout.json"))["slides"][0]["qr"].is_null());
}

TEST_CASE("preview draws the organiser's logo in its box, and names a logo it cannot read")
{
    test::ScratchDir out("logo");
    auto r = test::run(test::bin("placard-feed") + " preview demo --out " + out.str() + " --size 1280x720 --logo " +
                       test::source("assets/example-logo.svg"));
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
    const auto& slide = layout["slides"][0];
    sdl::Surface image(IMG_Load((out / slide["file"].get<std::string>()).c_str()));
    REQUIRE(image);
    // The example logo's amber placard: ink left of the event name, inside the safe area.
    nlohmann::json logo_area = {slide["safe_area"][0], slide["safe_area"][1], 60, 40};
    CHECK(count_ink(image.get(), logo_area).inside_safe > 200);
    auto missing = test::run(test::bin("placard-feed") + " preview demo --out " + out.str() + " --logo " + (out / "nope.png"));
    CHECK(missing.code == 3);
    CHECK(missing.output.find("nope.png") != std::string::npos);
}

TEST_CASE("legibility: every line of every demo, sample and example slide, landscape and portrait (and the demo at 1280x720), is 3.1% of the shorter side or more")
{
    // The slide counter alone is exempt: it is for whoever holds the clicker.
    std::vector<std::string> feeds{"demo", test::source("feeds/blog.json")};
    for (const char* dir : {"tests/samples", "feeds/examples"})
        for (const auto& entry : std::filesystem::directory_iterator(test::source(dir)))
            if (entry.path().extension() == ".json") feeds.push_back(entry.path().string());
    int checked = 0;
    for (const std::string& feed : feeds) {
        for (std::string geometry : {"--size 1920x1080", "--size 1920x1080 --rotation 90", "--size 1280x720"}) {
            if (geometry == "--size 1280x720" && feed != "demo") continue;  // a smaller TV: the demo is enough, and quick
            test::ScratchDir out("legible");
            auto r = test::run(test::bin("placard-feed") + " preview " + feed + " --out " + out.str() + " " + geometry);
            CAPTURE(feed);
            CAPTURE(geometry);
            REQUIRE(r.code == 0);
            auto layout = nlohmann::json::parse(test::read_file(out / "layout.json"));
            int shorter = std::min(layout["size"]["width"].get<int>(), layout["size"]["height"].get<int>());
            for (const auto& slide : layout["slides"]) {
                for (const auto& line : slide["lines"]) {
                    if (line["role"] == "position") continue;
                    CAPTURE(slide["item_id"].get<std::string>());
                    CAPTURE(line["role"].get<std::string>());
                    CHECK(line["px"].get<int>() * 1000 >= 31 * shorter);
                    ++checked;
                }
            }
        }
    }
    CHECK(checked > 500);
}

TEST_CASE("preview --config shows the slides as a screen with that settings file shows them, and options beside it win")
{
    test::ScratchDir out("config");
    test::write_file(out / "feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "Config",
      "items": [{"id": "one", "language": "en", "content_text": "Every word counts.", "url": "https://example.org/one",
                 "authors": [{"name": "Ana"}],
                 "_placard": {"kind": "statement",
                              "translations": [{"language": "fr", "content_text": "Chaque mot compte."}]}}]})");
    test::write_file(out / "placard.json", R"({"theme": "light", "margin_percent": 12, "window": "1280x720",
      "rotation": 90, "languages": ["fr"], "qr_codes": false, "logo": ")" + test::source("assets/example-logo.svg") + "\"}");
    const std::string preview = test::bin("placard-feed") + " preview " + (out / "feed.json") + " --out ";
    auto plain = test::run(preview + (out / "plain"));
    auto configured = test::run(preview + (out / "configured") + " --config " + (out / "placard.json"));
    INFO(plain.output << configured.output);
    REQUIRE(plain.code == 0);
    REQUIRE(configured.code == 0);
    auto a = nlohmann::json::parse(test::read_file(out / "plain/layout.json"));
    auto b = nlohmann::json::parse(test::read_file(out / "configured/layout.json"));
    auto text = [](const nlohmann::json& slide) {
        std::string all;
        for (const auto& line : slide["lines"]) all += line["text"].get<std::string>() + " ";
        return all;
    };
    // The defaults: 1920x1080, dark, 6% margins, no logo, the item's own language, a QR code.
    CHECK(a["size"] == nlohmann::json{{"width", 1920}, {"height", 1080}});
    CHECK(a["slides"][0]["safe_area"][0] == 115);
    CHECK(a["slides"][0]["logo"].is_null());
    CHECK_FALSE(a["slides"][0]["qr"].is_null());
    CHECK(text(a["slides"][0]).find("Every word") != std::string::npos);
    // The settings: their window turned 90 degrees, 12% of 720 pixels as the margin, the logo, French, no QR code.
    CHECK(b["size"] == nlohmann::json{{"width", 720}, {"height", 1280}});
    CHECK(b["rotation"] == 90);
    CHECK(b["slides"][0]["safe_area"][0] == 86);
    CHECK_FALSE(b["slides"][0]["logo"].is_null());
    CHECK(b["slides"][0]["qr"].is_null());
    CHECK(text(b["slides"][0]).find("Chaque mot") != std::string::npos);
    CHECK(text(b["slides"][0]).find("Every word") == std::string::npos);
    // The light theme's background, in the corner outside the safe area.
    auto corner = [](const std::string& png) {
        sdl::Surface loaded(IMG_Load(png.c_str()));
        REQUIRE(loaded);
        sdl::Surface argb(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
        REQUIRE(argb);
        Uint8 r, g, bl;
        SDL_GetRGB(*static_cast<const Uint32*>(argb->pixels), argb->format, &r, &g, &bl);
        return Rgb{r, g, bl};
    };
    const Rgb dark = Theme{}.background, light = light_theme().background;
    REQUIRE((dark.r != light.r || dark.g != light.g || dark.b != light.b));
    auto same = [](Rgb x, Rgb y) { return std::abs(x.r - y.r) <= 2 && std::abs(x.g - y.g) <= 2 && std::abs(x.b - y.b) <= 2; };
    CHECK(same(corner(out / "plain/slide-001.png"), dark));
    CHECK(same(corner(out / "configured/slide-001.png"), light));

    // What the command line says wins over the file.
    auto overridden = test::run(preview + (out / "overridden") + " --config " + (out / "placard.json")
                                + " --theme dark --size 1920x1080 --rotation 0 --languages en");
    INFO(overridden.output);
    REQUIRE(overridden.code == 0);
    auto c = nlohmann::json::parse(test::read_file(out / "overridden/layout.json"));
    CHECK(c["size"] == nlohmann::json{{"width", 1920}, {"height", 1080}});
    CHECK(c["slides"][0]["safe_area"][0] == 230);  // still the file's 12%
    CHECK(text(c["slides"][0]).find("Every word") != std::string::npos);
    CHECK(same(corner(out / "overridden/slide-001.png"), dark));

    // A bad settings file: the kiosk's own message, naming the file and the key; exit 1. None there: exit 3.
    test::write_file(out / "bad.json", R"({"theme": "pink", "feeed": "x.json"})");
    auto bad = test::run(preview + (out / "bad-out") + " --config " + (out / "bad.json"));
    CHECK(bad.code == 1);
    CHECK(contains_text(bad.output, out / "bad.json" + ": \"feeed\": unknown setting; did you mean \"feed\"?"));
    CHECK(contains_text(bad.output, "\"theme\": \"pink\" is not a theme"));
    auto absent = test::run(preview + (out / "absent-out") + " --config " + (out / "absent.json"));
    CHECK(absent.code == 3);
    CHECK(contains_text(absent.output, "absent.json"));
}
