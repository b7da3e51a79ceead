#pragma once
// A CSV file as rows of cells, read with libcsv. Rows are numbered as the
// spreadsheet numbers them (the first line is row 1, blank rows count, a line
// break inside a quoted cell does not), so that an error can name the row an
// editor sees. Reads what spreadsheet programs export: a UTF-8 byte order
// mark, CRLF or LF line ends, quoted cells with line breaks and doubled
// quotes, and a comma, semicolon or tab between cells (found from the first
// line, as Excel uses semicolons where the comma is the decimal mark).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace placard {

struct CsvRow {
    std::size_t number = 0;          // 1 for the first line
    std::vector<std::string> cells;  // trimmed; CRLF inside a cell becomes "\n"
    bool extra_cells = false;        // a cell past max_columns had text; it was dropped
};

struct CsvTable {
    std::vector<CsvRow> rows;        // only rows with some text; blank rows are left out
    char delimiter = ',';
    std::optional<std::string> error;  // the file cannot be read as CSV: what and where
    bool too_many_rows = false;        // more than max_rows rows with text; the rest were not read
};

CsvTable read_csv(std::string_view bytes, std::size_t max_columns, std::size_t max_rows);

}  // namespace placard
