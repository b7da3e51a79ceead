#include "core/fleet/screens_table.h"

#include <algorithm>
#include <array>

#include "core/feed/feed_rules.h"
#include "core/feed/rfc3339.h"
#include "core/text/terminal.h"

namespace placard {

std::string describe_age(std::int64_t now, std::int64_t then)
{
    std::int64_t s = now - then;
    if (s < -5) return "in the future";
    if (s < 60) return std::to_string(std::max<std::int64_t>(s, 0)) + " s ago";
    if (s < 3600) return std::to_string(s / 60) + " min ago";
    if (s < 2 * 86400) return std::to_string(s / 3600) + " h ago";
    return std::to_string(s / 86400) + " days ago";
}

std::string screen_problem(const ScreenStatus& s)
{
    if (!s.online) return "offline";
    // Where the feed is wrong says more than the note: which row, which field.
    if (s.refused) return "feed refused: " + problem_line(*s.refused, 120);
    if (!s.banner.empty()) return s.banner;
    if (!s.last_error.empty()) return s.last_error;
    return "-";
}

namespace {

// Columns are padded by characters that print, so a UTF-8 banner lines up.
std::size_t printed_width(const std::string& text)
{
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

std::string screens_table(std::vector<ScreenStatus> screens, std::int64_t now)
{
    std::sort(screens.begin(), screens.end(), [](const ScreenStatus& a, const ScreenStatus& b) { return a.screen < b.screen; });
    using Row = std::array<std::string, 6>;
    std::vector<Row> rows{{"SCREEN", "ONLINE", "SHOWING", "SEQUENCE", "LAST GOOD FETCH", "PROBLEM"}};
    for (const ScreenStatus& s : screens) {
        std::string showing = "-";
        if (s.online && !s.item.empty())
            showing = s.item + " (" + std::to_string(s.slide) + "/" + std::to_string(s.slides) + ")";
        else if (s.online) showing = "event card";
        std::string fetched = "-";
        if (s.last_good_fetch) fetched = format_rfc3339(*s.last_good_fetch) + ", " + describe_age(now, *s.last_good_fetch);
        rows.push_back({s.screen, s.online ? "yes" : "no", showing, s.sequence ? std::to_string(*s.sequence) : "-", fetched,
                        screen_problem(s)});
        for (std::string& cell : rows.back()) cell = terminal_safe(cell);  // what a screen wrote, never obeyed
    }
    std::array<std::size_t, 6> widths{};
    for (const Row& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], printed_width(row[i]));
    std::string out;
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line.append(widths[i] - printed_width(row[i]) + 2, ' ');
        }
        out += line + "\n";
    }
    return out;
}

}  // namespace placard
