#pragma once
// Reading the cells of a spreadsheet feed the way a person types them: numbers,
// yes/no, a breakdown written "Africa: 12; Asia: 9", dates in the forms
// spreadsheets write where they cannot be misread, and a UTC offset. Each
// reader gives the value in the feed format's own form, or an error message
// that says the fix (the caller adds the row and the column).
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

// yes/no, true/false (LibreOffice's TRUE/FALSE), y/n, 1/0, x for yes.
Cell<bool> sheet_boolean(std::string_view cell);

struct SheetBreakdownPart {
    std::string label;
    double value = 0;
};
// "Africa: 12; Asia: 9" (a line break also separates parts).
Cell<std::vector<SheetBreakdownPart>> sheet_breakdown(std::string_view cell);

// A UTC offset for the sheet's local times: "+01:00", "-0500", "+1",
// "UTC", "UTC+2", "Z". Gives the RFC 3339 form ("+01:00", "Z").
Cell<std::string> sheet_utc_offset(std::string_view cell);

// A date and time: RFC 3339 as it is, else "2013-12-11 10:00", "11/12/2013"
// forms when the day cannot be mistaken for the month, "11 December 2013
// 10:00", "Dec 11, 2013 10:00 AM", with an optional offset after the time.
// Without an offset, default_offset ("" when the sheet gives none) is used.
// Gives RFC 3339: "2013-12-11T10:00:00+01:00".
Cell<std::string> sheet_date_time(std::string_view cell, std::string_view default_offset);

// A date alone ("2013-12-11", "11 December 2013", ...) as "2013-12-11", or a
// date and time as sheet_date_time gives it.
Cell<std::string> sheet_date_or_time(std::string_view cell, std::string_view default_offset);

}  // namespace placard
