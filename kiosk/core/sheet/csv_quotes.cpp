#include "core/sheet/csv_quotes.h"

#include <vector>

namespace placard {
namespace {

constexpr const char* fix = "close the quote where the cell ends, or double a quote inside a cell as \"\"";

// libcsv's states, followed byte by byte as its csv_parse does.
enum class State { row_not_begun, field_not_begun, field_begun, might_have_ended };

// A place in the file as a text editor shows it.
struct Spot {
    std::size_t line = 1;
    std::size_t column = 1;  // in characters
};

std::string at(Spot s) { return "line " + std::to_string(s.line) + ", column " + std::to_string(s.column); }

struct QuotedCell {
    std::size_t row = 0, column = 0;
    std::size_t begin = 0;  // the byte after the opening quote
    std::size_t end = 0;    // the closing quote
    Spot quote;             // the opening quote
    std::size_t lines = 1;  // lines of the file it spans
};

class QuoteScanner {
public:
    QuoteScanner(std::string_view bytes, char delimiter, std::size_t header_row, std::size_t header_width)
        : bytes_(bytes), delimiter_(delimiter), header_row_(header_row), header_width_(header_width)
    {
    }

    std::optional<CsvQuoteProblem> run()
    {
        for (std::size_t i = 0; i < bytes_.size() && !problem_; ++i) {
            step(i);
            advance(i);
        }
        if (problem_) return problem_;
        if (state_ == State::field_begun && quoted_) {
            problem(open_, "the quote at " + at(open_.quote) + " opens this cell and is never closed, so the cell runs "
                               "on to the end of the file"
                               + std::string(open_.lines > 1 ? " and takes in every row after it" : "") + "; " + fix);
            return problem_;
        }
        if (state_ == State::might_have_ended) close();
        if (state_ != State::row_not_begun) end_row(0, false);
        return problem_;
    }

private:
    bool line_break(std::size_t i) const
    {
        return bytes_[i] == '\n' || (bytes_[i] == '\r' && (i + 1 >= bytes_.size() || bytes_[i + 1] != '\n'));
    }

    void advance(std::size_t i)
    {
        if (line_break(i)) spot_ = {spot_.line + 1, 1};
        else if (bytes_[i] != '\r' && (static_cast<unsigned char>(bytes_[i]) & 0xC0) != 0x80) ++spot_.column;
    }

    void step(std::size_t i)
    {
        const char c = bytes_[i];
        const bool end_of_line = c == '\r' || c == '\n';
        switch (state_) {
        case State::row_not_begun:
        case State::field_not_begun:
            if ((c == ' ' || c == '\t') && c != delimiter_) break;
            if (end_of_line) {
                end_row(c, state_ == State::row_not_begun);
                state_ = State::row_not_begun;
            } else if (c == delimiter_) {
                ++cell_;
                state_ = State::field_not_begun;
            } else {
                state_ = State::field_begun;
                quoted_ = c == '"';
                if (quoted_) open_ = {row_, cell_, i + 1, 0, spot_, 1};
            }
            break;
        case State::field_begun:
            if (!quoted_) {
                if (c == delimiter_) {
                    ++cell_;
                    state_ = State::field_not_begun;
                } else if (end_of_line) {
                    end_row(c, false);
                    state_ = State::row_not_begun;
                }
            } else if (c == '"') {
                state_ = State::might_have_ended;
                spaces_ = false;
                quote_ = i;
                quote_spot_ = spot_;
            } else if (line_break(i)) {
                ++open_.lines;
            }
            break;
        case State::might_have_ended:
            if (c == delimiter_) {
                close();
                ++cell_;
                state_ = State::field_not_begun;
            } else if (end_of_line) {
                close();
                end_row(c, false);
                state_ = State::row_not_begun;
            } else if (c == ' ' || c == '\t') {
                spaces_ = true;
            } else if (c == '"' && !spaces_) {
                state_ = State::field_begun;  // a doubled quote
            } else {
                stray_quote();
            }
            break;
        }
    }

    // A quote in a quoted cell followed by neither the cell's end nor a second quote.
    void stray_quote()
    {
        if (quote_spot_.line == open_.quote.line) {
            problem(open_, "a quote at " + at(quote_spot_) + " inside this quoted cell neither ends it nor is doubled; "
                           + fix);
            return;
        }
        problem(open_, "the quote at " + at(open_.quote) + " opens this cell, which runs on to line "
                           + std::to_string(quote_spot_.line) + ", where a quote at column "
                           + std::to_string(quote_spot_.column)
                           + " neither ends it nor is doubled: the cell's closing quote is probably missing, and the "
                             "rows after it were read into the cell; "
                           + fix);
    }

    void close()
    {
        open_.end = quote_;
        if (open_.lines > 1) row_cells_.push_back(open_);
    }

    // As read_csv counts rows: the LF of a CRLF (spaces between allowed, as
    // libcsv skips them) ends no row of its own.
    void end_row(char c, bool empty)
    {
        const bool lf_of_crlf = empty && c == '\n' && last_end_ == '\r';
        last_end_ = c;
        if (lf_of_crlf) return;
        for (const QuotedCell& cell : row_cells_)
            if (!problem_) judge(cell, cell_ + 1);
        row_cells_.clear();
        ++row_;
        cell_ = 0;
    }

    // A cell of several lines, each with as many cells as the header row.
    void judge(const QuotedCell& cell, std::size_t cells_in_row)
    {
        if (header_row_ == 0 || cell.row <= header_row_ || header_width_ < 3) return;
        if (cell.lines < 3 && header_width_ < 6) return;
        std::vector<std::size_t> cells(1, 1);
        for (std::size_t i = cell.begin; i < cell.end; ++i) {
            if (bytes_[i] == delimiter_) ++cells.back();
            else if (line_break(i)) cells.push_back(1);
        }
        cells.front() += cell.column;
        cells.back() += cells_in_row - cell.column - 1;
        for (std::size_t n : cells)
            if (n != header_width_) return;
        problem(cell, "the quote at " + at(cell.quote) + " opens this cell, which runs on over "
                          + std::to_string(cell.lines) + " lines, to line " + std::to_string(cell.quote.line + cell.lines - 1)
                          + ", and each of them has " + std::to_string(header_width_)
                          + " cells, as the header row has: the cell's closing quote is probably missing, and the rows "
                            "after it were read into the cell; "
                          + fix);
    }

    void problem(const QuotedCell& cell, std::string message)
    {
        if (!problem_) problem_ = CsvQuoteProblem{cell.row, cell.column, std::move(message)};
    }

    std::string_view bytes_;
    char delimiter_;
    std::size_t header_row_, header_width_;
    State state_ = State::row_not_begun;
    bool quoted_ = false;
    bool spaces_ = false;  // spaces after a quote in a quoted cell
    std::size_t quote_ = 0;
    Spot quote_spot_;
    Spot spot_;
    std::size_t row_ = 1, cell_ = 0;
    char last_end_ = 0;
    QuotedCell open_;
    std::vector<QuotedCell> row_cells_;  // the current row's closed cells of several lines
    std::optional<CsvQuoteProblem> problem_;
};

}  // namespace

std::optional<CsvQuoteProblem> check_quotes(std::string_view bytes, char delimiter, std::size_t header_row,
                                            std::size_t header_width)
{
    return QuoteScanner(bytes, delimiter, header_row, header_width).run();
}

}  // namespace placard
