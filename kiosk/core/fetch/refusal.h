#pragma once
// What a refused feed says about itself, and where, wherever it is told: the
// note on screen and the status card, the log, the broker. The first error
// only, with its place, as the parser wrote it, and always short: an error
// quotes the feed, and the feed may be anyone's.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/fetch/fetch_judge.h"

namespace placard {

// How long the error may be where it is told, in characters (code points).
inline constexpr std::size_t refusal_note_chars = 90;   // in the note at the foot of the screen
inline constexpr std::size_t refusal_card_chars = 160;  // on the status card: three lines, leaving room for the rest
inline constexpr std::size_t refusal_log_chars = 300;   // in the log line
// What a screen keeps of it, in bytes of UTF-8 (a character is at most 4):
// as much as its status on the broker carries (core/fleet/fleet_status.h).
inline constexpr std::size_t refusal_place_bytes = 128;
inline constexpr std::size_t refusal_message_bytes = 384;

// The place and the message each made one line of valid UTF-8 of at most
// refusal_place_bytes and refusal_message_bytes: what a screen keeps and reports.
FeedProblem bounded_refusal(const FeedProblem& first);

// The line the kiosk logs when a fetch gives no feed, once for each distinct
// problem rather than at every poll: "URL: refused: not a valid feed: row 7,
// published: ... (and 2 more); keeping the last good feed". A good fetch
// forgets the last problem, so that its return is logged again.
class ProblemLog {
public:
    // The line to log for this judgement, or nothing: a good fetch, or the same problem again.
    std::optional<std::string> line(std::string_view url, const Judgement& j);

private:
    std::string last_;
};

}  // namespace placard
