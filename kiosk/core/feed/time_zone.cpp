#include "core/feed/time_zone.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "core/feed/json_check.h"
#include "core/text/text.h"

namespace placard {
namespace {

class FixedOffset final : public ZoneRules {
public:
    explicit FixedOffset(int seconds) : seconds_(seconds) {}
    int offset_at(std::int64_t) const override { return seconds_; }
    std::string name() const override
    {
        if (seconds_ == 0) return "UTC";
        const int a = seconds_ < 0 ? -seconds_ : seconds_;
        char out[48];
        std::snprintf(out, sizeof out, "%c%02d:%02d", seconds_ < 0 ? '-' : '+', a / 3600, a / 60 % 60);
        return out;
    }

private:
    int seconds_;
};

// "new york" -> "new_york": how IANA names write a space.
std::string comparable(std::string_view name)
{
    std::string out = ascii_lower(name);
    std::replace(out.begin(), out.end(), ' ', '_');
    return out;
}

std::string_view city_of(std::string_view name)
{
    const std::size_t slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// Cities people name that have no zone of their own.
struct Alias {
    std::string_view city;
    std::string_view zone;
};
constexpr std::array<Alias, 6> city_aliases = {{
    {"geneva", "Europe/Zurich"}, {"geneve", "Europe/Zurich"}, {"bern", "Europe/Zurich"},
    {"the_hague", "Europe/Amsterdam"}, {"washington", "America/New_York"}, {"washington_dc", "America/New_York"},
}};

}  // namespace

std::shared_ptr<const ZoneRules> fixed_offset_zone(int seconds_east) { return std::make_shared<FixedOffset>(seconds_east); }

std::int64_t utc_of_wall_time(const ZoneRules& zone, std::int64_t wall)
{
    // The offsets a day either side hold the one or two a wall time can have
    // (no zone changes its clocks twice in two days).
    const int before = zone.offset_at(wall - 86400), after = zone.offset_at(wall + 86400);
    std::optional<std::int64_t> earliest;
    for (int offset : {before, after, zone.offset_at(wall - before), zone.offset_at(wall - after)}) {
        const std::int64_t t = wall - offset;
        if (zone.offset_at(t) == offset && (!earliest || t < *earliest)) earliest = t;
    }
    // None: the clocks skip this wall time; the offset before the change
    // moves it forward by the gap.
    return earliest ? *earliest : wall - before;
}

std::string suggest_zone(const TimeZones& zones, std::string_view name)
{
    const std::string wanted = comparable(name);
    const std::vector<std::string> names = zones.names();
    for (const std::string& n : names)
        if (comparable(n) == wanted) return n;
    const std::string_view city = city_of(wanted);
    for (const Alias& a : city_aliases)
        if (a.city == city) return std::string(a.zone);
    for (const std::string& n : names)
        if (comparable(city_of(n)) == city) return n;
    return closest_name(name, names);
}

}  // namespace placard
