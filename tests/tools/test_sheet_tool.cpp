// placard-feed with spreadsheet feeds: validate, convert and preview read a
// CSV as they read JSON, and report problems at the sheet's rows and columns.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/feed/feed_parse.h"
#include "shell_support.h"

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const std::string template_csv = test::source("feeds/examples/sheet-template.csv");

}  // namespace

TEST_CASE("validate reads a sheet and names the row and column of each problem, counting in English")
{
    test::ScratchDir dir("sheet-validate");
    auto good = test::run(test::bin("placard-feed") + " validate " + template_csv);
    CHECK_MESSAGE(good.code == 0, good.output);
    CHECK(contains(good.output, "sheet-template.csv: valid (4 items)"));
    // Judged by today's clock: the template's notice has not already expired (it did, dated 2013).
    CHECK_MESSAGE(!contains(good.output, "warning"), good.output);

    test::write_file(dir / "bad.csv", "kind,text,starts_at,speker\nevent,Side event,,\nstatement,Hello,tomorrow,Ana\n");
    auto bad = test::run(test::bin("placard-feed") + " validate " + dir / "bad.csv");
    CHECK(bad.code == 1);
    CHECK_MESSAGE(contains(bad.output, "bad.csv: row 3, starts_at: \"tomorrow\" is not a date"), bad.output);
    CHECK(contains(bad.output, "bad.csv: row 1, column D: warning: \"speker\" is not a column Placard reads, so it is "
                               "ignored; did you mean \"speaker\"?"));
    CHECK(contains(bad.output, "invalid (1 error)"));
}

TEST_CASE("validate and --check say which cells the spreadsheet rewrote, and how to stop it")
{
    // As LibreOffice saves a sheet in which +01:00 and 2026-06-15 15:00 were
    // typed into cells that were not formatted as text, in a US locale.
    test::ScratchDir dir("sheet-rewritten");
    test::write_file(dir / "event.csv", "kind,id,text,starts_at,expires_at,time_zone\n"
                                        "event,,Side event,,,01:00:00 AM\n"
                                        "notice,n1,Welcome,2026-06-15 13:00:00,06/15/26 03:00 PM,\n");
    const std::string offset = "row 2, time_zone: \"01:00:00 AM\" looks like +01:00 turned into a time by the "
                               "spreadsheet; format the column as plain text";
    const std::string date = "row 3, expires_at: \"06/15/26\" has a two-digit year: the spreadsheet wrote the date "
                             "in its own short format; format the column as plain text";
    auto validated = test::run(test::bin("placard-feed") + " validate --no-clock " + dir / "event.csv");
    CHECK(validated.code == 1);
    CHECK_MESSAGE(contains(validated.output, "event.csv: " + offset), validated.output);
    CHECK_MESSAGE(contains(validated.output, "event.csv: " + date), validated.output);
    CHECK(contains(validated.output, "invalid (2 errors)"));
    test::write_file(dir / "placard.json", "{}");
    auto checked = test::run(test::bin("placard") + " --config " + dir / "placard.json" + " --check --feed "
                             + dir / "event.csv" + " --cache-dir " + dir / "cache");
    CHECK(checked.code == 1);
    CHECK_MESSAGE(contains(checked.output, offset), checked.output);
    CHECK_MESSAGE(contains(checked.output, date), checked.output);
}

TEST_CASE("validate, convert and --check refuse a sheet whose closing quote is missing, where the quote opened")
{
    // Before, all three took the sheet with two items for three rows, row 3's
    // raw CSV in row 2's text.
    test::ScratchDir dir("sheet-open-quote");
    test::write_file(dir / "open.csv", "kind,id,text,speaker\n"
                                       "statement,s1,\"We call for an end to reprisals,Ana\n"
                                       "statement,s2,\"Second\",Ben\n"
                                       "statement,s3,Third,Cy\n");
    auto validated = test::run(test::bin("placard-feed") + " validate --no-clock " + dir / "open.csv");
    CHECK(validated.code == 1);
    CHECK_MESSAGE(contains(validated.output, "open.csv: row 2, text: the quote at line 2, column 14 opens this cell, "
                                             "which runs on to line 3"),
                  validated.output);
    CHECK(contains(validated.output, "close the quote where the cell ends, or double a quote inside a cell as \"\""));
    CHECK(contains(validated.output, "invalid (1 error)"));
    auto converted = test::run(test::bin("placard-feed") + " convert " + dir / "open.csv" + " --out " + dir / "open.json");
    CHECK(converted.code == 1);
    CHECK_FALSE(std::filesystem::exists(dir / "open.json"));
    test::write_file(dir / "placard.json", "{}");
    auto checked = test::run(test::bin("placard") + " --config " + dir / "placard.json" + " --check --feed " + dir / "open.csv"
                             + " --cache-dir " + dir / "cache");
    CHECK(checked.code == 1);
    CHECK_MESSAGE(contains(checked.output, "row 2, text: the quote at line 2, column 14"), checked.output);
}

TEST_CASE("validate warns when a sheet names more pictures than a screen shows")
{
    test::ScratchDir dir("sheet-pictures");
    std::string csv = "text,speaker,image\n";
    for (int i = 0; i < 65; ++i) csv += "Statement " + std::to_string(i) + ",Ana,https://e.org/" + std::to_string(i) + ".jpg\n";
    test::write_file(dir / "pictures.csv", csv);
    auto r = test::run(test::bin("placard-feed") + " validate --no-clock " + dir / "pictures.csv");
    CHECK_MESSAGE(r.code == 0, r.output);
    CHECK_MESSAGE(contains(r.output, "pictures.csv: row 66, image: warning: the feed names 65 different pictures and a screen "
                                     "shows only the first 64, so this one is not shown"),
                  r.output);
}

TEST_CASE("convert writes a JSON feed that validates, and refuses a sheet with errors")
{
    test::ScratchDir dir("sheet-convert");
    auto r = test::run(test::bin("placard-feed") + " convert " + template_csv + " --out " + dir / "feed.json");
    REQUIRE_MESSAGE(r.code == 0, r.output);
    CHECK(contains(r.output, "4 items written to"));
    const std::string json = test::read_file(dir / "feed.json");
    placard::FeedCheck check = placard::parse_feed(json);
    REQUIRE(check.ok());
    CHECK(check.feed->items[0].translations.size() == 2);
    auto validated = test::run(test::bin("placard-feed") + " validate " + dir / "feed.json");
    CHECK_MESSAGE(validated.code == 0, validated.output);

    test::write_file(dir / "bad.csv", "kind,text,value\ntally,Count,thirty\n");
    auto refused = test::run(test::bin("placard-feed") + " convert " + dir / "bad.csv" + " --out " + dir / "bad.json");
    CHECK(refused.code == 1);
    CHECK(contains(refused.output, "row 2, value: \"thirty\" is not a number"));
    CHECK(contains(refused.output, "not converted: 1 error"));
    CHECK_FALSE(std::filesystem::exists(dir / "bad.json"));
    CHECK(test::run(test::bin("placard-feed") + " convert").code == 2);
}

TEST_CASE("preview renders a sheet's slides")
{
    test::ScratchDir dir("sheet-preview");
    auto r = test::run(test::bin("placard-feed") + " preview " + template_csv + " --out " + dir.str() + " --size 640x360");
    REQUIRE_MESSAGE(r.code == 0, r.output);
    auto layout = nlohmann::json::parse(test::read_file(dir / "layout.json"));
    std::string ids;
    for (const auto& slide : layout["slides"]) ids += slide["item_id"].get<std::string>() + " ";
    CHECK(ids == "s1 s2 t1 n1 ");
}
