#pragma once
// The settings' "tv" section (core/tv): when the TV is on, over HDMI-CEC.
#include <array>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/tv/tv_schedule.h"

namespace placard {

// The "tv" section: when the TV is on, over HDMI-CEC (core/tv).
struct TvSettings {
    TvSchedule schedule;              // empty: no schedule; the TV is told only on the fleet's tv-on and tv-off
    std::string time_zone;            // the schedule's zone, as written
    std::string cec_device = "auto";  // "auto": the first /dev/cec*; a path; "none": no CEC at all
};

// The keys of the "tv" section.
inline constexpr std::array<std::string_view, 3> tv_keys{"time_zone", "schedule", "cec_device"};

// A "cec_device" or "display_device" setting: "auto", "none" (CEC only) or a path under /dev/.
bool is_device_setting(std::string_view value, bool none_allowed);

// Every problem in the section, each naming its key ("\"schedule\": ...").
Result<TvSettings> parse_tv_section(const nlohmann::json& value);

}  // namespace placard
