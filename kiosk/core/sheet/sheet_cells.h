#pragma once
// Reading the cells of a spreadsheet feed the way a person types them: numbers,
// yes/no, a breakdown written "Africa: 12; Asia: 9", dates in the forms
// spreadsheets write where they cannot be misread, and a time zone. Each
// reader gives the value in the feed format's own form, or an error message
// that says the fix (the caller adds the row and the column). A cell that the
// spreadsheet rewrote (+01:00 made the time 01:00:00 AM, a date written in the
// spreadsheet's short format 06/15/26, a number shortened to 1.23E+05) gets a
// message that says so and how to stop it: format the column as plain text.
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace placard {

struct CellError {
    std::string message;  // what is wrong with the cell, and the fix
};

template <class T>
using Cell = std::variant<T, CellError>;

template <class T>
bool cell_ok(const Cell<T>& c) { return c.index() == 0; }

// "30", "12.5", "-3": digits with an optional sign and decimal point.
Cell<double> sheet_number(std::string_view cell);

// yes/no, true/false (LibreOffice's TRUE/FALSE, and the words a spreadsheet
// in French, German, Spanish, Italian, Portuguese or Dutch writes), y/n, 1/0,
// x for yes.
Cell<bool> sheet_boolean(std::string_view cell);

struct SheetBreakdownPart {
    std::string label;
    double value = 0;
};
// "Africa: 12; Asia: 9" (a line break also separates parts).
Cell<std::vector<SheetBreakdownPart>> sheet_breakdown(std::string_view cell);

// A UTC offset: "+01:00", "-0500", "+1", "UTC", "UTC+2", "Z". Gives the
// RFC 3339 form ("+01:00", "Z").
Cell<std::string> sheet_utc_offset(std::string_view cell);

class ZoneRules;
class TimeZones;
using Zone = std::shared_ptr<const ZoneRules>;

// The time zone of the sheet's local times (the event row's time_zone): an
// IANA name known to zones ("Europe/Zurich", "America/New_York"; summer time
// follows from the date), or a fixed offset as sheet_utc_offset reads it. An
// unknown name gets a did-you-mean.
Cell<Zone> sheet_time_zone(std::string_view cell, const TimeZones& zones);

// A date and time: RFC 3339 as it is, else "2013-12-11 10:00", "11/12/2013"
// forms when the day cannot be mistaken for the month, "11 December 2013
// 10:00", "Dec 11, 2013 10:00 AM", with an optional offset after the time.
// Without an offset, the wall time is in zone (nullptr when the sheet gives
// none), with utc_of_wall_time's rule for the hour the clocks skip or repeat.
// Gives RFC 3339 with the offset in force: "2026-06-15T13:00:00+02:00".
Cell<std::string> sheet_date_time(std::string_view cell, const ZoneRules* zone);

// A date alone ("2013-12-11", "11 December 2013", ...) as "2013-12-11", or a
// date and time as sheet_date_time gives it. Midnight with seconds
// ("2013-12-11 00:00:00", a date in a cell formatted as a date and time) is
// the date.
Cell<std::string> sheet_date_or_time(std::string_view cell, const ZoneRules* zone);

}  // namespace placard
