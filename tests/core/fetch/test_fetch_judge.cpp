// What a fetch means for the screen, and when to fetch next.
#include <doctest/doctest.h>

#include "core/fetch/fetch_judge.h"
#include "core/fetch/poll_policy.h"
#include "core/fetch/refusal.h"
#include "core/text/text.h"

using namespace placard;
using namespace std::chrono_literals;

namespace {

const std::string valid_feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
  "_placard": {"sequence": 2}, "items": [{"id": "a", "content_text": "x"}]})";

HttpResult ok(std::string body, std::string type = "application/feed+json")
{
    HttpResult r;
    r.status = 200;
    r.body = std::move(body);
    r.content_type = std::move(type);
    return r;
}

}  // namespace

TEST_CASE("judge_response: only a complete, valid feed is accepted")
{
    struct Case {
        const char* name;
        HttpResult result;
        Verdict verdict;
        const char* words;
    };
    HttpResult not_modified;
    not_modified.status = 304;
    HttpResult refused_connection;
    refused_connection.transport_error = "cannot connect to the server";
    HttpResult server_error = ok("oops");
    server_error.status = 500;
    HttpResult too_large = ok("");
    too_large.too_large = true;
    HttpResult truncated = ok(valid_feed.substr(0, 40));
    truncated.truncated = true;
    const Case cases[] = {
        {"valid feed", ok(valid_feed), Verdict::accepted, ""},
        {"304", not_modified, Verdict::unchanged, ""},
        {"no connection", refused_connection, Verdict::failed, "cannot connect"},
        {"HTTP 500", server_error, Verdict::failed, "HTTP 500"},
        {"too large", too_large, Verdict::refused, "4 MiB"},
        {"truncated", truncated, Verdict::refused, "cut short"},
        {"empty 200", ok(""), Verdict::refused, "empty"},
        {"captive portal by type", ok("<html><body>Log in to the Wi-Fi</body></html>", "text/html"), Verdict::refused, "web page"},
        {"captive portal sent as JSON", ok("  <!DOCTYPE html><html></html>", "application/json"), Verdict::refused, "web page"},
        {"invalid JSON", ok("{\"version\": "), Verdict::refused, "not valid JSON"},
        {"JSON error object", ok(R"({"error": "rate limited"})"), Verdict::refused, "not a valid feed"},
        {"invalid feed", ok(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [{"id": 1.5}]})"),
         Verdict::refused, "/items: the only item cannot be shown: it has an \"id\" that is the number 1.5"},
        // The reason is what the diagnostics' "Last attempt" line shows.
        {"sheet whose offset the spreadsheet made a time",
         ok("kind,text,time_zone\nevent,Side event,01:00:00 AM\nstatement,Hello,\n", "text/csv"), Verdict::refused,
         "not a valid feed: row 2, time_zone: \"01:00:00 AM\" looks like +01:00 turned into a time by the spreadsheet; "
         "format the column as plain text"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Judgement j = judge_response(c.result);
        CHECK(j.verdict == c.verdict);
        CHECK(j.reason.find(c.words) != std::string::npos);
        CHECK(j.feed.has_value() == (c.verdict == Verdict::accepted));
    }
    CHECK(judge_response(ok(valid_feed)).feed->sequence == 2);
}

TEST_CASE("judge_response: an invalid feed's first error is kept with its place, a sheet's row and column or a pointer")
{
    Judgement sheet = judge_response(ok("kind,text,time_zone\nevent,Side event,01:00:00 AM\nstatement,Hello,\n", "text/csv"));
    REQUIRE(sheet.first_error);
    CHECK(sheet.first_error->pointer == "row 2, time_zone");
    CHECK(sheet.first_error->message.rfind("\"01:00:00 AM\" looks like +01:00", 0) == 0);
    CHECK(sheet.errors == 1);
    Judgement json = judge_response(ok(R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "a", "content_text": "x", "_placard": {"kind": "statment"}},
                  {"id": "b", "content_text": "y", "_placard": {"kind": "tallly"}}]})"));
    REQUIRE(json.first_error);
    CHECK(json.first_error->pointer == "/items/0/_placard/kind");
    CHECK(json.first_error->message.rfind("unknown kind \"statment\"", 0) == 0);
    CHECK(json.errors == 2);
    CHECK(json.reason.find(json.first_error->pointer + ": " + json.first_error->message) != std::string::npos);
    // Refused for what it is as a whole, or not refused: no error with a place.
    CHECK_FALSE(judge_response(ok("")).first_error);
    CHECK_FALSE(judge_response(ok(valid_feed)).first_error);
}

TEST_CASE("the log line of a refused feed: its first error and place, once for each distinct problem, bounded")
{
    ProblemLog log;
    const std::string url = "https://example.org/sheet.csv";
    Judgement refused = judge_response(ok("kind,text,time_zone\nevent,Side event,01:00:00 AM\nstatement,Hello,\n", "text/csv"));
    auto first = log.line(url, refused);
    REQUIRE(first);
    CHECK(*first == "https://example.org/sheet.csv: refused: not a valid feed: row 2, time_zone: \"01:00:00 AM\" looks like "
                    "+01:00 turned into a time by the spreadsheet; format the column as plain text (feeds/FORMAT.md says how in each "
                    "spreadsheet) and type +01:00 again, or write the zone's name, like Europe/Zurich or America/New_York, "
                    "which follows summer time by itself; keeping the last good feed");
    CHECK_FALSE(log.line(url, refused));  // the next poll, the same error: not logged again
    CHECK_FALSE(log.line(url, refused));
    // Another problem is logged; the first one again after it, too.
    HttpResult down;
    down.transport_error = "cannot connect to the server";
    down.transport_problem = FetchProblem::no_answer;
    auto other = log.line(url, judge_response(down));
    REQUIRE(other);
    CHECK(*other == url + ": failed: cannot connect to the server; keeping the last good feed");
    CHECK(log.line(url, refused) == first);
    // A good feed forgets it: the same error later is news again.
    CHECK_FALSE(log.line(url, judge_response(ok(valid_feed))));
    CHECK(log.line(url, refused) == first);
    // More errors are counted; a hostile error is cut to one line of bounded length.
    Judgement many = refused;
    many.errors = 3;
    CHECK(log.line(url, many)->find("by itself (and 2 more); keeping") != std::string::npos);
    Judgement hostile = refused;
    hostile.first_error = FeedProblem{"row 2, " + std::string(50000, 'c'), "bad\n\x1b[31m" + std::string(100000, 'x') + "\xFF"};
    auto line = log.line(url, hostile);
    REQUIRE(line);
    CHECK(count_code_points(*line) < url.size() + refusal_log_chars + 80);
    CHECK(line->find('\n') == std::string::npos);
    CHECK(line->find('\x1b') == std::string::npos);
    CHECK(is_valid_utf8(*line));
}

TEST_CASE("poll_interval: config over feed, held to 15 s .. 24 h")
{
    CHECK(poll_interval(std::nullopt, std::nullopt) == 60s);
    CHECK(poll_interval(std::nullopt, 300) == 300s);
    CHECK(poll_interval(120, 300) == 120s);
    CHECK(poll_interval(1, std::nullopt) == 15s);
    CHECK(poll_interval(std::nullopt, 10 * 86400) == 86400s);
}

TEST_CASE("jitter spreads the interval by at most 10%")
{
    CHECK(jittered(60s, 0.0) == 54000ms);
    CHECK(jittered(60s, 0.5) == 60000ms);
    CHECK(jittered(60s, 0.999999) <= 66000ms);
    CHECK(jittered(60s, 0.999999) > 65900ms);
}

TEST_CASE("retry_delay grows exponentially, is capped, and is jittered")
{
    // With the top of the jitter range: 10, 20, 40, 80 s, ... capped at twice the interval.
    CHECK(retry_delay(1, 300s, 1.0) == 10000ms);
    CHECK(retry_delay(2, 300s, 1.0) == 20000ms);
    CHECK(retry_delay(3, 300s, 1.0) == 40000ms);
    CHECK(retry_delay(10, 300s, 1.0) == 600000ms);
    CHECK(retry_delay(50, 86400s, 1.0) == 900000ms);  // never more than 15 minutes
    CHECK(retry_delay(1, 300s, 0.0) == 5000ms);       // the bottom of the jitter range is half
    for (int n = 1; n < 12; ++n) CHECK(retry_delay(n + 1, 300s, 1.0) >= retry_delay(n, 300s, 1.0));
}

TEST_CASE("the staleness banner appears after three poll intervals and names the times")
{
    const std::int64_t t0 = 1386756000;  // 2013-12-11T10:00:00Z
    // Fresh: last success two intervals ago.
    CHECK_FALSE(staleness_banner(t0 + 120, t0, std::nullopt, t0, 60s, 0).has_value());
    // Stale: offline since 10:01, the feed is from 10:00 (Geneva is UTC+1 in December).
    auto banner = staleness_banner(t0 + 600, t0, t0 + 60, t0, 60s, 3600);
    REQUIRE(banner.has_value());
    CHECK(*banner == "Offline since 11:01 \xC2\xB7 showing the feed from 11:00");
    // Never fetched and no cache: say we are waiting.
    auto waiting = staleness_banner(t0 + 600, std::nullopt, t0, std::nullopt, 60s, 0);
    REQUIRE(waiting.has_value());
    CHECK(waiting->find("waiting for the feed") != std::string::npos);
    CHECK(clock_time(t0, -5 * 3600) == "05:00");  // New York
}

TEST_CASE("the staleness banner is in the slide's language, the feed's own wording first")
{
    const std::int64_t t0 = 1386756000;  // 2013-12-11T10:00:00Z
    auto french = staleness_banner(t0 + 600, t0, t0 + 60, t0, 60s, 3600, {}, "fr");
    REQUIRE(french.has_value());
    CHECK(*french == "Hors ligne depuis 11:01 \xC2\xB7 contenu de 11:00 affich\xC3\xA9");
    auto chinese = staleness_banner(t0 + 600, std::nullopt, t0, std::nullopt, 60s, 0, {}, "zh");
    REQUIRE(chinese.has_value());
    CHECK(*chinese == "\xE8\x87\xAA" "10:00\xE8\xB5\xB7\xE7\xA6\xBB\xE7\xBA\xBF \xC2\xB7 "
                      "\xE6\xAD\xA3\xE5\x9C\xA8\xE7\xAD\x89\xE5\xBE\x85\xE5\x86\x85\xE5\xAE\xB9");  // 自10:00起离线 · 正在等待内容
    // Another cause is the organiser's, named as it is.
    auto cause = staleness_banner(t0 + 600, t0, t0 + 60, t0, 60s, 0, "Feed not found (HTTP 404)", "es");
    REQUIRE(cause.has_value());
    CHECK(cause->rfind("Feed not found (HTTP 404) desde las 10:01", 0) == 0);
    WordOverrides words{{"fr", {{"offline", "Pas de connexion"}}}};
    auto reworded = staleness_banner(t0 + 600, t0, t0 + 60, t0, 60s, 0, {}, "fr", &words);
    REQUIRE(reworded.has_value());
    CHECK(reworded->rfind("Pas de connexion depuis 10:01", 0) == 0);
}
