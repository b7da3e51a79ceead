#include "core/sheet/csv_table.h"

#include <csv.h>

#include "core/sheet/csv_quotes.h"

namespace placard {
namespace {

// The libcsv parser's own buffers, freed however reading ends.
struct Parser {
    csv_parser p{};
    bool ready = false;
    explicit Parser(unsigned char options) { ready = csv_init(&p, options) == 0; }
    ~Parser() { if (ready) csv_free(&p); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string clean_cell(std::string_view raw)
{
    while (!raw.empty() && is_space(raw.front())) raw.remove_prefix(1);
    while (!raw.empty() && is_space(raw.back())) raw.remove_suffix(1);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\r') out.push_back(raw[i]);
        else if (i + 1 >= raw.size() || raw[i + 1] != '\n') out.push_back('\n');
    }
    return out;
}

// The separator that occurs most often on the first line, outside quotes.
char guess_delimiter(std::string_view bytes)
{
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : bytes) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
}

struct Reader {
    CsvTable& table;
    std::size_t max_columns;
    std::size_t max_rows;
    CsvRow current;
    bool any_text = false;
    std::size_t row = 0;
    int last_end = 0;
    bool stopped = false;
};

void on_cell(void* field, std::size_t length, void* data)
{
    auto& r = *static_cast<Reader*>(data);
    if (r.stopped) return;
    std::string cell = field ? clean_cell({static_cast<const char*>(field), length}) : std::string{};
    if (!cell.empty()) r.any_text = true;
    if (r.current.cells.size() < r.max_columns) r.current.cells.push_back(std::move(cell));
    else if (!cell.empty()) r.current.extra_cells = true;
}

void on_row(int end, void* data)
{
    auto& r = *static_cast<Reader*>(data);
    // With CSV_REPALL_NL every line end ends a row, so the LF of a CRLF
    // arrives as an empty row of its own.
    const bool lf_of_crlf = r.current.cells.empty() && end == '\n' && r.last_end == '\r';
    r.last_end = end;
    if (lf_of_crlf) return;
    ++r.row;
    if (r.any_text && !r.stopped) {
        if (r.table.rows.size() >= r.max_rows) {
            r.table.too_many_rows = true;
            r.stopped = true;
        } else {
            r.current.number = r.row;
            r.table.rows.push_back(std::move(r.current));
        }
    }
    r.current = CsvRow{};
    r.any_text = false;
}

}  // namespace

CsvTable read_csv(std::string_view bytes, std::size_t max_columns, std::size_t max_rows)
{
    CsvTable table;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    table.delimiter = guess_delimiter(bytes);
    Parser parser(CSV_REPALL_NL);
    if (!parser.ready) {
        table.error = CsvError{0, {}, "not enough memory to read the sheet"};
        return table;
    }
    csv_set_delim(&parser.p, static_cast<unsigned char>(table.delimiter));
    Reader reader{table, max_columns, max_rows, {}, false, 0, 0, false};
    const std::size_t parsed = csv_parse(&parser.p, bytes.data(), bytes.size(), on_cell, on_row, &reader);
    if (parsed != bytes.size() || csv_fini(&parser.p, on_cell, on_row, &reader) != 0) {
        table.error = CsvError{0, {}, std::string("cannot be read as CSV: ") + csv_strerror(csv_error(&parser.p))};
        return table;
    }
    // libcsv's strict mode would refuse a quote left open, but also the stray
    // quotes people type inside unquoted cells (12" screens); so the quotes
    // are checked on their own.
    const std::size_t header_row = table.rows.empty() ? 0 : table.rows.front().number;
    const std::size_t header_width = table.rows.empty() ? 0 : table.rows.front().cells.size();
    if (auto problem = check_quotes(bytes, table.delimiter, header_row, header_width))
        table.error = CsvError{problem->row, problem->column, std::move(problem->message)};
    return table;
}

}  // namespace placard
