#include "core/fetch/poll_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace placard {

Seconds poll_interval(std::optional<int> config_seconds, std::optional<int> feed_refresh_seconds)
{
    Seconds chosen = PollLimits::fallback;
    if (config_seconds) chosen = Seconds(*config_seconds);
    else if (feed_refresh_seconds) chosen = Seconds(*feed_refresh_seconds);
    return std::clamp(chosen, PollLimits::shortest, PollLimits::longest);
}

std::chrono::milliseconds jittered(Seconds interval, double unit_random)
{
    double factor = 0.9 + 0.2 * std::clamp(unit_random, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(interval.count()) * 1000.0 * factor));
}

std::chrono::milliseconds retry_delay(int failures, Seconds interval, double unit_random)
{
    int doublings = std::clamp(failures - 1, 0, 20);
    double ceiling = static_cast<double>(std::min(PollLimits::longest_retry, std::max(interval * 2, PollLimits::first_retry)).count());
    double delay = std::min(ceiling, static_cast<double>(PollLimits::first_retry.count()) * std::pow(2.0, doublings));
    double spread = 0.5 + 0.5 * std::clamp(unit_random, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(delay * spread * 1000.0));
}

std::string clock_time(std::int64_t unix_seconds, std::int64_t utc_offset_seconds)
{
    std::int64_t local = unix_seconds + utc_offset_seconds;
    std::int64_t of_day = ((local % 86400) + 86400) % 86400;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60));
    return buf;
}

std::optional<std::string> staleness_banner(std::int64_t now, std::optional<std::int64_t> last_success,
                                            std::optional<std::int64_t> offline_since,
                                            std::optional<std::int64_t> feed_fetched_at, Seconds interval,
                                            std::int64_t utc_offset_seconds, std::string_view cause,
                                            std::string_view language, const WordOverrides* words)
{
    std::int64_t fresh_for = 3 * interval.count();
    std::int64_t since = last_success ? *last_success : offline_since.value_or(now);
    if (now - since <= fresh_for) return std::nullopt;
    std::string why = cause.empty() ? slide_word("offline", language, words) : std::string(cause);
    std::string text = slide_word("stale", language, words,
                                  {{"cause", why}, {"time", clock_time(offline_since.value_or(since), utc_offset_seconds)}});
    text += " \xC2\xB7 ";
    text += feed_fetched_at ? slide_word("stale_showing", language, words,
                                         {{"time", clock_time(*feed_fetched_at, utc_offset_seconds)}})
                            : slide_word("stale_waiting", language, words);
    return text;
}

std::string signature_banner(bool showing_feed, std::optional<std::int64_t> feed_fetched_at,
                             std::int64_t utc_offset_seconds)
{
    std::string text = "Feed signature rejected \xC2\xB7 ";
    if (!showing_feed) return text + "waiting for a verified feed";
    text += "showing the verified feed";
    if (feed_fetched_at) text += " from " + clock_time(*feed_fetched_at, utc_offset_seconds);
    return text;
}

std::string unsaved_feed_banner(bool showing_feed, std::optional<std::int64_t> feed_fetched_at,
                                std::int64_t utc_offset_seconds)
{
    std::string text = "New feed not shown: it cannot be saved on this screen \xC2\xB7 ";
    if (!showing_feed) return text + "waiting for a feed it can save";
    text += "showing the feed";
    if (feed_fetched_at) text += " from " + clock_time(*feed_fetched_at, utc_offset_seconds);
    return text;
}

}  // namespace placard
