// Spreadsheet feeds: a CSV with a header row is read into the same feed as the
// JSON an editor would write, with every problem at its row and column.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/sheet/csv_table.h"
#include "core/sheet/feed_csv.h"
#include "core/sheet/feed_format.h"
#include "core/feed/json_check.h"
#include "core/sheet/sheet_cells.h"
#include "core/feed/time_zone.h"

using namespace placard;

namespace {

bool has_problem(const std::vector<FeedProblem>& problems, const std::string& place, const std::string& words)
{
    for (const auto& p : problems)
        if (p.pointer == place && p.message.find(words) != std::string::npos) return true;
    return false;
}

std::string all(const std::vector<FeedProblem>& problems)
{
    std::string out;
    for (const auto& p : problems) out += p.pointer + ": " + p.message + "\n";
    return out;
}

const std::string header = "kind,id,text,speaker,language,starts_at,expires_at,value,breakdown,time_zone,sequence\n";
const std::string event_row = "event,,Side event,,en,,,,,+01:00,4\n";

// The cell read in the zone a time_zone cell gives ("" for none).
Zone zone_of(std::string_view time_zone)
{
    if (time_zone.empty()) return nullptr;
    auto z = sheet_time_zone(time_zone, system_time_zones());
    REQUIRE_MESSAGE(cell_ok(z), std::get<1>(z).message);
    return std::get<0>(z);
}

std::string date_cell(std::string_view cell, std::string_view time_zone = "")
{
    auto c = sheet_date_time(cell, zone_of(time_zone).get());
    return cell_ok(c) ? std::get<0>(c) : "error: " + std::get<1>(c).message;
}


}  // namespace

TEST_CASE("the template sheet is a feed: translations, a tally with its breakdown, times in the event's zone")
{
    std::ifstream in(PLACARD_SOURCE_DIR "/feeds/examples/sheet-template.csv", std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    FeedCheck check = parse_sheet_feed(s.str());
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    CHECK_MESSAGE(check.warnings.empty(), all(check.warnings));
    const Feed& feed = *check.feed;
    CHECK(feed.event.name == "Reprisals against human rights defenders");
    CHECK(feed.event.hashtag == "#EndReprisals");
    CHECK(feed.sequence == 1);
    REQUIRE(feed.items.size() == 4);
    const Item& statement = feed.items[0];
    CHECK(statement.speaker == "Universal Declaration of Human Rights, Article 1");
    CHECK(statement.organisation == "United Nations");
    REQUIRE(statement.translations.size() == 2);
    CHECK(statement.translations[0].language == "fr");
    CHECK(statement.translations[1].language == "ar");
    CHECK(feed.items[1].url == "https://www.ohchr.org/");
    const Item& tally = feed.items[2];
    CHECK(tally.kind == ItemKind::tally);
    CHECK(tally.tally.value == 4);
    CHECK_FALSE(tally.tally.approximate);
    REQUIRE(tally.tally.breakdown.size() == 3);
    CHECK(tally.tally.breakdown[1].label == "Civil society");
    CHECK(tally.tally.breakdown[1].value == 2);
    const Item& notice = feed.items[3];
    CHECK(notice.priority == Priority::pinned);
    // In the event's named zone, summer time and all; the window is not over before an editor tries it.
    CHECK(notice.starts_at == "2026-01-01T09:00:00+01:00");
    CHECK(notice.expires_at == "2030-12-31T18:00:00+01:00");
    CHECK(tally.tally.as_of == "2026-06-15");
}

TEST_CASE("what real exports contain: BOM, CRLF, quoted line breaks, blank rows and columns, a notes column")
{
    const std::string csv = "\xEF\xBB\xBF" "Kind,ID,Text,Speaker,,Notes,,\r\n"
                            "event,,Side event,,,,,\r\n"
                            "statement,a,\"First line\r\nsecond line, with a comma and \"\"quotes\"\"\",Ana,,call her,,\r\n"
                            ",,,,,,,\r\n"
                            "\r\n"
                            "statement,b,Another,Ben,,,,\r\n"
                            ",,,,,,,\r\n"
                            ",,,,,,,\r\n";
    FeedCheck check = parse_sheet_feed(csv);
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    CHECK_MESSAGE(check.warnings.empty(), all(check.warnings));
    REQUIRE(check.feed->items.size() == 2);
    CHECK(check.feed->items[0].text == "First line\nsecond line, with a comma and \"quotes\"");
    CHECK(check.feed->items[1].id == "b");
}

TEST_CASE("rows are numbered as the spreadsheet numbers them")
{
    // A quoted line break stays in its row; blank rows and CRLF count once each.
    CsvTable t = read_csv("a,b\r\n\"x\ny\",1\r\n\r\n\n,\nlast,2", 64, 100);
    REQUIRE(!t.error);
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[1].number == 2);
    CHECK(t.rows[2].number == 6);
    CHECK(read_csv("a;b;c\n1;2;3\n", 64, 100).delimiter == ';');
    CHECK(read_csv("a\tb\n", 64, 100).delimiter == '\t');
    CsvTable open_quote = read_csv("a,b\n1,\"never closed\n", 64, 100);
    REQUIRE(open_quote.error);
    CHECK(open_quote.error->row == 2);
    CHECK(open_quote.error->column == 1);
    CHECK(read_csv(std::string(10, '\n') + "a\nb\nc\n", 64, 2).too_many_rows);
}

TEST_CASE("every problem names the row and the column, with the rules of JSON feeds")
{
    const std::string csv = header + event_row
                            + "statement,s1,Fine,Ana,en,,,,,,\n"                          // row 3
                            + "statement,s2,When?,Ben,en,next tuesday,,,,,\n"             // row 4
                            + "tally,t1,Count,,en,,,thirty,,,\n"                          // row 5
                            + "tally,t2,Count,,en,,,3,Africa 12,,\n"                      // row 6
                            + "quote,s3,Odd kind,Cy,en,,,,,,\n"                           // row 7
                            + "statement,s4,,Dee,en,,,,,,\n"                              // row 8
                            + "statement,s1,Again,Eve,en,,,,,,\n"                         // row 9
                            + "statement,s5,Window,Flo,en,2013-12-11 10:00,2013-12-11 09:00,,,,\n"  // row 10
                            + "statement,s6," + std::string(4001, 'x') + ",Gil,en,,,,,,\n";  // row 11
    FeedCheck check = parse_sheet_feed(csv);
    CHECK_FALSE(check.ok());
    CHECK_MESSAGE(has_problem(check.errors, "row 4, starts_at", "\"next tuesday\" is not a date"), all(check.errors));
    CHECK_MESSAGE(has_problem(check.errors, "row 5, value", "\"thirty\" is not a number"), all(check.errors));
    CHECK_MESSAGE(has_problem(check.errors, "row 6, breakdown", "Africa: 12; Asia: 9"), all(check.errors));
    CHECK_MESSAGE(has_problem(check.errors, "row 7, kind", "unknown kind \"quote\""), all(check.errors));
    CHECK_MESSAGE(has_problem(check.errors, "row 10, expires_at", "is not after starts_at"), all(check.errors));
    CHECK(check.errors.size() == 5);
    // As in a JSON feed, a row with nothing to show or an id used before is
    // skipped, and a text over the limit shortened, each with a warning.
    CHECK_MESSAGE(has_problem(check.warnings, "row 8", "skipped: no text; write the statement in the text column"),
                  all(check.warnings));
    CHECK_MESSAGE(has_problem(check.warnings, "row 9, id", "skipped: its id \"s1\" is already the id of row 3"),
                  all(check.warnings));
    CHECK_MESSAGE(has_problem(check.warnings, "row 11, text", "shortened: the text has 4001 characters"), all(check.warnings));
}

TEST_CASE("the header: names are forgiving, mistakes are caught")
{
    FeedCheck typo = parse_sheet_feed("kind,text,speeker,Notes\nstatement,Hello,Ana,mine\n");
    REQUIRE(typo.ok());
    CHECK_MESSAGE(has_problem(typo.warnings, "row 1, column C", "did you mean \"speaker\"?"), all(typo.warnings));
    CHECK(typo.warnings.size() == 3);  // and the missing event row, and so no speaker
    CHECK(has_problem(typo.warnings, "", "no event row"));
    CHECK(has_problem(typo.warnings, "row 2", "write who said it in the speaker column"));

    FeedCheck twice = parse_sheet_feed("text,Text\nHello,Hi\n");
    CHECK(has_problem(twice.errors, "row 1, column B", "is a column twice"));
    FeedCheck none = parse_sheet_feed("name,age\nAna,3\n");
    CHECK(has_problem(none.errors, "row 1", "names no column Placard reads"));
    FeedCheck stray = parse_sheet_feed("text,\nHello,stray\n");
    CHECK(has_problem(stray.warnings, "row 2, column B", "has text but its column has no name"));
    CHECK(has_problem(parse_sheet_feed("").errors, "", "the sheet is empty"));
    CHECK(has_problem(parse_sheet_feed("text\n\xFF\n").errors, "", "save the sheet as CSV with the character set UTF-8"));
    FeedCheck event_only = parse_sheet_feed("text,venue\nHello,Room XX\n");
    CHECK(has_problem(event_only.warnings, "row 2, venue", "read only on the event row"));
}

TEST_CASE("a number the screen cannot hold exactly, a second name for a column, an address over two lines")
{
    CHECK(std::get<1>(sheet_number("9007199254740993")).message
          == "9007199254740993 cannot be held exactly: it would be read as 9007199254740992; write whole numbers up to "
             "9007199254740992 (2^53) and at most 15 significant digits");
    CHECK(std::get<0>(sheet_number("9007199254740992")) == 9007199254740992.0);
    CHECK(std::get<0>(sheet_number("0.1")) == 0.1);
    FeedCheck tally = parse_sheet_feed("kind,text,value,breakdown\ntally,Count,9007199254740993,\ntally,Parts,3,A: 1.00000000000000001\n");
    CHECK_MESSAGE(has_problem(tally.errors, "row 2, value", "would be read as 9007199254740992"), all(tally.errors));
    CHECK_MESSAGE(has_problem(tally.errors, "row 3, breakdown", "would be read as 1;"), all(tally.errors));
    CHECK(tally.errors.size() == 2);

    FeedCheck both = parse_sheet_feed("text,speaker,organisation,organization\nHello,Ana,UN,OHCHR\n");
    CHECK_MESSAGE(has_problem(both.errors, "row 1, column D", "\"organization\" and \"organisation\" are the same column; keep one"),
                  all(both.errors));

    FeedCheck picture = parse_sheet_feed("text,speaker,image\nHello,Ana,\"https://e.org/a\nb.jpg\"\n");
    CHECK_MESSAGE(has_problem(picture.warnings, "row 2, image", "ignored: the address has a line break"),
                  all(picture.warnings));
}

TEST_CASE("the same limits as JSON feeds")
{
    std::string rows = "text\n";
    for (int i = 0; i < 2001; ++i) rows += "Statement " + std::to_string(i) + "\n";
    CHECK(has_problem(parse_sheet_feed(rows).errors, "", "limit is 2000"));
    CHECK(has_problem(parse_sheet_feed(std::string(FeedLimits::max_body_bytes + 1, 'x')).errors, "", "4 MiB"));
    FeedCheck too_many_parts = parse_sheet_feed(
        "kind,text,value,breakdown\ntally,T,1,a:1;b:1;c:1;d:1;e:1;f:1;g:1;h:1;i:1;j:1;k:1;l:1;m:1\n");
    CHECK(has_problem(too_many_parts.errors, "row 2, breakdown", "at most 12"));
}

TEST_CASE("dates as spreadsheets write them, where they cannot be misread")
{
    CHECK(date_cell("2013-12-11T10:00:00Z") == "2013-12-11T10:00:00Z");
    CHECK(date_cell("2013-12-11 10:00", "+01:00") == "2013-12-11T10:00:00+01:00");
    CHECK(date_cell("2013-12-11 10:00:30 UTC") == "2013-12-11T10:00:30Z");
    CHECK(date_cell("11 December 2013 10:00", "Z") == "2013-12-11T10:00:00Z");
    CHECK(date_cell("Dec 11, 2013 1:30 PM", "-05:00") == "2013-12-11T13:30:00-05:00");
    CHECK(date_cell("31/12/2013 12:00 AM", "Z") == "2013-12-31T00:00:00Z");
    CHECK(date_cell("12/31/2013 09:00", "Z") == "2013-12-31T09:00:00Z");
    CHECK(date_cell("11.12.2013 10:00 +0100") == "2013-12-11T10:00:00+01:00");
    CHECK(date_cell("11/12/2013 10:00", "Z") == "error: \"11/12/2013\" could be 11 December or November 12, as a "
                                                "spreadsheet writes a date in its own format; format the column as "
                                                "plain text (feeds/FORMAT.md says how in each spreadsheet) and write "
                                                "the date year first, as 2013-12-11 or 2013-11-12");
    CHECK(date_cell("2013-12-11 10:00").find("has no time zone") != std::string::npos);
    CHECK(date_cell("2013-12-11", "Z").find("has no time") != std::string::npos);
    CHECK(date_cell("2013-02-30 10:00", "Z").find("not a day of the calendar") != std::string::npos);
    CHECK(date_cell("11/12/1 10:00", "Z").find("year in full") != std::string::npos);
    CHECK(date_cell("2013-12-11 25:00", "Z").find("not a time of day") != std::string::npos);
    auto as_of = sheet_date_or_time("11 December 2013", nullptr);
    REQUIRE(cell_ok(as_of));
    CHECK(std::get<0>(as_of) == "2013-12-11");
    auto zone = sheet_utc_offset("Europe/Geneva");
    REQUIRE_FALSE(cell_ok(zone));
    CHECK(std::get<1>(zone).message.find("+01:00") != std::string::npos);
    CHECK(std::get<0>(sheet_utc_offset("UTC+2")) == "+02:00");
    CHECK(std::get<0>(sheet_utc_offset("\xE2\x88\x92" "05:00")) == "-05:00");
}

TEST_CASE("numbers, yes and no, and breakdowns as people type them")
{
    CHECK(std::get<0>(sheet_number(" 12.5 ")) == 12.5);
    CHECK(std::get<1>(sheet_number("1,234")).message.find("without separators") != std::string::npos);
    CHECK(std::get<0>(sheet_boolean("TRUE")));
    CHECK_FALSE(std::get<0>(sheet_boolean("no")));
    CHECK_FALSE(cell_ok(sheet_boolean("maybe")));
    auto parts = sheet_breakdown("Africa: 12; Asia: 9;\nLatin America and the Caribbean: 6");
    REQUIRE(cell_ok(parts));
    REQUIRE(std::get<0>(parts).size() == 3);
    CHECK(std::get<0>(parts)[2].label == "Latin America and the Caribbean");
    CHECK(std::get<1>(sheet_breakdown("Africa: twelve")).message.find("\"twelve\" is not a number") != std::string::npos);
}

TEST_CASE("a sheet is told from JSON by its content type, its name, its link or its first line")
{
    CHECK(feed_format("https://x.org/feed", "text/csv; charset=utf-8", "{") == FeedFormat::sheet);
    CHECK(feed_format("https://x.org/feed.csv", "application/json", "") == FeedFormat::json);
    CHECK(feed_format("event.CSV", "", "") == FeedFormat::sheet);
    CHECK(feed_format("https://docs.example/spreadsheets/d/e/XYZ/pub?gid=0&single=true&output=csv", "", "")
          == FeedFormat::sheet);
    CHECK(feed_format("https://x.org/export?format=csv", "text/plain", "") == FeedFormat::sheet);
    CHECK(feed_format("feed.json", "", "\xEF\xBB\xBF  {\"version\": 1}") == FeedFormat::json);
    CHECK(feed_format("", "", "id,Text,speaker\r\ns1,Hello,Ana\r\n") == FeedFormat::sheet);
    CHECK(feed_format("", "", "not json at all") == FeedFormat::json);
    CHECK(parse_feed_from("kind,text\nstatement,Hello\n", "cache").ok());
}

TEST_CASE("convert writes the JSON the checks were made on")
{
    SheetConversion sheet = convert_sheet(header + event_row + "statement,s1,Hello,Ana,en,2013-12-11 10:00,,,,,\n",
                                          JsonStyle::indented);
    CHECK(sheet.errors.empty());
    FeedCheck again = parse_feed(sheet.json);
    REQUIRE(again.ok());
    CHECK(again.feed->sequence == 4);
    CHECK(again.feed->items[0].starts_at == "2013-12-11T10:00:00+01:00");
    CHECK(sheet.json.find("\"sequence\": 4") != std::string::npos);  // a whole number, not 4.0
}

TEST_CASE("counts read as English: 1 error, 2 errors")
{
    CHECK(count_of(1, "error") == "1 error");
    CHECK(count_of(0, "item") == "0 items");
    CHECK(count_of(2, "error") == "2 errors");
}

TEST_CASE("the withheld and attribution columns withhold a speaker's identity, either one alone withholds")
{
    const std::string csv = "kind,id,text,speaker,role,withheld,attribution\n"
                            "event,,Side event,,,,\n"
                            "statement,a,They followed me.,Zofia Wrzesniewska,Lawyer,yes,A defender from the region\n"
                            "statement,b,They followed me.,Zofia Wrzesniewska,,1,\n"
                            "statement,c,Shown as written.,Ana Open,,no,\n"
                            "statement,d,They followed me.,Zofia Wrzesniewska,,,A defender\n"
                            "statement,e,They followed me.,Zofia Wrzesniewska,,maybe,\n";
    FeedCheck check = parse_sheet_feed(csv);
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    const auto& items = check.feed->items;
    REQUIRE(items.size() == 5);
    CHECK(items[0].withheld);
    CHECK(items[0].attribution == "A defender from the region");
    CHECK(items[0].speaker.empty());
    CHECK(items[0].role.empty());
    CHECK(has_problem(check.warnings, "row 3, role", "not shown"));
    CHECK(items[1].withheld);
    CHECK(items[1].attribution.empty());
    CHECK_FALSE(items[2].withheld);
    CHECK(items[2].speaker == "Ana Open");
    CHECK(items[3].withheld);
    CHECK(has_problem(check.warnings, "row 6, attribution", "write yes in withheld, or clear the attribution"));
    CHECK(items[4].withheld);
    CHECK(has_problem(check.warnings, "row 7, withheld", "read as yes"));
    for (const auto& w : check.warnings) CHECK(w.message.find("Wrzesniewska") == std::string::npos);

    SheetConversion json = convert_sheet(csv);
    CHECK(json.json.find(R"("withheld":{"attribution":"A defender from the region"})") != std::string::npos);
}
