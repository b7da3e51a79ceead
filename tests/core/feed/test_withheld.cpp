// A statement whose speaker's identity is withheld: the model never holds the
// name, role, organisation or picture, and the check warns where the name
// shows through what the slide says.
#include <doctest/doctest.h>

#include "core/feed/feed_parse.h"
#include "core/feed/withheld_name.h"

using namespace placard;

namespace {

std::string feed_with_items(const std::string& items)
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "language": "en", "items": [)" + items + "]}";
}

bool has_problem(const std::vector<FeedProblem>& problems, const std::string& pointer, const std::string& words)
{
    for (const auto& p : problems)
        if (p.pointer == pointer && p.message.find(words) != std::string::npos) return true;
    return false;
}

std::string all(const std::vector<FeedProblem>& problems)
{
    std::string out;
    for (const auto& p : problems) out += p.pointer + ": " + p.message + "\n";
    return out;
}

bool any_holds(const std::vector<FeedProblem>& problems, const std::string& words)
{
    for (const auto& p : problems)
        if (p.message.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("withheld: the name, role, organisation and picture are gone from the model, the attribution is kept")
{
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "s1", "content_text": "They followed me home after the session.",
        "authors": [{"name": "Zofia Wrzesniewska"}], "image": "https://example.org/zofia.jpg",
        "_placard": {"role": "Lawyer", "organisation": "Bar of Somewhere", "image_sha256": ")"
                                                 + std::string(64, 'a') + R"(",
                     "withheld": {"attribution": "A defender from the region"}}},
        {"id": "s2", "content_text": "Shown as written.", "authors": [{"name": "Ana Open"}], "url": "https://example.org/a"})"));
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    const Item& hidden = check.feed->items[0];
    CHECK(hidden.withheld);
    CHECK(hidden.kind == ItemKind::statement);
    CHECK(hidden.attribution == "A defender from the region");
    CHECK(hidden.speaker.empty());
    CHECK(hidden.role.empty());
    CHECK(hidden.organisation.empty());
    CHECK(hidden.image.empty());
    CHECK(hidden.image_sha256.empty());
    CHECK_FALSE(hidden.qr);
    CHECK(has_problem(check.warnings, "/items/0/image", "not fetched or shown"));
    CHECK(has_problem(check.warnings, "/items/0/_placard/role", "not shown"));
    CHECK(has_problem(check.warnings, "/items/0/_placard/organisation", "not shown"));
    // No message carries the name either: the kiosk logs a feed file's warnings.
    CHECK_FALSE(any_holds(check.warnings, "Wrzesniewska"));
    const Item& open = check.feed->items[1];
    CHECK_FALSE(open.withheld);
    CHECK(open.speaker == "Ana Open");
    CHECK(open.qr);
}

TEST_CASE("withheld: true gives the default attribution, qr true keeps the QR code, false withholds nothing")
{
    FeedCheck check = parse_feed(feed_with_items(R"(
        {"id": "a", "content_text": "Words.", "authors": [{"name": "Kept Out"}], "url": "https://example.org/x",
         "_placard": {"withheld": true, "qr": true}},
        {"id": "b", "content_text": "Words.", "authors": [{"name": "Named Speaker"}], "_placard": {"withheld": false}},
        {"id": "c", "title": "A titled item", "content_text": "Words.", "_placard": {"withheld": true}})"));
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    const auto& items = check.feed->items;
    CHECK(items[0].withheld);
    CHECK(items[0].attribution.empty());
    CHECK(items[0].qr);
    CHECK_FALSE(items[1].withheld);
    CHECK(items[1].speaker == "Named Speaker");
    // A withheld item with a title or no authors is still a statement, and no
    // "statement with no speaker" warning is given for it.
    CHECK(items[2].kind == ItemKind::statement);
    CHECK_FALSE(has_problem(check.warnings, "/items/2", "a statement with no speaker"));
    CHECK_MESSAGE(check.warnings.empty(), all(check.warnings));
}

TEST_CASE("withheld: a mistyped value withholds, with a warning, rather than showing the name")
{
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "a", "content_text": "Words.", "authors": [{"name": "Kept Out"}],
        "_placard": {"withheld": "yes"}})"));
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    CHECK(check.feed->items[0].withheld);
    CHECK(check.feed->items[0].speaker.empty());
    CHECK(has_problem(check.warnings, "/items/0/_placard/withheld", "read as true"));

    FeedCheck unknown = parse_feed(feed_with_items(R"({"id": "a", "content_text": "Words.",
        "_placard": {"withheld": {"atribution": "x"}}})"));
    REQUIRE(unknown.ok());
    CHECK(has_problem(unknown.warnings, "/items/0/_placard/withheld/atribution", "did you mean \"attribution\""));
}

TEST_CASE("withheld: the check warns where the speaker's name shows through, and says what to change")
{
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "statement-wrzesniewska", "title": "Zofia speaks",
        "content_text": "As ZOFIA said before, we were followed.", "url": "https://example.org/people/wrzesniewska",
        "authors": [{"name": "Zofia Wrzesniewska"}, {"name": "Li"}],
        "_placard": {"withheld": {"attribution": "Zofia, a defender"}, "qr": true,
                     "translations": [{"language": "fr", "content_text": "Comme l'a dit Zofia."}]}})"));
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    for (const char* pointer : {"/items/0/id", "/items/0/title", "/items/0", "/items/0/url", "/items/0/_placard/withheld/attribution",
                                "/items/0/_placard/translations/0/content_text"})
        CHECK_MESSAGE(has_problem(check.warnings, pointer, "holds the withheld speaker's name (a word of \"authors\")"),
                      (std::string(pointer) + "\n" + all(check.warnings)));
    CHECK(any_holds(check.warnings, "take the name out, or do not withhold them"));
    CHECK_FALSE(any_holds(check.warnings, "Zofia"));
    CHECK_FALSE(any_holds(check.warnings, "rzesniewsk"));

    // Whole words only, and short words of a name ("Li") are not looked for.
    FeedCheck clean = parse_feed(feed_with_items(R"({"id": "s1", "content_text": "Lives and Zofiaville are other words.",
        "authors": [{"name": "Zofia Li"}], "_placard": {"withheld": true}})"));
    REQUIRE(clean.ok());
    CHECK_MESSAGE(clean.warnings.empty(), all(clean.warnings));

    // Without withheld the same item is fine: the name is meant to be shown.
    FeedCheck named = parse_feed(feed_with_items(R"({"id": "statement-wrzesniewska", "content_text": "As Zofia said.",
        "authors": [{"name": "Zofia Wrzesniewska"}]})"));
    REQUIRE(named.ok());
    CHECK_MESSAGE(named.warnings.empty(), all(named.warnings));
}

TEST_CASE("withheld: a long name is read whole and never quoted, where a shown one is cut with a warning")
{
    const std::string name = "Wrzesniewska " + std::string(250, 'x');
    FeedCheck check = parse_feed(feed_with_items(R"({"id": "a", "content_text": "Words.", "authors": [{"name": ")" + name
                                                 + R"("}], "_placard": {"withheld": true}})"));
    REQUIRE(check.ok());
    CHECK_MESSAGE(check.warnings.empty(), all(check.warnings));
}

TEST_CASE("name words: case folded in Latin, Greek and Cyrillic, whole words there, anywhere in Chinese and Arabic")
{
    auto words = name_words({"Élodie N'Diaye-Kouassi", "Анна Петрова", "王伟", "ليلى"});
    auto holds = [&](std::string_view text) {
        for (const auto& w : words)
            if (contains_name_word(text, w)) return true;
        return false;
    };
    CHECK(holds("said ÉLODIE"));
    CHECK(holds("the kouassi family"));
    CHECK(holds("Diaye"));  // "N" alone is too short to look for; "Diaye" is a word
    CHECK(holds("сказала АННА."));
    CHECK(holds("петрова"));
    CHECK(holds("王伟说"));
    CHECK(holds("وقالت ليلى"));
    CHECK(holds("ولليلى"));
    CHECK_FALSE(holds("Élodies and annals"));
    CHECK_FALSE(holds("Аннушка"));
    CHECK_FALSE(holds("王"));
}
