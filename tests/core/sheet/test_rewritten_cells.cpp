// Cells a spreadsheet rewrote as it saw fit: an offset made a time, a date in
// the spreadsheet's own short format, a time on the spreadsheet's day zero, a
// number in scientific notation, TRUE in another language. Each error names
// the cell, says what the spreadsheet did, and the fix.
#include <doctest/doctest.h>

#include "core/feed/time_zone.h"
#include "core/sheet/feed_csv.h"
#include "core/sheet/sheet_cells.h"

using namespace placard;

namespace {

std::string zone_cell(std::string_view cell)
{
    auto z = sheet_time_zone(cell, system_time_zones());
    return cell_ok(z) ? "read as " + std::get<0>(z)->name() : std::get<1>(z).message;
}

std::string date_cell(std::string_view cell)
{
    auto zone = fixed_offset_zone(3600);
    auto c = sheet_date_time(cell, zone.get());
    return cell_ok(c) ? std::get<0>(c) : std::get<1>(c).message;
}

std::string errors_of(const FeedCheck& check)
{
    std::string out;
    for (const auto& p : check.errors) out += p.pointer + ": " + p.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("an offset the spreadsheet turned into a time is told as such, with the offset that was typed")
{
    const std::string fix = "format the column as plain text (feeds/FORMAT.md says how in each spreadsheet) and type ";
    CHECK(zone_cell("01:00:00 AM") == "\"01:00:00 AM\" looks like +01:00 turned into a time by the spreadsheet; " + fix
                                          + "+01:00 again, or write the zone's name, like Europe/Zurich or "
                                            "America/New_York, which follows summer time by itself");
    CHECK(zone_cell("1:00:00").rfind("\"1:00:00\" looks like +01:00 turned into a time by the spreadsheet", 0) == 0);
    CHECK(zone_cell("01:00").find("looks like +01:00 turned into a time") != std::string::npos);
    CHECK(zone_cell("-5:00:00").find("looks like -05:00 turned into a time") != std::string::npos);
    CHECK(zone_cell("-05:00:00").find("looks like -05:00 turned into a time") != std::string::npos);
    CHECK(zone_cell("05:30:00").find("looks like +05:30 turned into a time") != std::string::npos);
    CHECK(zone_cell("2:00:00 PM").find("looks like +14:00") != std::string::npos);
    CHECK(zone_cell("0.0416666666666667").find("looks like +01:00 turned into a time and shown as a fraction of a day")
          != std::string::npos);
    CHECK(zone_cell("-0.208333333333333").find("looks like -05:00") != std::string::npos);
    // What people type is read as before.
    CHECK(zone_cell("+01:00") == "read as +01:00");
    CHECK(zone_cell("-05:00") == "read as -05:00");
    CHECK(zone_cell("UTC") == "read as UTC");
    CHECK(zone_cell("Europe/Zurich") == "read as Europe/Zurich");
    CHECK(zone_cell("europe/zurich") == "read as Europe/Zurich");
    // A name that is not a zone: the one meant.
    CHECK(zone_cell("Europe/Geneva") == "\"Europe/Geneva\" is not a time zone's name; did you mean \"Europe/Zurich\"?");
    CHECK(zone_cell("America/New York") == "read as America/New_York");
    CHECK(zone_cell("Zurich") == "\"Zurich\" is not a time zone's name; did you mean \"Europe/Zurich\"?");
    CHECK(zone_cell("Mars/Olympus").find("is not a time zone's name; write the zone's name, like Europe/Zurich")
          != std::string::npos);
    CHECK(zone_cell("soon").find("\"soon\" is not a time zone; write the zone's name") != std::string::npos);
}

TEST_CASE("a date the spreadsheet rewrote in its own format")
{
    CHECK(date_cell("06/15/26 03:00 PM")
          == "\"06/15/26\" has a two-digit year: the spreadsheet wrote the date in its own short format; "
             "format the column as plain text (feeds/FORMAT.md says how in each spreadsheet) and write the date as "
             "2026-06-15 (year-month-day)");
    CHECK(date_cell("15/06/26 13:00").find("write the date as 2026-06-15") != std::string::npos);
    CHECK(date_cell("15.06.26 13:00").find("write the date as 2026-06-15") != std::string::npos);
    CHECK(date_cell("12/11/26 13:00").find("two-digit year: the spreadsheet wrote the date in its own short format; "
                                           "format the column as plain text (feeds/FORMAT.md says how in each "
                                           "spreadsheet) and write the date as 2026-11-12 or 2026-12-11")
          != std::string::npos);
    CHECK(date_cell("12/11/2026 13:00").find("could be 12 November or December 11, as a spreadsheet writes a date in "
                                             "its own format; format the column as plain text")
          != std::string::npos);
    CHECK(date_cell("11.12.2026 13:00") == "2026-12-11T13:00:00+01:00");  // dots: day first, as everywhere they are used
    CHECK(date_cell("1899-12-30 13:00:00")
          == "\"1899-12-30 13:00:00\" is a time with no date: the spreadsheet dated it on the day it counts from; "
             "write the date too, like 2026-06-15 13:00:00");
    CHECK(date_cell("12/30/1899 13:00").find("is a time with no date") != std::string::npos);
    CHECK(date_cell("2026-06-15 13:00:00") == "2026-06-15T13:00:00+01:00");
    // A date in a cell formatted as a date and time, where a date is wanted.
    auto as_of = sheet_date_or_time("2026-06-15 00:00:00", nullptr);
    REQUIRE(cell_ok(as_of));
    CHECK(std::get<0>(as_of) == "2026-06-15");
}

TEST_CASE("a number in scientific notation, and TRUE and FALSE in the spreadsheet's language")
{
    auto shortened = sheet_number("1.23E+05");
    REQUIRE_FALSE(cell_ok(shortened));
    CHECK(std::get<1>(shortened).message
          == "\"1.23E+05\" is a number the spreadsheet shortened to scientific notation, which keeps only its first "
             "digits; format the column as a number with no decimals, or as plain text, and type the number again");
    CHECK(std::get<0>(sheet_number("123000")) == 123000);
    CHECK(std::get<0>(sheet_boolean("VRAI")));
    CHECK(std::get<0>(sheet_boolean("WAHR")));
    CHECK_FALSE(std::get<0>(sheet_boolean("FAUX")));
    CHECK_FALSE(std::get<0>(sheet_boolean("FALSCH")));
    CHECK_FALSE(std::get<0>(sheet_boolean("falso")));
}

TEST_CASE("in a sheet, the rewritten cells are named by row and column, and one bad time_zone is one error")
{
    FeedCheck check = parse_sheet_feed("kind,id,text,starts_at,expires_at,value,time_zone\n"
                                       "event,,Side event,,,,01:00:00 AM\n"
                                       "notice,n1,Welcome,2026-06-15 13:00,06/15/26 03:00 PM,,\n"
                                       "tally,t1,Count,,,1.23E+05,\n");
    REQUIRE_FALSE(check.ok());
    const std::string errors = errors_of(check);
    CHECK_MESSAGE(errors.find("row 2, time_zone: \"01:00:00 AM\" looks like +01:00 turned into a time by the spreadsheet")
                      != std::string::npos, errors);
    CHECK_MESSAGE(errors.find("row 3, expires_at: \"06/15/26\" has a two-digit year") != std::string::npos, errors);
    CHECK_MESSAGE(errors.find("row 4, value: \"1.23E+05\" is a number the spreadsheet shortened") != std::string::npos,
                  errors);
    CHECK_MESSAGE(errors.find("has no time zone") == std::string::npos, errors);
    CHECK_MESSAGE(check.errors.size() == 3, errors);
}
