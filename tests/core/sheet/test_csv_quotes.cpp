// A cell whose closing quote is missing: refused at the row and column where
// its quote opened, not read as a cell that takes in the rows after it. The
// cells of several lines that spreadsheets write are still read.
#include <doctest/doctest.h>

#include "core/sheet/csv_table.h"
#include "core/sheet/feed_csv.h"

using namespace placard;

namespace {

std::string all(const std::vector<FeedProblem>& problems)
{
    std::string out;
    for (const auto& p : problems) out += p.pointer + ": " + p.message + "\n";
    return out;
}

// The one error a sheet gets, as "place: message".
std::string only_error(const std::string& csv)
{
    FeedCheck check = parse_sheet_feed(csv);
    CHECK_FALSE(check.feed.has_value());
    return check.errors.size() == 1 ? check.errors[0].pointer + ": " + check.errors[0].message : all(check.errors);
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const std::string fix = "close the quote where the cell ends, or double a quote inside a cell as \"\"";

// Eleven columns, every row written out in full, as spreadsheets export.
const std::string header = "kind,id,text,speaker,language,starts_at,expires_at,value,breakdown,time_zone,sequence\n";
const std::string event_row = "event,,Side event,,en,,,,,+01:00,4\n";

}  // namespace

TEST_CASE("a statement whose closing quote is missing does not take in the rows after it")
{
    // Without the check, row 3's text ran on to the quote that opens row 4's,
    // the sheet passed with two items for three rows, and row 4's raw CSV
    // was on a slide under Ana's name.
    const std::string csv = header + event_row
                            + "statement,s1,\"We call for an end to reprisals,Ana,en,,,,,,\n"  // row 3
                            + "statement,s2,\"Second, with a comma\",Ben,en,,,,,,\n"           // row 4
                            + "statement,s3,Third,Cy,en,,,,,,\n";
    const std::string e = only_error(csv);
    CHECK_MESSAGE(has(e, "row 3, text: the quote at line 3, column 14 opens this cell, which runs on to line 4"), e);
    CHECK_MESSAGE(has(e, "the cell's closing quote is probably missing"), e);
    CHECK_MESSAGE(has(e, fix), e);
}

TEST_CASE("a quote never closed before the end of the file names where it opened")
{
    const std::string csv = header + event_row
                            + "statement,s1,Fine,Ana,en,,,,,,\n"
                            + "statement,s2,\"Never closed,Ben,en,,,,,,\n"  // row 4
                            + "statement,s3,Third,Cy,en,,,,,,\n";
    const std::string e = only_error(csv);
    CHECK_MESSAGE(has(e, "row 4, text: the quote at line 4, column 14 opens this cell and is never closed"), e);
    CHECK_MESSAGE(has(e, fix), e);
    CHECK(has(only_error("text,speaker\nHello,\"Ana"), "row 2, speaker: the quote at line 2, column 7"));
    // In the header row itself, the column has no name yet.
    CHECK(has(only_error("kind,\"text\nstatement,Hello\n"), "row 1, column B: the quote at line 1, column 6"));
}

TEST_CASE("a quoted cell whose lines each have a row's cells is a quote left open")
{
    // The only other quote is a stray one at the end of a cell, right before
    // the delimiter, so the cell ends there without a fault of its own.
    const std::string wide = header + "statement,s1,\"Opening words,Ana,en,,,,,,\n"  // row 2
                             + "statement,s2,Screens of 55\",Ben,en,,,,,,\n";
    const std::string e = only_error(wide);
    CHECK_MESSAGE(has(e, "row 2, text: the quote at line 2, column 14 opens this cell, which runs on over 2 lines, to "
                         "line 3, and each of them has 11 cells, as the header row has"),
                  e);
    CHECK_MESSAGE(has(e, fix), e);
    // With few columns, a whole row must be inside it.
    const std::string narrow = "kind,id,text,speaker\n"
                               "statement,s1,\"Opening,Ana\n"
                               "statement,s2,Middle,Ben\n"
                               "statement,s3,Closing 55\",Cy\n";
    CHECK(has(only_error(narrow), "row 2, text: the quote at line 2, column 14 opens this cell, which runs on over 3 lines"));
}

TEST_CASE("the quoted cells spreadsheets write are read as before")
{
    // Two paragraphs whose commas happen to fill a narrow row: read as one cell.
    FeedCheck paragraphs = parse_sheet_feed("kind,id,text,speaker\n"
                                            "statement,s1,\"Thank you, Chair.\nWe, the undersigned, call on all\",Ana\n"
                                            "statement,s2,Next,Ben\n");
    REQUIRE_MESSAGE(paragraphs.ok(), all(paragraphs.errors));
    REQUIRE(paragraphs.feed->items.size() == 2);
    CHECK(paragraphs.feed->items[0].text == "Thank you, Chair.\nWe, the undersigned, call on all");

    // Three paragraphs, doubled quotes, an empty quoted cell, spaces after a
    // closing quote, CRLF, and a stray quote in an unquoted cell.
    const std::string csv = header + event_row
                            + "statement,s1,\"First, second, third.\r\n\r\nHe said \"\"no\"\", twice.\",Ana,en,,,,,,\r\n"
                            + "statement,s2,A 55\" screen,\"Ben\" ,\"\",,,,,,\r\n"
                            + "statement,s3,\"Last\",Cy,en,,,,,,";
    FeedCheck check = parse_sheet_feed(csv);
    REQUIRE_MESSAGE(check.ok(), all(check.errors));
    REQUIRE(check.feed->items.size() == 3);
    CHECK(check.feed->items[0].text == "First, second, third.\n\nHe said \"no\", twice.");
    CHECK(check.feed->items[1].text == "A 55\" screen");
    CHECK(check.feed->items[1].speaker == "Ben");

    FeedCheck semicolons = parse_sheet_feed("kind;text;speaker\nstatement;\"One; two\nthree\";Ana\n");
    REQUIRE_MESSAGE(semicolons.ok(), all(semicolons.errors));
    CHECK(semicolons.feed->items[0].text == "One; two\nthree");
}

TEST_CASE("a quote inside a quoted cell that is not doubled is refused where it is")
{
    const std::string e = only_error("text,speaker\n\"He said \"no\" twice\",Ana\n");
    CHECK_MESSAGE(has(e, "row 2, text: a quote at line 2, column 10 inside this quoted cell neither ends it nor is doubled"), e);
    CHECK(has(only_error("text,speaker\n\"Closed\" and more,Ana\n"), "row 2, text: a quote at line 2, column 8"));
}

TEST_CASE("the row named is the spreadsheet's, past blank rows, CRLF and cells of several lines")
{
    CsvTable t = read_csv("kind,id,text,speaker\r\n"
                          "\r\n"                                // row 2, blank
                          "statement,s1,\"Two\r\nlines\",Ana\r\n"  // row 3, lines 3 and 4
                          "statement,s2,\"Open,Ben\r\n"           // row 4, line 5
                          "statement,s3,\"Third\",Cy\r\n",
                          64, 100);
    REQUIRE(t.error);
    CHECK(t.error->row == 4);
    CHECK(t.error->column == 2);
    CHECK_MESSAGE(has(t.error->message, "line 5, column 14"), t.error->message);
}
