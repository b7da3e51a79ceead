#include "core/setup/config_tv.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/feed/json_check.h"
#include "core/feed/json_text.h"
#include "core/feed/time_zone.h"

namespace placard {
namespace {

// "the settings are a, b and c", or the closest of them to an unknown key.
template <std::size_t N>
std::string unknown_in_section(const std::string& key, const std::array<std::string_view, N>& keys)
{
    std::string hint = std::apply([&](auto... known) { return closest_name(key, {known...}); }, keys);
    if (!hint.empty()) return "unknown setting; did you mean \"" + hint + "\"?";
    std::string all;
    for (std::size_t i = 0; i < keys.size(); ++i) all += (i == 0 ? "" : i + 1 == keys.size() ? " and " : ", ") + std::string(keys[i]);
    return "unknown setting; this section's settings are " + all;
}

// "schedule": {"mon-fri": "08:00-19:00", "sat": ["09:00-12:00", "14:00-17:00"], "sun": "off"}
Result<std::array<std::vector<TvPeriod>, 7>> parse_tv_days(const nlohmann::json& value)
{
    const std::string shape = "{\"mon-fri\": \"08:00-19:00\", \"sat\": \"09:00-13:00\"}";
    if (!value.is_object() || value.empty())
        return Error{"expected the days and the hours the TV is on, like " + shape + ", got " + describe_json(value)};
    std::array<std::vector<TvPeriod>, 7> days;
    std::array<std::string, 7> given_by;  // the key that set each day
    std::string problems;
    auto problem = [&](const std::string& key, const std::string& message) {
        problems += (problems.empty() ? "\"" : "; \"") + key + "\": " + message;
    };
    for (const auto& [key, v] : value.items()) {
        if (key.rfind("//", 0) == 0) continue;
        auto mask = parse_weekdays(key);
        if (!mask) {
            problem(key, mask.error().message);
            continue;
        }
        std::vector<TvPeriod> periods;
        std::string wrong;
        const std::size_t count = v.is_array() ? v.size() : 1;
        for (std::size_t i = 0; i < count && wrong.empty(); ++i) {
            const nlohmann::json& entry = v.is_array() ? v[i] : v;
            auto period = entry.is_string() ? parse_tv_period(entry.get<std::string>())
                                            : Result<std::optional<TvPeriod>>(Error{
                                                  "expected hours like \"08:00-19:00\", \"off\", or a list of hours, got "
                                                  + describe_json(entry)});
            if (!period) wrong = (v.is_array() ? "item " + std::to_string(i + 1) + ": " : "") + period.error().message;
            else if (*period) periods.push_back(**period);
        }
        if (v.is_array() && v.empty()) wrong = "an empty list; write \"off\" for a day the TV stays off";
        if (wrong.empty())
            if (auto overlap = overlapping(periods)) wrong = "the hours " + *overlap + " overlap; write them as one";
        if (!wrong.empty()) {
            problem(key, wrong);
            continue;
        }
        for (std::size_t d = 0; d < 7; ++d) {
            if (!(*mask & (1u << d))) continue;
            if (!given_by[d].empty()) {
                problem(key, std::string(weekday_names[d]) + " is given by \"" + given_by[d] + "\" already; name each day once");
                break;
            }
            given_by[d] = key;
            days[d] = periods;
        }
    }
    if (!problems.empty()) return Error{problems};
    return days;
}

}  // namespace

bool is_device_setting(std::string_view value, bool none_allowed)
{
    if (value == "auto" || (none_allowed && value == "none")) return true;
    if (value.rfind("/dev/", 0) != 0 || value.size() <= 5 || value.size() > 255) return false;
    return std::all_of(value.begin(), value.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' || c == '.' || c == ':';
    });
}

Result<TvSettings> parse_tv_section(const nlohmann::json& value)
{
    if (!value.is_object())
        return Error{"expected a section like {\"time_zone\": \"Europe/Zurich\", \"schedule\": {\"mon-fri\": "
                     "\"08:00-19:00\"}}, got " + describe_json(value)};
    TvSettings tv;
    std::string problems;
    auto problem = [&](const std::string& key, const std::string& message) {
        problems += (problems.empty() ? "\"" : "; \"") + key + "\": " + message;
    };
    std::optional<std::array<std::vector<TvPeriod>, 7>> days;
    std::shared_ptr<const ZoneRules> zone;
    for (const auto& [key, v] : value.items()) {
        if (key.rfind("//", 0) == 0) continue;
        if (key == "time_zone") {
            const std::string name = v.is_string() ? v.get<std::string>() : std::string{};
            zone = name.empty() ? nullptr : system_time_zones().find(name);
            if (zone) {
                tv.time_zone = name;
                continue;
            }
            std::string hint = name.empty() ? std::string{} : suggest_zone(system_time_zones(), name);
            problem(key, "expected the event's time zone by its name, like \"Europe/Zurich\" or \"America/New_York\", got "
                             + describe_json(v) + (hint.empty() ? std::string{} : "; did you mean \"" + hint + "\"?"));
        } else if (key == "schedule") {
            if (auto parsed = parse_tv_days(v)) days = *parsed;
            else problem(key, parsed.error().message);
        } else if (key == "cec_device") {
            if (v.is_string() && is_device_setting(v.get<std::string>(), true)) tv.cec_device = v.get<std::string>();
            else problem(key, "expected \"auto\" (the first /dev/cec*), a device like \"/dev/cec1\", or \"none\" (no CEC), got "
                                  + describe_json(v));
        } else {
            problem(key, unknown_in_section(key, tv_keys));
        }
    }
    if (days && !zone && problems.empty())
        problem("schedule", "the hours are in the event's time zone: add \"time_zone\", like \"Europe/Zurich\"");
    if (!problems.empty()) return Error{problems};
    if (days) {
        tv.schedule.zone = zone;
        tv.schedule.days = *days;
    }
    return tv;
}

}  // namespace placard
