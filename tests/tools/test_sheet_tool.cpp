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

    test::write_file(dir / "bad.csv", "kind,text,starts_at,speker\nevent,Side event,,\nstatement,Hello,tomorrow,Ana\n");
    auto bad = test::run(test::bin("placard-feed") + " validate " + dir / "bad.csv");
    CHECK(bad.code == 1);
    CHECK_MESSAGE(contains(bad.output, "bad.csv: row 3, starts_at: \"tomorrow\" is not a date"), bad.output);
    CHECK(contains(bad.output, "bad.csv: row 1, column D: warning: \"speker\" is not a column Placard reads, so it is "
                               "ignored; did you mean \"speaker\"?"));
    CHECK(contains(bad.output, "invalid (1 error)"));
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
