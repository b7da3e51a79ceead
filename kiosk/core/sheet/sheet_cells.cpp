#include "core/sheet/sheet_cells.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/text/decimal.h"
#include "core/text/text.h"
#include "core/feed/exact_number.h"
#include "core/feed/rfc3339.h"
#include "core/feed/time_zone.h"

namespace placard {
namespace {

constexpr std::array<std::string_view, 12> month_names = {"january", "february", "march",     "april",   "may",      "june",
                                                          "july",    "august",   "september", "october", "november", "december"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool all_digits(std::string_view s)
{
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s)
{
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

// "dec", "December", "Sept." as 1 to 12.
std::optional<int> month_of(std::string_view word)
{
    std::string w = ascii_lower(word);
    if (!w.empty() && w.back() == '.') w.pop_back();
    if (w == "sept") w = "sep";
    if (w.size() < 3) return std::nullopt;
    for (std::size_t i = 0; i < month_names.size(); ++i)
        if (month_names[i].substr(0, w.size()) == w) return static_cast<int>(i) + 1;
    return std::nullopt;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool real_day(int y, int m, int d)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m >= 1 && m <= 12 && d >= 1 && d <= days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0);
}

std::string month_title(int m)
{
    std::string name(month_names[static_cast<std::size_t>(m - 1)]);
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

std::vector<std::string_view> tokens(std::string_view s, std::string_view separators)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && separators.find(s[i]) != std::string_view::npos) ++i;
        std::size_t start = i;
        while (i < s.size() && separators.find(s[i]) == std::string_view::npos) ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

// "11th" -> "11".
std::string_view without_ordinal(std::string_view s)
{
    if (s.size() > 2) {
        std::string end = ascii_lower(s.substr(s.size() - 2));
        if (end == "st" || end == "nd" || end == "rd" || end == "th") return s.substr(0, s.size() - 2);
    }
    return s;
}

constexpr const char* write_iso = "write the date as 2013-12-11 (year-month-day)";
constexpr const char* plain_text = "format the column as plain text (feeds/FORMAT.md says how in each spreadsheet)";

std::string iso_date(int y, int m, int d)
{
    char out[48];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

// "06/15/26" as it was meant, year first, for the message: in 2000-2099, the
// day first where dots are written, else either way when the day could be
// the month.
std::string short_year_example(int a, int b, int yy, bool day_first)
{
    const int y = 2000 + yy;
    if (day_first || (a > 12 && b <= 12)) return real_day(y, b, a) ? iso_date(y, b, a) : "2026-06-15";
    if (b > 12) return real_day(y, a, b) ? iso_date(y, a, b) : "2026-06-15";
    if (a < 1 || b < 1) return "2026-06-15";
    return a == b ? iso_date(y, a, b) : iso_date(y, b, a) + " or " + iso_date(y, a, b);
}

// A date with no time, as "YYYY-MM-DD".
Cell<std::string> civil_date(std::string_view s)
{
    auto parts = tokens(s, " ,/.-");
    auto done = [&](int y, int m, int d) -> Cell<std::string> {
        if (!real_day(y, m, d)) return CellError{quoted(s) + " is not a day of the calendar; " + write_iso};
        return iso_date(y, m, d);
    };
    if (parts.size() != 3) return CellError{quoted(s) + " is not a date; " + write_iso};
    std::optional<int> named;
    std::size_t named_at = 0;
    for (std::size_t i = 0; i < 3; ++i)
        if (!all_digits(without_ordinal(parts[i]))) {
            if (named) return CellError{quoted(s) + " is not a date; " + write_iso};
            named = month_of(parts[i]);
            named_at = i;
            if (!named) return CellError{quoted(s) + " is not a date; " + write_iso};
        }
    if (named) {
        // "December 11, 2013" or "11 December 2013": the year comes last.
        if (named_at == 2) return CellError{quoted(s) + " is not a date; " + write_iso};
        std::string_view day = without_ordinal(parts[named_at == 0 ? 1 : 0]), year = parts[2];
        if (!all_digits(day) || day.size() > 2 || year.size() != 4)
            return CellError{quoted(s) + " is not a date with the year in full; " + write_iso};
        return done(to_int(year), *named, to_int(day));
    }
    if (parts[0].size() == 4) return done(to_int(parts[0]), to_int(parts[1]), to_int(parts[2]));
    if (parts[2].size() == 2 && parts[0].size() <= 2 && parts[1].size() <= 2)
        return CellError{quoted(s) + " has a two-digit year: the spreadsheet wrote the date in its own short format; "
                         + plain_text + " and write the date as "
                         + short_year_example(to_int(parts[0]), to_int(parts[1]), to_int(parts[2]),
                                              s.find('.') != std::string_view::npos) + " (year-month-day)"};
    if (parts[2].size() != 4) return CellError{quoted(s) + " has no year in full; " + write_iso};
    const int a = to_int(parts[0]), b = to_int(parts[1]), y = to_int(parts[2]);
    // "11.12.2013" is day first wherever dots are written between the numbers.
    if (s.find('.') != std::string_view::npos) return done(y, b, a);
    if (a > 12 || a == b) return done(y, b, a);
    if (b > 12) return done(y, a, b);
    if (a < 1 || b < 1) return CellError{quoted(s) + " is not a day of the calendar; " + write_iso};
    return CellError{quoted(s) + " could be " + std::to_string(a) + " " + month_title(b) + " or " + month_title(a) + " "
           + std::to_string(b) + ", as a spreadsheet writes a date in its own format; " + plain_text
           + " and write the date year first, as " + iso_date(y, b, a) + " or " + iso_date(y, a, b)};
}

struct SplitCell {
    std::string_view date;
    std::string_view time;  // "" when the cell has none
};

// The date is everything before the first word with a colon (or after an ISO "T").
SplitCell split_date_time(std::string_view s)
{
    if (s.size() > 11 && s[4] == '-' && (s[10] == 'T' || s[10] == 't')) return {s.substr(0, 10), s.substr(11)};
    std::size_t colon = s.find(':');
    if (colon == std::string_view::npos) return {s, {}};
    std::size_t start = s.rfind(' ', colon);
    if (start == std::string_view::npos) return {s, {}};
    return {trim(s.substr(0, start)), trim(s.substr(start + 1))};
}

constexpr const char* write_time = "write it like 2013-12-11 10:00";

// "10:00", "10:00:30", "10:00 AM", "10:00pm", each with an optional offset, as
// "HH:MM:SS" and the offset ("" when none was written).
Cell<std::pair<std::string, std::string>> clock_time(std::string_view s, std::string_view whole)
{
    std::size_t i = 0;
    auto number = [&](int& into) {
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start || i - start > 2) return false;
        into = to_int(s.substr(start, i - start));
        return true;
    };
    int h = 0, m = 0, sec = 0;
    if (!number(h) || i >= s.size() || s[i] != ':') return CellError{quoted(whole) + " has no time; " + write_time};
    ++i;
    if (!number(m)) return CellError{quoted(whole) + " is not a time; " + write_time};
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!number(sec)) return CellError{quoted(whole) + " is not a time; " + write_time};
        if (i < s.size() && s[i] == '.') {  // fractions of a second are dropped: slides change by the second
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        }
    }
    std::string_view rest = trim(s.substr(i));
    std::string low = ascii_lower(rest);
    if (low.rfind("am", 0) == 0 || low.rfind("pm", 0) == 0 || low.rfind("a.m.", 0) == 0 || low.rfind("p.m.", 0) == 0) {
        if (h < 1 || h > 12) return CellError{quoted(whole) + ": " + std::to_string(h) + " is not an hour before AM or PM; " + write_time};
        const bool pm = low[0] == 'p';
        h = h % 12 + (pm ? 12 : 0);
        rest = trim(rest.substr(low[1] == '.' ? 4 : 2));
    }
    if (h > 23 || m > 59 || sec > 59) return CellError{quoted(whole) + " is not a time of day; " + write_time};
    std::string offset;
    if (!rest.empty()) {
        auto parsed = sheet_utc_offset(rest);
        if (!cell_ok(parsed)) return std::get<1>(parsed);
        offset = std::get<0>(parsed);
    }
    char out[48];
    std::snprintf(out, sizeof out, "%02d:%02d:%02d", h, m, sec);
    return std::pair<std::string, std::string>{out, offset};
}

}  // namespace

Cell<double> sheet_number(std::string_view cell)
{
    std::string_view s = trim(cell);
    const std::optional<double> number = parse_decimal(s);
    if (!number) {
        std::string fix = "write a number in digits, like 30 or 12.5";
        if (s.find(',') != std::string_view::npos || s.find(' ') != std::string_view::npos)
            fix = "write the number without separators between thousands, like 1234 (and a decimal point, not a comma)";
        return CellError{quoted(s) + " is not a number; " + fix};
    }
    if (s.find_first_of("eE") != std::string_view::npos)
        return CellError{quoted(s) + " is a number the spreadsheet shortened to scientific notation, which keeps only "
                                     "its first digits; format the column as a number with no decimals, or as plain "
                                     "text, and type the number again"};
    if (!held_exactly(s, *number)) return CellError{inexact_number_message(s, *number)};
    return *number;
}

Cell<bool> sheet_boolean(std::string_view cell)
{
    std::string s = ascii_lower(trim(cell));
    // TRUE and FALSE as a spreadsheet in another language writes them.
    for (std::string_view yes : {"yes", "true", "y", "1", "x", "vrai", "wahr", "verdadero", "vero", "verdadeiro", "waar"})
        if (s == yes) return true;
    for (std::string_view no : {"no", "false", "n", "0", "faux", "falsch", "falso", "onwaar"})
        if (s == no) return false;
    return CellError{quoted(trim(cell)) + " is not yes or no; write yes or no (or leave the cell empty)"};
}

Cell<std::vector<SheetBreakdownPart>> sheet_breakdown(std::string_view cell)
{
    std::vector<SheetBreakdownPart> parts;
    for (std::string_view piece : tokens(cell, ";\n")) {
        piece = trim(piece);
        if (piece.empty()) continue;
        std::size_t colon = piece.rfind(':');
        if (colon == std::string_view::npos)
            return CellError{quoted(piece) + " has no number; write each part as a label, a colon and a number, like "
                                   "\"Africa: 12; Asia: 9\""};
        std::string_view label = trim(piece.substr(0, colon));
        if (label.empty()) return CellError{quoted(piece) + " has no label; write it like \"Africa: 12; Asia: 9\""};
        auto value = sheet_number(piece.substr(colon + 1));
        if (!cell_ok(value)) return CellError{"in " + quoted(piece) + ", " + std::get<1>(value).message};
        parts.push_back({std::string(label), std::get<0>(value)});
    }
    return parts;
}

Cell<std::string> sheet_utc_offset(std::string_view cell)
{
    std::string_view s = trim(cell);
    std::string low = ascii_lower(s);
    const std::string fix = " is not an offset from UTC; write it like +01:00 (Geneva in winter) or -05:00 (New York "
                            "in winter), or UTC";
    if (low == "z" || low == "utc" || low == "gmt") return std::string("Z");
    std::string_view rest = s;
    if (low.rfind("utc", 0) == 0 || low.rfind("gmt", 0) == 0) rest = trim(s.substr(3));
    if (rest.empty() || (rest[0] != '+' && rest[0] != '-' && rest[0] != '\xE2')) return CellError{quoted(s) + fix};
    bool negative = rest[0] == '-';
    if (rest[0] == '\xE2') {  // U+2212 MINUS SIGN, which some spreadsheets write
        if (rest.substr(0, 3) != "\xE2\x88\x92") return CellError{quoted(s) + fix};
        negative = true;
        rest.remove_prefix(2);
    }
    rest.remove_prefix(1);
    std::string digits;
    for (char c : rest)
        if (c != ':') digits.push_back(c);
    if (!all_digits(digits) || digits.size() > 4 || (rest.find(':') != std::string_view::npos && digits.size() < 3))
        return CellError{quoted(s) + fix};
    int h = 0, m = 0;
    if (digits.size() <= 2) h = to_int(digits);
    else {
        h = to_int(std::string_view(digits).substr(0, digits.size() - 2));
        m = to_int(std::string_view(digits).substr(digits.size() - 2));
    }
    if (h > 14 || m > 59) return CellError{quoted(s) + fix};
    char out[48];
    std::snprintf(out, sizeof out, "%c%02d:%02d", negative ? '-' : '+', h, m);
    return std::string(out);
}

namespace {

// "01:00:00 AM", "1:00", "-5:00:00": an offset the spreadsheet took for a
// time of day (or a length of time), as the offset typed ("+01:00").
std::optional<std::string> offset_made_time(std::string_view s)
{
    std::size_t i = 0;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) ++i;
    auto number = [&](int& into, std::size_t min, std::size_t max) {
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i - start < min || i - start > max) return false;
        into = to_int(s.substr(start, i - start));
        return true;
    };
    int h = 0, m = 0, sec = 0;
    if (!number(h, 1, 2) || i >= s.size() || s[i] != ':' || (++i, !number(m, 2, 2))) return std::nullopt;
    if (i < s.size() && s[i] == ':' && (++i, !number(sec, 2, 2))) return std::nullopt;
    std::string rest = ascii_lower(trim(s.substr(i)));
    if (rest == "am" || rest == "pm") {
        if (negative || h < 1 || h > 12) return std::nullopt;
        h = h % 12 + (rest == "pm" ? 12 : 0);
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    if (h > 14 || m > 59 || sec != 0) return std::nullopt;
    char out[48];
    std::snprintf(out, sizeof out, "%c%02d:%02d", negative ? '-' : '+', h, m);
    return std::string(out);
}

// "0.0416666666666667": an offset turned into a time and then shown as a
// number, the fraction of a day spreadsheets keep times as.
std::optional<std::string> offset_made_number(std::string_view s)
{
    const std::optional<double> number = parse_decimal(s);
    if (!number || s.find('.') == std::string_view::npos) return std::nullopt;
    const double v = *number;
    const double quarters = v * 24 * 4;
    if (v == 0 || std::fabs(quarters) > 14 * 4 || std::fabs(quarters - std::round(quarters)) > 1e-6) return std::nullopt;
    const int minutes = static_cast<int>(std::lround(std::fabs(quarters) * 15));
    char out[48];
    std::snprintf(out, sizeof out, "%c%02d:%02d", v < 0 ? '-' : '+', minutes / 60, minutes % 60);
    return std::string(out);
}

int offset_seconds(std::string_view rfc3339_offset)
{
    if (rfc3339_offset == "Z") return 0;
    const int seconds = to_int(rfc3339_offset.substr(1, 2)) * 3600 + to_int(rfc3339_offset.substr(4, 2)) * 60;
    return rfc3339_offset[0] == '-' ? -seconds : seconds;
}

constexpr const char* name_a_zone = "write the zone's name, like Europe/Zurich or America/New_York, which follows "
                                    "summer time by itself";

}  // namespace

Cell<Zone> sheet_time_zone(std::string_view cell, const TimeZones& zones)
{
    std::string_view s = trim(cell);
    auto offset = sheet_utc_offset(s);
    if (cell_ok(offset)) return fixed_offset_zone(offset_seconds(std::get<0>(offset)));
    if (auto zone = zones.find(s)) return zone;
    if (auto typed = offset_made_time(s))
        return CellError{quoted(s) + " looks like " + *typed + " turned into a time by the spreadsheet; " + plain_text
                         + " and type " + *typed + " again, or " + name_a_zone};
    if (auto typed = offset_made_number(s))
        return CellError{quoted(s) + " looks like " + *typed + " turned into a time and shown as a fraction of a day by "
                         "the spreadsheet; " + plain_text + " and type " + *typed + " again, or " + name_a_zone};
    const std::string suggestion = suggest_zone(zones, s);
    auto comparable = [](std::string_view name) {
        std::string out = ascii_lower(name);
        std::replace(out.begin(), out.end(), ' ', '_');
        return out;
    };
    if (!suggestion.empty() && comparable(suggestion) == comparable(s)) {
        // "europe/zurich": the name, in other letters.
        if (auto zone = zones.find(suggestion)) return zone;
    }
    if (s.find('/') != std::string_view::npos || !suggestion.empty())
        return CellError{quoted(s) + " is not a time zone's name" + (suggestion.empty() ? std::string{} : "; did you mean \"" + suggestion + "\"?")
                         + (suggestion.empty() ? "; " + std::string(name_a_zone) : std::string{})};
    return CellError{quoted(s) + " is not a time zone; " + name_a_zone + ", or an offset from UTC like +01:00"};
}

Cell<std::string> sheet_date_time(std::string_view cell, const ZoneRules* zone)
{
    std::string_view s = trim(cell);
    if (parse_rfc3339(s)) return std::string(s);
    SplitCell split = split_date_time(s);
    auto date = civil_date(split.date);
    if (!cell_ok(date)) {
        if (split.time.empty() && split.date.find(':') != std::string_view::npos)
            return CellError{quoted(s) + " is not a date and time; " + write_time};
        return std::get<1>(date);
    }
    if (split.time.empty()) return CellError{quoted(s) + " has no time; " + write_time};
    if (std::get<0>(date) < "1900-01-02")  // day 0 or 1 of LibreOffice, Google Sheets and Excel
        return CellError{quoted(s) + " is a time with no date: the spreadsheet dated it on the day it counts from; "
                         "write the date too, like 2026-06-15 " + std::string(split.time)};
    auto time = clock_time(split.time, s);
    if (!cell_ok(time)) return std::get<1>(time);
    const auto& [clock, written_offset] = std::get<0>(time);
    if (!written_offset.empty()) return std::get<0>(date) + "T" + clock + written_offset;
    if (!zone)
        return CellError{quoted(s) + " has no time zone; write the event's zone in the time_zone column of the event row, "
                           "like Europe/Zurich or America/New_York, or write the offset in the cell, like "
               + std::string(split.date) + " " + std::string(split.time) + " +01:00"};
    auto wall = parse_loose_date_time(std::get<0>(date) + "T" + clock);
    if (!wall) return CellError{quoted(s) + " is not a date and time; " + write_time};
    const std::int64_t instant = utc_of_wall_time(*zone, wall->wall_seconds);
    return format_rfc3339(instant, zone->offset_at(instant));
}

Cell<std::string> sheet_date_or_time(std::string_view cell, const ZoneRules* zone)
{
    std::string_view s = trim(cell);
    if (parse_rfc3339_date_or_time(s)) return std::string(s);
    SplitCell split = split_date_time(s);
    if (split.time.empty()) return civil_date(s);
    if (split.time == "00:00:00") return civil_date(split.date);
    return sheet_date_time(s, zone);
}

}  // namespace placard
