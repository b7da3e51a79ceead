#pragma once
// When to fetch next and what to tell the organiser about freshness. Pure:
// random numbers and clocks are passed in.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/words/slide_words.h"

namespace placard {

using Seconds = std::chrono::seconds;

struct PollLimits {
    static constexpr Seconds shortest{15};
    static constexpr Seconds longest{24 * 3600};
    static constexpr Seconds fallback{60};            // neither config nor feed says
    static constexpr Seconds first_retry{10};
    static constexpr Seconds longest_retry{15 * 60};
};

// The config's poll_seconds wins over the feed's refresh_seconds; both are
// held to 15 s .. 24 h.
Seconds poll_interval(std::optional<int> config_seconds, std::optional<int> feed_refresh_seconds);

// The interval spread by up to ±10% (unit_random in [0, 1)), so screens that
// booted together do not all hit the server in the same second.
std::chrono::milliseconds jittered(Seconds interval, double unit_random);

// After n consecutive failures (n >= 1): 10 s, 20 s, 40 s, ... up to 15 min,
// never past the normal interval's double, with "equal jitter" (50-100%).
std::chrono::milliseconds retry_delay(int failures, Seconds interval, double unit_random);

// "Offline since 14:02 · showing the feed from 13:58" once the last successful
// check is older than three intervals; nothing while the feed is fresh.
// cause names what the failing checks got ("Feed not found (HTTP 404)",
// problem_headline in core/status.h), so that "Offline" means offline; empty,
// the screen is offline. Its words are in the slide's language ("Hors ligne
// depuis 14:02 · ..."), the feed's own wording first.
// Times are Unix seconds; utc_offset_seconds turns them into local clock time.
std::optional<std::string> staleness_banner(std::int64_t now, std::optional<std::int64_t> last_success,
                                            std::optional<std::int64_t> offline_since,
                                            std::optional<std::int64_t> feed_fetched_at, Seconds interval,
                                            std::int64_t utc_offset_seconds, std::string_view cause = {},
                                            std::string_view language = "en", const WordOverrides* words = nullptr);

// For the organiser when the last feed offered was refused for its signature:
// "Feed signature rejected · showing the verified feed from 13:58", or
// "... · waiting for a verified feed" while nothing verified is on screen.
// Takes precedence over staleness: the screen is online, just not trusting.
std::string signature_banner(bool showing_feed, std::optional<std::int64_t> feed_fetched_at,
                             std::int64_t utc_offset_seconds);

// For the organiser when a newly verified feed is held back because the screen
// cannot save it, so its sequence would be forgotten by a restart:
// "New feed not shown: it cannot be saved on this screen · showing the feed from 13:58".
std::string unsaved_feed_banner(bool showing_feed, std::optional<std::int64_t> feed_fetched_at,
                                std::int64_t utc_offset_seconds);

// "14:02" for Unix seconds at the given offset from UTC.
std::string clock_time(std::int64_t unix_seconds, std::int64_t utc_offset_seconds);

}  // namespace placard
