#pragma once
// The feeds the soak run publishes, one a simulated hour. Six shapes repeat
// every six hours (plain, paged and non-Latin, pinned and timed, urgent,
// translated with links, short), each hour with new words, so that memory
// and texture counts must come back to the same levels if nothing leaks.
#include <cstdint>
#include <string>

namespace placard::soak {

inline constexpr int feed_shapes = 6;

// The feed for simulated hour `hour`, published at wall_seconds (Unix).
std::string soak_feed(int hour, std::int64_t wall_seconds);

// "2026-03-02T09:00:00Z"
std::string rfc3339(std::int64_t wall_seconds);

}  // namespace placard::soak
