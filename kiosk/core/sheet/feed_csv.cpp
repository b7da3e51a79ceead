#include "core/sheet/feed_csv.h"

#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/sheet/csv_table.h"
#include "core/feed/feed_rules.h"
#include "core/feed/json_check.h"
#include "core/feed/time_zone.h"
#include "core/sheet/sheet_cells.h"

namespace placard {
namespace {

using ordered_json = nlohmann::ordered_json;

// Far more than the template has; a wider header is not a feed.
constexpr std::size_t max_columns = 256;

enum class Column {
    id, kind, priority, text, translation, title, speaker, role, organisation, language, url, image, image_sha256,
    date_published, starts_at, expires_at, duration_seconds, qr, withheld, attribution,
    value, approximate, as_of, source, breakdown, previous_value, previous_as_of,
    venue, hashtag, sequence, refresh_seconds, time_zone,  // read on the event row only
    note, unnamed, unknown
};

struct Named {
    std::string_view name;
    Column column;
};

constexpr Named known_columns[] = {
    {"id", Column::id}, {"kind", Column::kind}, {"priority", Column::priority}, {"text", Column::text},
    {"title", Column::title}, {"speaker", Column::speaker}, {"role", Column::role},
    {"organisation", Column::organisation}, {"organization", Column::organisation}, {"language", Column::language},
    {"url", Column::url}, {"image", Column::image}, {"image_sha256", Column::image_sha256}, {"date_published", Column::date_published},
    {"starts_at", Column::starts_at}, {"expires_at", Column::expires_at}, {"duration_seconds", Column::duration_seconds},
    {"qr", Column::qr}, {"value", Column::value}, {"approximate", Column::approximate}, {"as_of", Column::as_of},
    {"source", Column::source}, {"breakdown", Column::breakdown}, {"previous_value", Column::previous_value},
    {"previous_as_of", Column::previous_as_of}, {"venue", Column::venue}, {"hashtag", Column::hashtag},
    {"sequence", Column::sequence}, {"refresh_seconds", Column::refresh_seconds}, {"time_zone", Column::time_zone},
    {"withheld", Column::withheld}, {"attribution", Column::attribution},
};

// Columns an editor keeps for themselves: read by no one, and no warning.
bool is_note_column(std::string_view name)
{
    for (std::string_view n : {"notes", "note", "comments", "comment", "internal", "remarks"})
        if (name == n) return true;
    return name.rfind("#", 0) == 0 || name.rfind("//", 0) == 0;
}

bool event_only(Column c)
{
    return c == Column::venue || c == Column::hashtag || c == Column::sequence || c == Column::refresh_seconds
           || c == Column::time_zone;
}

bool used_on_event_row(Column c)
{
    return event_only(c) || c == Column::kind || c == Column::text || c == Column::title || c == Column::language
           || c == Column::id;
}

using Key = std::pair<Column, const char*>;

struct SheetColumn {
    Column column = Column::unknown;
    std::string name;      // as normalised: "starts_at", "text_fr"
    std::string language;  // for a translation column
};

// "Starts at " -> "starts_at": people capitalise and space their headers.
std::string normalise(std::string_view header)
{
    std::string out;
    for (char c : header) {
        if (c == ' ') out.push_back('_');
        else out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

// "A" for the first column, "AA" for the 27th, as spreadsheets name them.
std::string column_letters(std::size_t index)
{
    std::string out;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    return out;
}

// "row 7, text" for a CSV error, by the header's name for the column when the
// header row comes before it, else by the column's letter.
std::string csv_error_place(const CsvTable& table)
{
    const CsvError& e = *table.error;
    if (e.row == 0) return "";
    std::string out = "row " + std::to_string(e.row);
    if (!e.column) return out;
    const CsvRow* header = table.rows.empty() ? nullptr : &table.rows.front();
    if (header && header->number < e.row && *e.column < header->cells.size() && !header->cells[*e.column].empty())
        return out + ", " + normalise(header->cells[*e.column]);
    return out + ", column " + column_letters(*e.column);
}

ordered_json number_json(double v)
{
    if (v == std::floor(v) && std::fabs(v) <= max_exact_integer) return static_cast<std::int64_t>(v);
    return v;
}

class SheetReader {
public:
    SheetReader(SheetConversion& out, const TimeZones& zones) : out_(out), zones_(zones) {}
    void read(std::string_view csv, JsonStyle style);

private:
    bool read_header(const CsvRow& row);
    void event_row(const CsvRow& row, ordered_json& feed);
    void item_row(const CsvRow& row, std::size_t index, ordered_json& item);
    void tally_cells(const CsvRow& row, const std::string& at, ordered_json& ext);
    void withheld_cells(const CsvRow& row, const std::string& at, ordered_json& ext);
    void check_row_shape(const CsvRow& row);

    std::string cell(const CsvRow& row, Column c) const;
    std::string place(const CsvRow& row, Column c) const;
    std::string place(std::size_t row, std::string_view column) const;
    void error(std::string place, std::string message) { out_.errors.push_back({std::move(place), std::move(message)}); }
    void warning(std::string place, std::string message) { out_.warnings.push_back({std::move(place), std::move(message)}); }
    void put(ordered_json& into, std::string_view key, ordered_json value, const std::string& pointer, std::string place);
    // A cell read with one of the sheet_* readers: the value, or an error at the cell.
    template <class T>
    // A required member left out because its cell was wrong is not reported
    // missing as well: `pointer` names it.
    std::optional<T> parsed(const Cell<T>& c, const CsvRow& row, Column column, std::string pointer = {});
    // A date and time (or, with date_alone, a date) in the event's zone.
    std::optional<std::string> when(const CsvRow& row, Column column, bool date_alone, std::string pointer = {});

    SheetConversion& out_;
    const TimeZones& zones_;
    std::vector<SheetColumn> header_;
    Zone zone_;                // the event row's time_zone, for times written without an offset
    bool zone_failed_ = false;  // its cell could not be read: times without an offset are not wrong as well
};

std::string SheetReader::place(std::size_t row, std::string_view column) const
{
    return "row " + std::to_string(row) + (column.empty() ? std::string{} : ", " + std::string(column));
}

std::string SheetReader::place(const CsvRow& row, Column c) const
{
    for (const SheetColumn& h : header_)
        if (h.column == c) return place(row.number, h.name);
    return place(row.number, {});
}

std::string SheetReader::cell(const CsvRow& row, Column c) const
{
    for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i)
        if (header_[i].column == c) return row.cells[i];
    return {};
}

void SheetReader::put(ordered_json& into, std::string_view key, ordered_json value, const std::string& pointer,
                      std::string where)
{
    into[std::string(key)] = std::move(value);
    out_.places[pointer_child(pointer, key)] = std::move(where);
}

template <class T>
std::optional<T> SheetReader::parsed(const Cell<T>& c, const CsvRow& row, Column column, std::string pointer)
{
    if (cell_ok(c)) return std::get<0>(c);
    error(place(row, column), std::get<1>(c).message);
    if (!pointer.empty()) out_.failed.insert(std::move(pointer));
    return std::nullopt;
}

std::optional<std::string> SheetReader::when(const CsvRow& row, Column column, bool date_alone, std::string pointer)
{
    const std::string v = cell(row, column);
    Cell<std::string> c = date_alone ? sheet_date_or_time(v, zone_.get()) : sheet_date_time(v, zone_.get());
    if (!cell_ok(c) && zone_failed_ && std::get<1>(c).message.find(" has no time zone;") != std::string::npos) {
        if (!pointer.empty()) out_.failed.insert(std::move(pointer));
        return std::nullopt;
    }
    return parsed(c, row, column, std::move(pointer));
}

bool SheetReader::read_header(const CsvRow& row)
{
    bool any_known = false;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        SheetColumn h;
        h.name = normalise(row.cells[i]);
        const std::string at = "row " + std::to_string(row.number) + ", column " + column_letters(i);
        if (h.name.empty()) h.column = Column::unnamed;
        else if (is_note_column(h.name)) h.column = Column::note;
        else if (h.name.rfind("text_", 0) == 0 && h.name.size() > 5) {
            h.column = Column::translation;
            h.language = h.name.substr(5);
        } else {
            for (const Named& n : known_columns)
                if (n.name == h.name) h.column = n.column;
        }
        if (h.column == Column::unknown) {
            std::string hint = closest_name(h.name, {"id", "kind", "priority", "text", "title", "speaker", "role",
                                                     "organisation", "language", "url", "image", "image_sha256", "date_published",
                                                     "starts_at", "expires_at", "duration_seconds", "qr", "value",
                                                     "approximate", "as_of", "source", "breakdown", "previous_value",
                                                     "previous_as_of", "venue", "hashtag", "sequence",
                                                     "refresh_seconds", "time_zone", "withheld", "attribution", "notes"});
            warning(at, "\"" + row.cells[i] + "\" is not a column Placard reads, so it is ignored"
                            + (hint.empty() ? "; name it \"notes\" to keep notes without this warning"
                                            : "; did you mean \"" + hint + "\"?"));
        } else if (h.column != Column::note && h.column != Column::unnamed) {
            any_known = true;
            for (const SheetColumn& before : header_) {
                if (before.name == h.name)
                    error(at, "\"" + h.name + "\" is a column twice; keep one (the screen would not know which to show)");
                else if (before.column == h.column && h.column != Column::translation)
                    error(at, "\"" + h.name + "\" and \"" + before.name + "\" are the same column; keep one (the screen "
                                                                         "would not know which to show)");
            }
        }
        header_.push_back(std::move(h));
    }
    if (!any_known)
        error(place(row.number, {}), "names no column Placard reads; the first row of the sheet names the columns, like "
                                     "id, kind, text, speaker (start from feeds/examples/sheet-template.csv)");
    return any_known;
}

void SheetReader::check_row_shape(const CsvRow& row)
{
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        if (row.cells[i].empty()) continue;
        if (i >= header_.size() || header_[i].column == Column::unnamed) {
            warning(place(row.number, "column " + column_letters(i)),
                    "has text but its column has no name in the first row, so it is ignored; name the column");
            return;
        }
    }
    if (row.extra_cells)
        warning(place(row.number, {}), "has text past the last column Placard reads, so it is ignored");
}

void SheetReader::event_row(const CsvRow& row, ordered_json& feed)
{
    for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i) {
        const SheetColumn& h = header_[i];
        if (!row.cells[i].empty() && !used_on_event_row(h.column) && h.column != Column::note
            && h.column != Column::unnamed && h.column != Column::unknown)
            warning(place(row.number, h.name), "is not used on the event row, so it is ignored; the event row gives "
                                               "text (the event's name), title, language, venue, hashtag, sequence, "
                                               "refresh_seconds and time_zone");
    }
    if (std::string zone = cell(row, Column::time_zone); !zone.empty()) {
        if (auto z = parsed(sheet_time_zone(zone, zones_), row, Column::time_zone)) zone_ = *z;
        else zone_failed_ = true;
    }
    const std::string name = cell(row, Column::text), title = cell(row, Column::title);
    put(feed, "title", title.empty() ? name : title, "", place(row, title.empty() ? Column::text : Column::title));
    if (std::string v = cell(row, Column::language); !v.empty()) put(feed, "language", v, "", place(row, Column::language));
    ordered_json ext = ordered_json::object(), event = ordered_json::object();
    for (auto [column, key] : std::initializer_list<Key>{{Column::sequence, "sequence"}, {Column::refresh_seconds, "refresh_seconds"}}) {
        std::string v = cell(row, column);
        if (v.empty()) continue;
        if (auto n = parsed(sheet_number(v), row, column)) put(ext, key, number_json(*n), "/_placard", place(row, column));
    }
    if (!name.empty()) put(event, "name", name, "/_placard/event", place(row, Column::text));
    for (auto [column, key] : std::initializer_list<Key>{{Column::venue, "venue"}, {Column::hashtag, "hashtag"}})
        if (std::string v = cell(row, column); !v.empty()) put(event, key, v, "/_placard/event", place(row, column));
    if (!event.empty()) put(ext, "event", std::move(event), "/_placard", place(row.number, {}));
    if (!ext.empty()) put(feed, "_placard", std::move(ext), "", place(row.number, {}));
}

void SheetReader::tally_cells(const CsvRow& row, const std::string& at, ordered_json& ext)
{
    if (std::string v = cell(row, Column::value); !v.empty())
        if (auto n = parsed(sheet_number(v), row, Column::value, at + "/value")) put(ext, "value", number_json(*n), at, place(row, Column::value));
    if (std::string v = cell(row, Column::approximate); !v.empty())
        if (auto b = parsed(sheet_boolean(v), row, Column::approximate)) put(ext, "approximate", *b, at, place(row, Column::approximate));
    if (std::string v = cell(row, Column::as_of); !v.empty())
        if (auto d = when(row, Column::as_of, true)) put(ext, "as_of", *d, at, place(row, Column::as_of));
    if (std::string v = cell(row, Column::source); !v.empty()) put(ext, "source", v, at, place(row, Column::source));
    if (std::string v = cell(row, Column::breakdown); !v.empty()) {
        if (auto parts = parsed(sheet_breakdown(v), row, Column::breakdown)) {
            ordered_json list = ordered_json::array();
            for (const SheetBreakdownPart& part : *parts)
                list.push_back({{"label", part.label}, {"value", number_json(part.value)}});
            put(ext, "breakdown", std::move(list), at, place(row, Column::breakdown));
        }
    }
    const std::string previous_value = cell(row, Column::previous_value), previous_as_of = cell(row, Column::previous_as_of);
    if (previous_value.empty() && previous_as_of.empty()) return;
    ordered_json previous = ordered_json::object();
    const std::string p = at + "/previous";
    if (!previous_value.empty())
        if (auto n = parsed(sheet_number(previous_value), row, Column::previous_value, p + "/value"))
            put(previous, "value", number_json(*n), p, place(row, Column::previous_value));
    if (!previous_as_of.empty())
        if (auto d = when(row, Column::previous_as_of, true, p + "/as_of"))
            put(previous, "as_of", *d, p, place(row, Column::previous_as_of));
    put(ext, "previous", std::move(previous), at, place(row, previous_value.empty() ? Column::previous_as_of : Column::previous_value));
}

// withheld (yes, or empty) and the attribution shown in place of the speaker.
// Either one withholds: a cell that cannot be read, or an attribution
// without a yes, errs on the side of the speaker.
void SheetReader::withheld_cells(const CsvRow& row, const std::string& at, ordered_json& ext)
{
    const std::string v = cell(row, Column::withheld), attribution = cell(row, Column::attribution);
    Cell<bool> yes = v.empty() ? Cell<bool>{false} : sheet_boolean(v);
    if (!cell_ok(yes))
        warning(place(row, Column::withheld), std::get<1>(yes).message + "; read as yes, so the speaker is not named");
    else if (!std::get<0>(yes) && attribution.empty()) return;
    else if (!std::get<0>(yes))
        warning(place(row, Column::attribution), "an attribution stands in place of a withheld speaker, so the speaker "
                                                 "is not named; write yes in withheld, or clear the attribution");
    if (attribution.empty()) put(ext, "withheld", true, at, place(row, Column::withheld));
    else put(ext, "withheld", ordered_json::object({{"attribution", attribution}}), at, place(row, Column::attribution));
}

void SheetReader::item_row(const CsvRow& row, std::size_t index, ordered_json& item)
{
    const std::string at = pointer_child("/items", index);
    out_.places[at] = place(row.number, {});
    std::string id = cell(row, Column::id);
    put(item, "id", id.empty() ? "row-" + std::to_string(row.number) : id, at, place(row, Column::id));
    auto text_cell = [&](Column c, std::string_view key, ordered_json& into, const std::string& pointer) {
        if (std::string v = cell(row, c); !v.empty()) put(into, key, v, pointer, place(row, c));
    };
    text_cell(Column::title, "title", item, at);
    text_cell(Column::text, "content_text", item, at);
    if (std::string speaker = cell(row, Column::speaker); !speaker.empty())
        put(item, "authors", ordered_json::array({{{"name", speaker}}}), at, place(row, Column::speaker));
    text_cell(Column::language, "language", item, at);
    text_cell(Column::url, "url", item, at);
    text_cell(Column::image, "image", item, at);
    if (std::string v = cell(row, Column::date_published); !v.empty())
        if (auto d = when(row, Column::date_published, false))
            put(item, "date_published", *d, at, place(row, Column::date_published));

    ordered_json ext = ordered_json::object();
    const std::string p = at + "/_placard";
    for (auto [column, key] : std::initializer_list<Key>{{Column::kind, "kind"}, {Column::priority, "priority"}})
        if (std::string v = cell(row, column); !v.empty()) put(ext, key, normalise(v), p, place(row, column));
    text_cell(Column::role, "role", ext, p);
    text_cell(Column::organisation, "organisation", ext, p);
    text_cell(Column::image_sha256, "image_sha256", ext, p);
    for (auto [column, key] : std::initializer_list<Key>{{Column::starts_at, "starts_at"}, {Column::expires_at, "expires_at"}})
        if (std::string v = cell(row, column); !v.empty())
            if (auto d = when(row, column, false)) put(ext, key, *d, p, place(row, column));
    if (std::string v = cell(row, Column::duration_seconds); !v.empty())
        if (auto n = parsed(sheet_number(v), row, Column::duration_seconds))
            put(ext, "duration_seconds", number_json(*n), p, place(row, Column::duration_seconds));
    if (std::string v = cell(row, Column::qr); !v.empty())
        if (auto b = parsed(sheet_boolean(v), row, Column::qr)) put(ext, "qr", *b, p, place(row, Column::qr));
    withheld_cells(row, p, ext);
    ordered_json translations = ordered_json::array();
    for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i) {
        if (header_[i].column != Column::translation || row.cells[i].empty()) continue;
        out_.places[pointer_child(p + "/translations", translations.size())] = place(row.number, header_[i].name);
        translations.push_back({{"language", header_[i].language}, {"content_text", row.cells[i]}});
    }
    if (!translations.empty()) put(ext, "translations", std::move(translations), p, place(row.number, {}));
    tally_cells(row, p, ext);
    for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i)
        if (event_only(header_[i].column) && !row.cells[i].empty())
            warning(place(row.number, header_[i].name),
                    "is read only on the event row (the row whose kind is event), so it is ignored here");
    if (!ext.empty()) put(item, "_placard", std::move(ext), at, place(row.number, {}));
}

void SheetReader::read(std::string_view csv, JsonStyle style)
{
    if (csv.size() > FeedLimits::max_body_bytes) {
        error("", "the sheet is " + std::to_string(csv.size()) + " bytes; the limit is 4 MiB, remove old rows");
        return;
    }
    if (auto bad = first_invalid_utf8(csv)) {
        error("", "not UTF-8 text at " + line_and_column(csv, *bad)
                      + "; save the sheet as CSV with the character set UTF-8 (LibreOffice: Character set \"Unicode "
                        "(UTF-8)\"; Excel: \"CSV UTF-8\")");
        return;
    }
    // An event row and up to the item limit, plus one to notice a sheet over it.
    CsvTable table = read_csv(csv, max_columns, FeedLimits::max_items + 3);
    if (table.error) {
        error(csv_error_place(table), table.error->message);
        return;
    }
    if (table.too_many_rows) {
        error("", "the sheet has more than 2000 rows of items; the limit is 2000, remove old ones");
        return;
    }
    if (table.rows.empty()) {
        error("", "the sheet is empty; its first row names the columns (start from feeds/examples/sheet-template.csv)");
        return;
    }
    if (!read_header(table.rows.front())) return;
    ordered_json feed = {{"version", "https://jsonfeed.org/version/1.1"}, {"title", ""}};
    const CsvRow* event = nullptr;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        if (normalise(cell(table.rows[r], Column::kind)) != "event") continue;
        if (event) error(place(table.rows[r], Column::kind), "a second event row; a sheet has one, keep row "
                                                              + std::to_string(event->number));
        else event = &table.rows[r];
    }
    if (event) event_row(*event, feed);
    else warning("", "no event row, so the slides show no event name; add a row with kind \"event\" and the event's "
                     "name in text (see feeds/examples/sheet-template.csv)");
    ordered_json items = ordered_json::array();
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        const CsvRow& row = table.rows[r];
        check_row_shape(row);
        if (&row == event || normalise(cell(row, Column::kind)) == "event") continue;
        bool any = false;  // a row with only notes in it is not an item
        for (std::size_t i = 0; i < header_.size() && i < row.cells.size(); ++i)
            any = any || (!row.cells[i].empty() && header_[i].column != Column::note
                          && header_[i].column != Column::unnamed && header_[i].column != Column::unknown);
        if (!any) continue;
        ordered_json item = ordered_json::object();
        item_row(row, items.size(), item);
        items.push_back(std::move(item));
    }
    feed["items"] = std::move(items);
    out_.json = feed.dump(style == JsonStyle::indented ? 2 : -1, ' ', false, ordered_json::error_handler_t::replace);
    if (style == JsonStyle::indented) out_.json += "\n";
}

}  // namespace

std::string SheetConversion::place_of(std::string_view pointer) const
{
    std::string p(pointer);
    for (;;) {
        if (auto it = places.find(p); it != places.end()) return it->second;
        auto slash = p.rfind('/');
        if (slash == std::string::npos || p.empty()) return "";
        p.erase(slash);
    }
}

SheetConversion convert_sheet(std::string_view csv, JsonStyle style, const TimeZones* zones)
{
    SheetConversion out;
    SheetReader(out, zones ? *zones : system_time_zones()).read(csv, style);
    return out;
}

FeedCheck parse_sheet_feed(std::string_view csv, std::optional<std::int64_t> now, const TimeZones* zones)
{
    SheetConversion sheet = convert_sheet(csv, JsonStyle::compact, zones);
    FeedCheck out;
    out.errors = std::move(sheet.errors);
    out.warnings = std::move(sheet.warnings);
    if (sheet.json.empty()) return out;
    FeedCheck check = parse_feed(sheet.json, now);
    auto in_sheet_terms = [&](FeedProblem p) {
        // The messages that name JSON members a sheet does not have.
        if (p.message.rfind("skipped: it has nothing to show", 0) == 0)
            p.message = "skipped: no text; write the statement in the text column (or give the item a title)";
        if (auto at = p.message.find("is already the id of /items/"); at != std::string::npos) {
            const std::size_t from = at + std::string_view("is already the id of ").size();
            const std::size_t to = p.message.find(';', from);
            p.message.replace(from, to - from, sheet.place_of(p.message.substr(from, to - from)));
        }
        if (p.message.rfind("a statement with no speaker", 0) == 0)
            p.message = "a statement with no speaker shows as an unattributed quote; write who said it in the speaker "
                        "column, or make the row's kind notice";
        if (p.pointer.empty() && p.message.rfind("the feed is ", 0) == 0)
            p.message = "as a feed, the sheet is over the 4 MiB limit; remove old rows";
        std::string place = sheet.place_of(p.pointer);
        // The item's text is checked as a whole, after choosing among its fields.
        if (p.message.rfind("shortened: the text has", 0) == 0 && place.find(',') == std::string::npos) place += ", text";
        p.pointer = std::move(place);
        return p;
    };
    for (FeedProblem& p : check.errors)
        if (!sheet.failed.contains(p.pointer)) out.errors.push_back(in_sheet_terms(std::move(p)));
    for (FeedProblem& p : check.warnings) out.warnings.push_back(in_sheet_terms(std::move(p)));
    if (out.errors.empty()) out.feed = std::move(check.feed);
    return out;
}

}  // namespace placard
