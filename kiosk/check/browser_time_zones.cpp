// The time zones of the browser the checker runs in (Intl.DateTimeFormat, its
// own copy of the IANA database), in place of ICU's (core/feed/time_zone_icu.cpp),
// which is too large to carry into a web page. The core asks only for a zone
// by name, its offsets and the list of names; it turns wall times into
// instants itself, as in the kiosk.
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <emscripten/emscripten.h>

#include "core/feed/time_zone.h"

namespace placard {
namespace {

// Whether Intl knows the zone by this very name. As ICU's system IDs: an IANA
// name or one of its older names (Europe/Kiev), written with its own capitals
// ("europe/zurich" is not one), and not an offset ("GMT+1", "+01:00": a
// sheet reads those itself).
EM_JS(int, browser_zone_known, (const char* utf8), {
    const name = UTF8ToString(utf8);
    if (!/^[A-Za-z]/.test(name) || /[^A-Za-z0-9_/+-]/.test(name) || /^(GMT|UTC|UT)[+-]/i.test(name)) return 0;
    let resolved;
    try {
        resolved = new Intl.DateTimeFormat("en-US", {timeZone: name}).resolvedOptions().timeZone;
    } catch (e) {
        return 0;
    }
    return resolved === name || resolved.toLowerCase() !== name.toLowerCase() ? 1 : 0;
});

// Seconds east of UTC in force in the zone at utc_seconds.
EM_JS(int, browser_zone_offset, (const char* utf8, double utc_seconds), {
    const name = UTF8ToString(utf8);
    const cache = Module.placardZoneFormats || (Module.placardZoneFormats = new Map());
    let format = cache.get(name);
    if (!format) {
        format = new Intl.DateTimeFormat("en-US", {
            timeZone: name, hourCycle: "h23", era: "short", year: "numeric", month: "numeric", day: "numeric",
            hour: "numeric", minute: "numeric", second: "numeric"});
        cache.set(name, format);
    }
    const at = new Date(utc_seconds * 1000);
    if (isNaN(at.getTime())) return 0;
    const part = {};
    for (const p of format.formatToParts(at)) part[p.type] = p.value;
    let year = Number(part.year);
    if (/^B/.test(part.era)) year = 1 - year;
    const wall = new Date(0);
    wall.setUTCFullYear(year, Number(part.month) - 1, Number(part.day));
    wall.setUTCHours(Number(part.hour), Number(part.minute), Number(part.second), 0);
    return Math.round(wall.getTime() / 1000 - utc_seconds);
});

// Every canonical zone name, one a line.
EM_JS(char*, browser_zone_names, (), {
    const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    const text = names.join("\n");
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

class BrowserZone final : public ZoneRules {
public:
    explicit BrowserZone(std::string name) : name_(std::move(name)) {}
    int offset_at(std::int64_t utc_seconds) const override
    {
        return browser_zone_offset(name_.c_str(), static_cast<double>(utc_seconds));
    }
    std::string name() const override { return name_; }

private:
    std::string name_;
};

class BrowserTimeZones final : public TimeZones {
public:
    BrowserTimeZones()
    {
        char* text = browser_zone_names();
        for (std::string_view rest = text; !rest.empty();) {
            const std::size_t end = rest.find('\n');
            names_.emplace_back(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        }
        std::free(text);
    }

    std::shared_ptr<const ZoneRules> find(std::string_view name) const override
    {
        if (name.empty() || name.size() > 64) return nullptr;
        const std::string written(name);
        if (written.find('\0') != std::string::npos || !browser_zone_known(written.c_str())) return nullptr;
        return std::make_shared<BrowserZone>(written);
    }

    std::vector<std::string> names() const override { return names_; }

private:
    std::vector<std::string> names_;
};

}  // namespace

const TimeZones& system_time_zones()
{
    static const BrowserTimeZones zones;
    return zones;
}

}  // namespace placard
