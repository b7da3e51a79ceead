#include "core/feed/rfc3339.h"

#include <array>
#include <cstdio>

namespace placard {
namespace {

// Howard Hinnant's days-from-civil algorithm: proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

Civil civil_from_days(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, unsigned& value)
{
    if (pos + n > s.size()) return false;
    value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

bool leap(unsigned y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::optional<std::int64_t> parse_date(std::string_view s)
{
    unsigned y, m, d;
    if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-'
        || !digits(s, 8, 2, d))
        return std::nullopt;
    static constexpr std::array<unsigned, 12> month_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return std::nullopt;
    unsigned max = month_days[m - 1] + (m == 2 && leap(y) ? 1 : 0);
    if (d > max) return std::nullopt;
    return days_from_civil(y, m, d) * 86400;
}

// A "+hh:mm" or "-hh:mm" offset at pos, in seconds east of UTC; pos moves past it.
std::optional<std::int64_t> parse_offset(std::string_view s, std::size_t& pos)
{
    unsigned oh, om;
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-') || !digits(s, pos + 1, 2, oh) || pos + 3 >= s.size()
        || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
        return std::nullopt;
    // Signed before the sign is applied: in unsigned arithmetic a "-hh:mm"
    // offset wrapped round to some 136 years (found by fuzzing).
    std::int64_t magnitude = std::int64_t{oh} * 3600 + std::int64_t{om} * 60;
    std::int64_t offset = s[pos] == '+' ? magnitude : -magnitude;
    pos += 6;
    return offset;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string_view s)
{
    auto day = parse_date(s);
    if (!day || s.size() < 20 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
    unsigned hh, mm, ss;
    if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss))
        return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;  // 60: a leap second
    std::size_t pos = 19;
    if (s[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    std::int64_t offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (auto parsed = parse_offset(s, pos)) {
        offset = *parsed;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    std::int64_t t = *day + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss) - offset;
    // An offset can carry 0000-01-01 or 9999-12-31 out of the four-digit years
    // (found by fuzzing): such an instant has no RFC 3339 form to write back.
    static const std::int64_t first = days_from_civil(0, 1, 1) * 86400;
    static const std::int64_t last = days_from_civil(9999, 12, 31) * 86400 + 86399;
    if (t < first || t > last) return std::nullopt;
    return t;
}

std::optional<std::int64_t> parse_rfc3339_date_or_time(std::string_view text)
{
    if (text.size() == 10) return parse_date(text);
    return parse_rfc3339(text);
}

std::optional<LooseDateTime> parse_loose_date_time(std::string_view s)
{
    auto day = parse_date(s);
    if (!day || s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
    unsigned hh, mm, ss = 0;
    if (!digits(s, 11, 2, hh) || s[13] != ':' || !digits(s, 14, 2, mm) || hh > 23 || mm > 59) return std::nullopt;
    LooseDateTime out;
    std::size_t pos = 16;
    out.has_seconds = pos < s.size() && s[pos] == ':';
    if (out.has_seconds) {
        if (!digits(s, pos + 1, 2, ss) || ss > 60) return std::nullopt;
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            const std::size_t start = ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
            if (pos == start) return std::nullopt;
        }
    }
    if (pos < s.size()) {
        if (s[pos] == 'Z' || s[pos] == 'z') {
            out.offset_seconds = 0;
            ++pos;
        } else if (s[pos] == '+' || s[pos] == '-') {
            auto parsed = parse_offset(s, pos);
            if (!parsed) return std::nullopt;
            out.offset_seconds = static_cast<int>(*parsed);
        }
    }
    if (pos != s.size()) return std::nullopt;
    out.wall_seconds = *day + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
    return out;
}

std::string format_rfc3339(std::int64_t t)
{
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - days * 86400;
    Civil c = civil_from_days(days);
    char buf[96];  // room for any int64 the format could take, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(c.year), c.month,
                  c.day, static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    return buf;
}

std::string format_rfc3339(std::int64_t unix_seconds, int offset_seconds)
{
    std::string out = format_rfc3339(unix_seconds + offset_seconds);
    if (offset_seconds == 0) return out;
    const int a = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    char zone[48];
    std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    out.pop_back();
    return out + zone;
}

}  // namespace placard
