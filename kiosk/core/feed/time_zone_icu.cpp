// ICU's time zones (its own copy of the IANA database), the rules linked into
// the kiosk and placard-feed. A build without ICU defines system_time_zones()
// in a file of its own in place of this one.
#include "core/feed/time_zone.h"

#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

namespace placard {
namespace {

class IcuZone final : public ZoneRules {
public:
    IcuZone(std::unique_ptr<icu::TimeZone> zone, std::string name) : zone_(std::move(zone)), name_(std::move(name)) {}

    int offset_at(std::int64_t utc_seconds) const override
    {
        UErrorCode status = U_ZERO_ERROR;
        std::int32_t raw = 0, dst = 0;
        zone_->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, false, raw, dst, status);
        return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
    }
    std::string name() const override { return name_; }

private:
    std::unique_ptr<icu::TimeZone> zone_;
    std::string name_;
};

class IcuTimeZones final : public TimeZones {
public:
    IcuTimeZones()
    {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::StringEnumeration> ids(
            icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
        if (U_FAILURE(status) || !ids) return;
        while (const icu::UnicodeString* id = ids->snext(status)) {
            if (U_FAILURE(status)) break;
            std::string name;
            id->toUTF8String(name);
            names_.push_back(std::move(name));
        }
    }

    std::shared_ptr<const ZoneRules> find(std::string_view name) const override
    {
        if (name.empty() || name.size() > 64) return nullptr;
        const icu::UnicodeString id = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
        icu::UnicodeString canonical;
        UBool system = false;
        UErrorCode status = U_ZERO_ERROR;
        icu::TimeZone::getCanonicalID(id, canonical, system, status);
        if (U_FAILURE(status) || !system) return nullptr;  // a custom "GMT+1" is not a name: the sheet reads offsets itself
        std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(id));
        if (!zone || *zone == icu::TimeZone::getUnknown()) return nullptr;
        return std::make_shared<IcuZone>(std::move(zone), std::string(name));
    }

    std::vector<std::string> names() const override { return names_; }

private:
    std::vector<std::string> names_;
};

}  // namespace

const TimeZones& system_time_zones()
{
    static const IcuTimeZones zones;
    return zones;
}

}  // namespace placard
