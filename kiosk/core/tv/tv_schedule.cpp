#include "core/tv/tv_schedule.h"

#include <algorithm>

#include "core/feed/json_check.h"

namespace placard {

namespace {

constexpr std::int64_t day_seconds = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Monday 0: 1 January 1970 was a Thursday.
int weekday_of_day(std::int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

// "mon", "Mon" or "Monday".
std::optional<int> weekday(std::string_view name)
{
    constexpr std::string_view full[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    std::string lower;
    for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::size_t i = 0; i < weekday_names.size(); ++i)
        if (weekday_names[i] == lower || full[i] == lower) return static_cast<int>(i);
    return std::nullopt;
}

// "08:00" -> 480; "24:00" only as an end.
std::optional<int> minutes(std::string_view text)
{
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

std::string clock_text(int minute)
{
    auto two = [](int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); };
    return two(minute / 60) + ":" + two(minute % 60);
}

bool on_at_wall(const TvSchedule& s, std::int64_t wall)
{
    const std::int64_t days = floor_div(wall, day_seconds);
    const std::int64_t second = wall - days * day_seconds;
    for (const TvPeriod& p : s.days[static_cast<std::size_t>(weekday_of_day(days))])
        if (second >= p.on * 60LL && second < p.off * 60LL) return true;
    return false;
}

bool on_at(const TvSchedule& s, std::int64_t utc) { return on_at_wall(s, utc + s.zone->offset_at(utc)); }

}  // namespace

Result<unsigned> parse_weekdays(std::string_view key)
{
    const std::string shape = "a day (\"mon\" to \"sun\"), a range of days like \"mon-fri\", or \"daily\"";
    if (key == "daily") return 0x7Fu;
    const std::size_t dash = key.find('-');
    const std::string_view first = key.substr(0, dash);
    const std::string_view last = dash == std::string_view::npos ? first : key.substr(dash + 1);
    auto from = weekday(first), to = weekday(last);
    if (!from || !to) {
        const std::string_view wrong = from ? last : first;
        std::string hint = closest_name(wrong, {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily"});
        return Error{"\"" + std::string(key) + "\" is not " + shape
                     + (hint.empty() ? std::string{} : "; did you mean \"" + hint + "\" for \"" + std::string(wrong) + "\"?")};
    }
    unsigned mask = 0;
    // "fri-mon" wraps round the weekend.
    for (int d = *from;; d = (d + 1) % 7) {
        mask |= 1u << d;
        if (d == *to) break;
    }
    return mask;
}

Result<std::optional<TvPeriod>> parse_tv_period(std::string_view text)
{
    if (text == "off") return std::optional<TvPeriod>{};
    const std::string shape = "expected the hours the TV is on, like \"08:00-19:00\" (24-hour clock), or \"off\"";
    const std::size_t dash = text.find('-');
    if (dash == std::string_view::npos) return Error{shape + ", got \"" + std::string(text) + "\""};
    auto on = minutes(text.substr(0, dash)), off = minutes(text.substr(dash + 1));
    if (!on || !off || *on == 24 * 60) return Error{shape + ", got \"" + std::string(text) + "\""};
    if (*off <= *on)
        return Error{"\"" + std::string(text) + "\" ends before it starts; for a TV on over midnight write the evening as \""
                     + clock_text(*on) + "-24:00\" on one day and the morning as \"00:00-" + clock_text(*off)
                     + "\" on the next"};
    return std::optional<TvPeriod>{TvPeriod{*on, *off}};
}

std::optional<std::string> overlapping(const std::vector<TvPeriod>& periods)
{
    for (std::size_t i = 0; i < periods.size(); ++i)
        for (std::size_t j = i + 1; j < periods.size(); ++j)
            if (periods[i].on < periods[j].off && periods[j].on < periods[i].off)
                return clock_text(periods[i].on) + "-" + clock_text(periods[i].off) + " and " + clock_text(periods[j].on)
                       + "-" + clock_text(periods[j].off);
    return std::nullopt;
}

TvWanted tv_wanted_at(const TvSchedule& schedule, std::int64_t utc_seconds)
{
    if (schedule.empty()) return {};
    TvWanted out;
    out.on = on_at(schedule, utc_seconds);
    // Every boundary of the coming eight days, as an instant; the first at
    // which the schedule's answer differs is the next change. A boundary in
    // the hour the clocks skip moves forward with them (utc_of_wall_time).
    const std::int64_t today = floor_div(utc_seconds + schedule.zone->offset_at(utc_seconds), day_seconds);
    std::vector<std::int64_t> instants;
    for (std::int64_t d = today - 1; d <= today + 8; ++d)
        for (const TvPeriod& p : schedule.days[static_cast<std::size_t>(weekday_of_day(d))])
            for (int m : {p.on, p.off}) {
                std::int64_t at = utc_of_wall_time(*schedule.zone, d * day_seconds + m * 60LL);
                if (at > utc_seconds) instants.push_back(at);
            }
    std::sort(instants.begin(), instants.end());
    for (std::int64_t at : instants)
        if (on_at(schedule, at) != out.on) {
            out.next_change = at;
            break;
        }
    return out;
}

}  // namespace placard
