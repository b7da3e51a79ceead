// What the screen tells the organiser: the first-run card, the status card for
// each kind of failure, the diagnostics, the banner's cause, and their layout.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/setup/layout_status.h"
#include "core/fetch/poll_policy.h"
#include "core/setup/status.h"
#include "core/text/text.h"
#include "core/words/slide_words.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

DeviceFacts facts(std::vector<std::string> addresses = {"192.168.1.23", "fd00::23"})
{
    return {"placard-hall", std::move(addresses), {"/etc/placard/placard.json"}, "/boot/firmware/placard.json",
            "/etc/placard/placard.json", "0.1.0"};
}

std::string row(const StatusCard& card, const std::string& label)
{
    for (const StatusRow& r : card.rows)
        if (r.label == label) return r.text;
    return "(no row " + label + ")";
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::string text_of_rows(const StatusCard& card)
{
    std::string out;
    for (const StatusRow& r : card.rows) out += r.label + ": " + r.text + "\n";
    return out;
}

using FakeMetrics = test::HalfWidthMetrics;

}  // namespace

TEST_CASE("the first-run card names the screen, its addresses, where the settings go, and the version")
{
    StatusCard card = first_run_card(facts());
    CHECK(row(card, "This screen") == "placard-hall \xC2\xB7 192.168.1.23, fd00::23");
    CHECK(has(row(card, "To set the feed"), "/boot/firmware/placard.json"));
    CHECK(has(row(card, "To set the feed"), "/etc/placard/placard.json"));
    CHECK(has(row(card, "Write in it"), "\"feed\""));
    CHECK(row(card, "Version") == "Placard 0.1.0");
    CHECK(row(card, "No network") == "(no row No network)");
    // Without an address, the card says so and how to join the Wi-Fi without SSH.
    StatusCard offline = first_run_card(facts({}));
    CHECK(has(row(offline, "This screen"), "no network address yet"));
    CHECK(has(row(offline, "No network"), "placard-wifi.txt"));
}

TEST_CASE("the demo gets the first-run card pinned: every other slide")
{
    Feed demo;
    demo.items.resize(3);
    Feed with = with_first_run_card(demo);
    REQUIRE(with.items.size() == 4);
    CHECK(with.items[0].id == first_run_item_id);
    CHECK(with.items[0].priority == Priority::pinned);
}

TEST_CASE("the status card says what the last attempt got, in plain words, and what to do")
{
    const std::string url = "https://example.org/feed.json";
    auto card_for = [&](FetchProblem p, long status, std::vector<std::string> addresses = {"192.168.1.23"}) {
        return feed_status_card(url, LastAttempt{1798794000, status, p, "detail"}, facts(std::move(addresses)), 0);
    };
    CHECK(row(feed_status_card(url, std::nullopt, facts(), 0), "Last attempt") == "the first attempt is under way");
    StatusCard not_found = card_for(FetchProblem::not_found, 404);
    CHECK(row(not_found, "Feed") == url);
    CHECK(row(not_found, "Last attempt") == "09:00: HTTP 404: the server has no feed at this address; the network works");
    CHECK(has(row(not_found, "What to do"), "file name"));
    CHECK(has(row(card_for(FetchProblem::no_network, 0), "Last attempt"), "No network"));
    CHECK(has(row(card_for(FetchProblem::no_network, 0), "What to do"), "placard-wifi.txt"));
    CHECK(has(row(card_for(FetchProblem::name_not_found, 0), "Last attempt"), "Name not found"));
    CHECK(has(row(card_for(FetchProblem::login_page, 200), "Last attempt"), "Wi-Fi login page"));
    CHECK(has(row(card_for(FetchProblem::bad_signature, 200), "Last attempt"), "Bad signature"));
    CHECK(has(row(card_for(FetchProblem::not_a_feed, 200), "Last attempt"), "Not a feed"));
    CHECK(has(row(card_for(FetchProblem::no_answer, 0), "Last attempt"), "No answer"));
    CHECK(has(row(card_for(FetchProblem::secure_connection, 0), "What to do"), "clock"));
    CHECK(has(row(card_for(FetchProblem::server_error, 503), "Last attempt"), "HTTP 503"));
    // A screen with no address is offline, whatever the resolver said.
    CHECK(has(row(card_for(FetchProblem::name_not_found, 0, {}), "Last attempt"), "No network"));
}

TEST_CASE("the staleness banner names the cause: Offline only when the screen is offline")
{
    CHECK(problem_headline(FetchProblem::not_found, 404, true) == "Feed not found (HTTP 404)");
    CHECK(problem_headline(FetchProblem::no_network, 0, true) == "Offline");
    CHECK(problem_headline(FetchProblem::name_not_found, 0, false) == "Offline");
    CHECK(problem_headline(FetchProblem::login_page, 200, true) == "Wi-Fi login page in the way");
    const std::int64_t t0 = 1798794000;
    auto banner = staleness_banner(t0 + 600, t0, t0 + 60, t0, std::chrono::seconds(60), 0,
                                   problem_headline(FetchProblem::not_found, 404, true));
    REQUIRE(banner);
    CHECK(*banner == "Feed not found (HTTP 404) since 09:01 \xC2\xB7 showing the feed from 09:00");
}

TEST_CASE("a config error card quotes the error and says where to fix it")
{
    StatusCard card = config_error_card("/boot/firmware/placard.json: \"feeed\": unknown setting", facts());
    CHECK(has(row(card, "Problem"), "\"feeed\""));
    CHECK(has(row(card, "What to do"), "/boot/firmware/placard.json"));
}

TEST_CASE("diagnostics: the facts, the clock's state, the sequence shown and the last good fetch")
{
    Diagnostics d;
    d.facts = facts();
    d.feed = "https://example.org/feed.json";
    d.last_attempt = LastAttempt{1798794000, 404, FetchProblem::not_found, "the server answered HTTP 404"};
    d.last_success = 1798793400;
    d.feed_on_screen = true;
    d.sequence = 42;
    d.slides = 7;
    d.wall_now = 1798794060;
    d.clock_trusted = true;
    d.screen = "1920x1080, rotation 0, x11, software";
    StatusCard card = diagnostics_card(d);
    CHECK(has(row(card, "This screen"), "192.168.1.23"));
    CHECK(has(row(card, "This screen"), "Placard 0.1.0"));
    CHECK(row(card, "Settings") == "/etc/placard/placard.json");
    CHECK(has(row(card, "Last attempt"), "09:00: HTTP 404"));
    CHECK(row(card, "Last good fetch") == "08:50");
    CHECK(row(card, "Showing") == "sequence 42, 7 slides");
    CHECK(has(row(card, "Clock"), "trusted"));
    CHECK(has(row(card, "Rotation"), "in step"));
    d.clock_trusted = false;
    d.wall_now = 0;
    CHECK(has(row(diagnostics_card(d), "Clock"), "not set yet (reads 1970-01-01T00:00:00Z)"));
    d.sync = false;
    CHECK(row(diagnostics_card(d), "Rotation") == "on its own (sync is off)");
}

TEST_CASE("status cards are laid out inside the safe area, at the legibility floor or above, landscape and portrait")
{
    FakeMetrics m;
    Diagnostics d;
    d.facts = facts();
    d.feed = "https://example.org/a/rather/long/path/to/the/side-event/feed.json";
    d.last_attempt = LastAttempt{1798794000, 404, FetchProblem::not_found, "the server answered HTTP 404"};
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 720}}) {
        SlideContext c;
        c.screen = size;
        for (CardStyle style : {CardStyle::slide, CardStyle::overlay}) {
            for (const StatusCard& card : {first_run_card(facts()), diagnostics_card(d),
                                           feed_status_card(d.feed, d.last_attempt, facts(), 0)}) {
                SlideLayout l = layout_status_card(card, c, m, style);
                CHECK(l.lines.size() > card.rows.size());
                for (const TextLine& line : l.lines) {
                    CHECK(line.px >= smallest_text_px(size));
                    CHECK(line.box.x >= l.safe.x);
                    CHECK(line.box.right() <= l.safe.right());
                    CHECK(line.box.bottom() <= l.safe.bottom());
                }
            }
        }
    }
}

TEST_CASE("Page Down held for a second and a half opens the diagnostics, once a press, with or without key repeat")
{
    using std::chrono::milliseconds;
    LongPress repeating;
    CHECK_FALSE(repeating.down(milliseconds{0}, false));
    CHECK_FALSE(repeating.down(milliseconds{500}, true));
    CHECK(repeating.down(milliseconds{1500}, true));
    CHECK_FALSE(repeating.down(milliseconds{2500}, true));  // still the same press
    CHECK_FALSE(repeating.up(milliseconds{3000}));
    // A clicker that sends no repeats, only a late release.
    LongPress silent;
    CHECK_FALSE(silent.down(milliseconds{10000}, false));
    CHECK(silent.up(milliseconds{11600}));
    // A short press is a slide change, nothing more.
    CHECK_FALSE(silent.down(milliseconds{20000}, false));
    CHECK_FALSE(silent.up(milliseconds{20200}));
}

namespace {

// Runs of three words from the English table's sentences ("the server has",
// "then restart the"): the words between placeholders.
std::vector<std::string> english_phrases()
{
    std::vector<std::string> out;
    auto table = nlohmann::json::parse(embedded_slide_words());
    for (const auto& [key, value] : table["en"].items()) {
        if (!value.is_string()) continue;
        std::string text = value.get<std::string>();
        for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{'))
            text.replace(open, text.find('}', open) - open + 1, "\n");
        std::vector<std::vector<std::string>> runs(1);
        std::string w;
        for (char ch : text + "\n") {
            if (ch == ' ' || ch == '\n') {
                if (!w.empty()) runs.back().push_back(w);
                w.clear();
                if (ch == '\n') runs.emplace_back();
            } else {
                w += ch;
            }
        }
        for (const auto& run : runs)
            for (std::size_t i = 0; i + 3 <= run.size(); ++i) out.push_back(run[i] + " " + run[i + 1] + " " + run[i + 2]);
    }
    return out;
}

}  // namespace

TEST_CASE("the whole of each card follows ui_language: no English sentence is left on it")
{
    const std::vector<std::string> english = english_phrases();
    REQUIRE(english.size() > 50);
    test::HalfWidthMetrics m;
    SlideContext c;
    c.screen = {1920, 1080};
    for (const char* language : {"fr", "ar", "zh", "es", "ru"}) {
        CAPTURE(language);
        Diagnostics d;
        d.facts = facts();
        d.feed = "https://example.org/feed.json";
        d.language = language;
        d.last_attempt = LastAttempt{1798794000, 404, FetchProblem::not_found, "the server answered HTTP 404"};
        d.last_success = 1798790000;
        d.feed_on_screen = true;
        d.sequence = 12;
        d.slides = 5;
        d.feed_fetched_at = 1798790000;
        d.wall_now = 1798794000;
        d.clock_trusted = true;
        for (const StatusCard& card :
             {first_run_card(facts(), language), first_run_card(facts({}), language),
              feed_status_card(d.feed, d.last_attempt, facts(), 0, language),
              config_error_card("/boot/firmware/placard.json: line 2: not JSON", facts(), language), diagnostics_card(d)}) {
            CAPTURE(card.heading);
            for (const TextLine& line : layout_status_card(card, c, m, CardStyle::slide).lines)
                for (const std::string& phrase : english) {
                    CAPTURE(line.text);
                    CHECK_FALSE(has(line.text, phrase));
                }
        }
    }
    // English stays English, and the facts stay as they are.
    StatusCard french = feed_status_card(std::string("https://example.org/feed.json"), LastAttempt{1798794000, 404, FetchProblem::not_found, {}}, facts(), 0, "fr");
    CHECK(french.heading == "Aucun contenu \xC3\xA0 afficher pour l\xE2\x80\x99instant");
    CHECK(row(french, "Derni\xC3\xA8re tentative") == "09:00: HTTP 404 : le serveur n\xE2\x80\x99"
                                                       "a pas de flux \xC3\xA0 cette adresse ; le r\xC3\xA9seau fonctionne");
    CHECK(has(row(french, "Pour changer de flux"), "/boot/firmware/placard.json"));
    CHECK(first_run_card(facts()).heading == "Set up this screen");
}

TEST_CASE("the stale note's cause is in the slide's language")
{
    CHECK(problem_headline(FetchProblem::not_found, 404, true, "fr") == "Contenu introuvable (HTTP 404)");
    CHECK(problem_headline(FetchProblem::no_network, 0, true, "fr") == "Hors ligne");
    CHECK(problem_headline(FetchProblem::none, 0, true, "es") == "Contenido sin actualizar");
    const std::int64_t t0 = 1798794000;
    auto banner = staleness_banner(t0 + 600, t0, t0 + 60, t0, std::chrono::seconds(60), 0,
                                   problem_headline(FetchProblem::not_found, 404, true, "fr"), "fr");
    REQUIRE(banner);
    CHECK(has(*banner, "Contenu introuvable (HTTP 404) depuis 09:01"));
    CHECK_FALSE(has(*banner, "Feed"));
}

TEST_CASE("the diagnostics' slide count takes the language's plural form")
{
    Diagnostics d;
    d.facts = facts();
    d.feed_on_screen = true;
    d.slides = 5;
    d.language = "ru";
    StatusCard diagnostics = diagnostics_card(d);
    CHECK(diagnostics.heading == "\xD0\x94\xD0\xB8\xD0\xB0\xD0\xB3\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8\xD0\xBA\xD0\xB0");
    CHECK(has(text_of_rows(diagnostics), "5 \xD1\x81\xD0\xBB\xD0\xB0\xD0\xB9\xD0\xB4\xD0\xBE\xD0\xB2"));  // 5 слайдов
}

namespace {

// An error as the sheet reader writes it (its place a row and a column) and as
// the feed parser does (a JSON Pointer), the text of each as the parser wrote it.
const FeedProblem sheet_error{"row 7, published",
                              "\"12/11/2013\" is ambiguous: it could be 12 November or 11 December; "
                              "write the date as 2013-12-11"};
const FeedProblem json_error{"/items/3/date_published", "expected an RFC 3339 date like 2013-12-11T09:00:00Z, got "
                                                        "the string \"yesterday\""};

}  // namespace

TEST_CASE("a refused feed's note names its first error and where it is, shortened to fit")
{
    const std::string headline = problem_headline(FetchProblem::not_a_feed, 200, true, "en", &sheet_error);
    CHECK(headline.rfind("Feed refused: row 7, published: \"12/11/2013\" is ambiguous: it could be 12 November", 0) == 0);
    CHECK(headline.ends_with("\xE2\x80\xA6"));  // cut, not overflowing the note
    CHECK(count_code_points(headline) <= 14 + 90);
    CHECK(problem_headline(FetchProblem::not_a_feed, 200, true, "en", &json_error)
          == "Feed refused: /items/3/date_published: expected an RFC 3339 date like 2013-12-11T09:00:00Z, got "
             "the\xE2\x80\xA6");  // after a whole word
    // Without a known error, the words it had; and another problem ignores one.
    CHECK(problem_headline(FetchProblem::not_a_feed, 200, true) == "Feed refused: not a valid feed");
    CHECK(problem_headline(FetchProblem::not_found, 404, true, "en", &json_error) == "Feed not found (HTTP 404)");
    // Short errors whole; the time and what is shown follow it in the note.
    const FeedProblem short_error{"/items/3/date_published", "expected a date"};
    const std::int64_t t0 = 1798794000;
    auto banner = staleness_banner(t0 + 600, t0, t0 + 60, t0, std::chrono::seconds(60), 0,
                                   problem_headline(FetchProblem::not_a_feed, 200, true, "en", &short_error));
    REQUIRE(banner);
    CHECK(*banner == "Feed refused: /items/3/date_published: expected a date since 09:01 \xC2\xB7 showing the feed from 09:00");
    // A hostile place (a key of 60 000 characters) leaves the message room.
    const FeedProblem long_key{"/_placard/words/" + std::string(60000, 'k'), "\"kkk\" is not a language"};
    const std::string cut = problem_headline(FetchProblem::not_a_feed, 200, true, "en", &long_key);
    CHECK(count_code_points(cut) <= 14 + 90);
    CHECK(has(cut, "is not a language"));
}

TEST_CASE("the refused feed's note in the slide's language, the error as the parser wrote it")
{
    CHECK(problem_headline(FetchProblem::not_a_feed, 200, true, "fr", &json_error).rfind(
              "Contenu refus\xC3\xA9 : /items/3/date_published: expected an RFC 3339 date", 0)
          == 0);
    // In Arabic the error, left to right, is held between left-to-right marks.
    const std::string arabic = problem_headline(FetchProblem::not_a_feed, 200, true, "ar", &sheet_error);
    CHECK(arabic.rfind("\xD8\xB1\xD9\x8F\xD9\x81\xD8\xB6 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAD\xD8\xAA\xD9\x88\xD9\x89: "
                       "\xE2\x80\x8Erow 7, published: \"12/11/2013\" is ambiguous", 0)
          == 0);
    CHECK(arabic.ends_with("\xE2\x80\xA6\xE2\x80\x8E"));
    for (const std::string& language : word_languages()) {
        CAPTURE(language);
        CHECK(has(problem_headline(FetchProblem::not_a_feed, 200, true, language, &json_error), "/items/3/date_published: expected"));
    }
}

TEST_CASE("the status card of a refused feed shows its first error and sends the organiser to the feed checker")
{
    LastAttempt last{1798794000, 200, FetchProblem::not_a_feed, "not a valid feed: row 7, published: ...", sheet_error};
    StatusCard card = feed_status_card("https://example.org/sheet.csv", last, facts(), 0);
    CHECK(row(card, "Last attempt") == "09:00: Not a feed: the server answered, but not with a valid feed");
    CHECK(row(card, "First error") == "row 7, published: " + sheet_error.message);
    CHECK(has(row(card, "What to do"), "feed checker (check/index.html"));
    CHECK_FALSE(has(row(card, "What to do"), "placard-feed"));
    // Unknown, or another problem: no such row.
    last.first_error.reset();
    CHECK(row(feed_status_card("https://example.org/sheet.csv", last, facts(), 0), "First error") == "(no row First error)");
    // In every language: the advice names the checker page, never the editors' command.
    for (const std::string& language : word_languages()) {
        CAPTURE(language);
        const std::string advice = slide_word("card.not_a_feed_fix", language);
        CHECK(has(advice, "check/index.html"));
        CHECK_FALSE(has(advice, "placard-feed"));
        LastAttempt known{1798794000, 200, FetchProblem::not_a_feed, {}, json_error};
        StatusCard localized = feed_status_card("https://example.org/feed.json", known, facts(), 0, language);
        CHECK(has(text_of_rows(localized), "/items/3/date_published: expected an RFC 3339 date"));
    }
    // On a right-to-left card the error, written left to right, is held so between marks.
    LastAttempt arabic{1798794000, 200, FetchProblem::not_a_feed, {}, json_error};
    CHECK(row(feed_status_card("https://example.org/feed.json", arabic, facts(), 0, "ar"), "\xD8\xA3\xD9\x88\xD9\x84 \xD8\xAE\xD8\xB7\xD8\xA3")
          == "\xE2\x80\x8E/items/3/date_published: " + json_error.message + "\xE2\x80\x8E");
}

TEST_CASE("the note of a refused feed fits its one line: the error is cut shorter, the time and what is shown stay")
{
    FakeMetrics m;
    const std::int64_t t0 = 1798794000;
    auto compose_for = [&](const FeedProblem& error, std::string_view language) {
        return [&error, language, t0](std::size_t chars) {
            return staleness_banner(t0 + 600, t0, t0 + 60, t0, std::chrono::seconds(60), 0,
                                    problem_headline(FetchProblem::not_a_feed, 200, true, language, &error, chars), language)
                .value_or("");
        };
    };
    for (Size screen : {Size{1280, 720}, Size{1920, 1080}, Size{3840, 2160}}) {
        CAPTURE(screen.width);
        for (const char* language : {"en", "ar"}) {
            CAPTURE(language);
            auto [text, layout] = fit_note(compose_for(sheet_error, language), screen, m);
            CAPTURE(text);
            REQUIRE(layout.lines.size() == 1);
            CHECK(has(layout.lines[0].text, "row 7, published"));
            CHECK(has(layout.lines[0].text, "09:01"));  // since when
            CHECK(has(text, "\xE2\x80\xA6"));  // the error, cut
            // Whole, up to what is shown at its end (Arabic's left-to-right
            // marks, which draw nothing, count here as characters: one too many).
            if (std::string_view(language) == "en") {
                CHECK_FALSE(layout.overflow);
                CHECK(layout.lines[0].text == text);
                CHECK(text.ends_with("showing the feed from 09:00"));
            }
        }
    }
    // Upright, the note's words alone fill the row: the error is cut to its
    // place, and the end of the note as any note's.
    auto [upright, upright_layout] = fit_note(compose_for(sheet_error, "en"), Size{1080, 1920}, m);
    CHECK(upright.rfind("Feed refused: row 7, published\xE2\x80\xA6 since 09:01", 0) == 0);
    CHECK(upright_layout.overflow);
    // A short error is not cut; a note with no error is laid out as it is.
    const FeedProblem short_error{"row 7, published", "bad date"};
    auto [whole, _] = fit_note(compose_for(short_error, "en"), Size{1920, 1080}, m);
    CHECK(whole == "Feed refused: row 7, published: bad date since 09:01 \xC2\xB7 showing the feed from 09:00");
    auto [offline, offline_layout] = fit_note([](std::size_t) { return std::string("Offline since 14:02"); }, Size{1920, 1080}, m);
    CHECK(offline == "Offline since 14:02");
    CHECK_FALSE(offline_layout.overflow);
}

TEST_CASE("the note keeps clear of the slides' hashtag, however long the hashtag and the note")
{
    FakeMetrics m;
    const std::string note(400, 'n');  // far wider than the row: it is cut to the room it has
    for (Size screen : {Size{1280, 720}, Size{1920, 1080}, Size{1080, 1920}}) {
        CAPTURE(screen.width);
        for (std::string hashtag : {"#EndReprisals", "#HRC55SideEventOnReprisalsAgainstDefenders", ""}) {
            CAPTURE(hashtag);
            SlideContext context;
            context.screen = screen;
            context.hashtag = hashtag;
            context.count = 12;
            context.position = 10;
            SlideLayout slide = layout_event_card(Event{"Reprisals", "", hashtag}, "", context, m);
            SlideLayout banner = layout_banner(note, screen, m, hashtag);
            REQUIRE(banner.blocks.size() == 1);
            const Rect& box = banner.blocks[0].box;
            CHECK(banner.overflow);
            // Where the counter and the hashtag leave half the row, the note is
            // between them, not over either.
            int taken = 0;
            for (const TextLine& line : slide.lines)
                if (line.role == "hashtag" || line.role == "position") taken += line.box.w;
            for (const TextLine& line : slide.lines) {
                if (line.role != "hashtag" && line.role != "position") continue;
                if (taken > slide.safe.w / 2) continue;
                CAPTURE(line.role);
                const Rect& drawn = line.box;
                const bool apart = box.x + box.w <= drawn.x || drawn.x + drawn.w <= box.x;
                CHECK(apart);
            }
            // At least half the row for the note, whatever the hashtag, and inside it.
            CHECK(box.w >= slide.safe.w / 2 - slide.safe.w / 20);
            CHECK(box.x >= slide.safe.x);
            CHECK(box.x + box.w <= slide.safe.x + slide.safe.w);
        }
    }
}
