#include "core/words/locale_format.h"

#include <map>
#include <memory>
#include <mutex>

#include <unicode/udat.h>
#include <unicode/unumberformatter.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

namespace placard {
namespace {

std::string locale_of(std::string_view language)
{
    // International English: "11 December 2013", as the UN writes it.
    return language == "en" || language.empty() ? std::string("en_001") : std::string(language);
}

std::string utf8(const UChar* text, std::int32_t length)
{
    std::string out(static_cast<std::size_t>(length) * 3 + 1, '\0');
    std::int32_t written = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), static_cast<std::int32_t>(out.size()), &written, text, length, &status);
    if (U_FAILURE(status)) return {};
    out.resize(static_cast<std::size_t>(written));
    return out;
}

struct DateCloser {
    void operator()(UDateFormat* f) const { udat_close(f); }
};
struct NumberCloser {
    void operator()(UNumberFormatter* f) const { unumf_close(f); }
};
struct ResultCloser {
    void operator()(UFormattedNumber* r) const { unumf_closeResult(r); }
};
struct PluralCloser {
    void operator()(UPluralRules* r) const { uplrules_close(r); }
};

// One formatter a language and kind, opened on first use and kept: opening
// one loads its locale's data. A lock, since previews and the kiosk's loop
// may format from more than one thread, and a UDateFormat is not shareable.
struct Formatters {
    std::mutex lock;
    std::map<std::string, std::unique_ptr<UDateFormat, DateCloser>> dates;
    std::map<std::pair<std::string, int>, std::unique_ptr<UNumberFormatter, NumberCloser>> numbers;
    std::map<std::string, std::unique_ptr<UPluralRules, PluralCloser>> plurals;
};

Formatters& formatters()
{
    static Formatters f;
    return f;
}

}  // namespace

std::string format_day(int year, int month, int day, std::string_view language)
{
    Formatters& f = formatters();
    std::lock_guard<std::mutex> hold(f.lock);
    std::string locale = locale_of(language);
    auto& format = f.dates[locale];
    UErrorCode status = U_ZERO_ERROR;
    if (!format) {
        const UChar utc[] = u"UTC";
        format.reset(udat_open(UDAT_NONE, UDAT_LONG, locale.c_str(), utc, -1, nullptr, 0, &status));
        if (U_FAILURE(status)) {
            format.reset();
            return {};
        }
    }
    // Days from the civil date (Howard Hinnant's algorithm), at noon UTC.
    int y = year - (month <= 2 ? 1 : 0);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    double days = static_cast<double>(era) * 146097 + doe - 719468;
    UChar out[128];
    status = U_ZERO_ERROR;
    std::int32_t n = udat_format(format.get(), (days * 86400 + 43200) * 1000, out, 128, nullptr, &status);
    return U_FAILURE(status) ? std::string{} : utf8(out, n);
}

std::string format_number(double value, std::string_view language, int max_fraction, bool with_sign)
{
    Formatters& f = formatters();
    std::lock_guard<std::mutex> hold(f.lock);
    auto& format = f.numbers[{locale_of(language), with_sign ? -1 - max_fraction : max_fraction}];
    UErrorCode status = U_ZERO_ERROR;
    if (!format) {
        // Half up, as a count is rounded for a reader: 2.25 is 2.3.
        std::u16string skeleton = max_fraction > 0 ? u"." + std::u16string(static_cast<std::size_t>(max_fraction), u'#')
                                                   : u"precision-integer";
        skeleton += u" rounding-mode-half-up";
        if (with_sign) skeleton += u" sign-always";
        format.reset(unumf_openForSkeletonAndLocale(skeleton.c_str(), -1, locale_of(language).c_str(), &status));
        if (U_FAILURE(status)) {
            format.reset();
            return {};
        }
    }
    std::unique_ptr<UFormattedNumber, ResultCloser> result(unumf_openResult(&status));
    unumf_formatDouble(format.get(), value, result.get(), &status);
    UChar out[64];
    std::int32_t n = unumf_resultToString(result.get(), out, 64, &status);
    return U_FAILURE(status) ? std::string{} : utf8(out, n);
}

std::string plural_category(double count, std::string_view language)
{
    Formatters& f = formatters();
    std::lock_guard<std::mutex> hold(f.lock);
    std::string locale = locale_of(language);
    auto& rules = f.plurals[locale];
    UErrorCode status = U_ZERO_ERROR;
    if (!rules) {
        rules.reset(uplrules_open(locale.c_str(), &status));
        if (U_FAILURE(status)) {
            rules.reset();
            return "other";
        }
    }
    UChar keyword[16];
    std::int32_t n = uplrules_select(rules.get(), count, keyword, 16, &status);
    return U_FAILURE(status) ? std::string("other") : utf8(keyword, n);
}

}  // namespace placard
