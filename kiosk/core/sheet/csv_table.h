#pragma once
// A CSV file as rows of cells, read with libcsv. Rows are numbered as the
// spreadsheet numbers them (the first line is row 1, blank rows count, a line
// break inside a quoted cell does not), so that an error can name the row an
// editor sees. Reads what spreadsheet programs export: a UTF-8 byte order
// mark, CRLF or LF line ends, quoted cells with line breaks and doubled
// quotes, and a comma, semicolon or tab between cells (found from the first
// line, as Excel uses semicolons where the comma is the decimal mark). A
// quoted cell whose closing quote is missing is an error (csv_quotes.h), not
// a cell that takes in the rows after it.
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

// Why the file cannot be read as CSV.
struct CsvError {
    std::size_t row = 0;                // 0: the file as a whole
    std::optional<std::size_t> column;  // the cell's place in the row, 0 for the first
    std::string message;                // what is wrong and the fix
};

struct CsvTable {
    std::vector<CsvRow> rows;        // only rows with some text; blank rows are left out
    char delimiter = ',';
    std::optional<CsvError> error;
    bool too_many_rows = false;        // more than max_rows rows with text; the rest were not read
};

CsvTable read_csv(std::string_view bytes, std::size_t max_columns, std::size_t max_rows);

}  // namespace placard
