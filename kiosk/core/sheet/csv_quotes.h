#pragma once
// The quotes of a CSV file, checked for a cell whose closing quote is
// missing. libcsv reads leniently, as spreadsheet exports need, and so runs
// such a cell on over the line ends after it: the rows there become its text,
// the sheet has fewer items than rows, and nothing says so. A quoted cell that
// holds line breaks is what spreadsheets write for a cell of several lines, so
// the evidence looked for is what they never write:
//   - a quote that is never closed before the end of the file;
//   - a quote inside a quoted cell that is neither doubled nor followed by
//     the end of the cell (a cell after the missing quote opens with one);
//   - a quoted cell over three or more lines (two, when the header row has
//     six or more columns; the header has at least three) in which every line
//     has exactly as many cells as the header row, as rows do.
// Quotes are followed as libcsv follows them, so that the rows and cells named
// are the ones it read.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace placard {

struct CsvQuoteProblem {
    std::size_t row = 0;     // the row the quoted cell starts in, numbered as read_csv numbers rows
    std::size_t column = 0;  // the cell's place in that row, 0 for the first
    std::string message;     // what is wrong, where in the file, and the fix
};

// header_row and header_width: the number of the header row and its cells
// (0 when there is none).
std::optional<CsvQuoteProblem> check_quotes(std::string_view bytes, char delimiter, std::size_t header_row,
                                            std::size_t header_width);

}  // namespace placard
