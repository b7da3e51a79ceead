#pragma once
// What placard-feed screens prints: every screen that has reported, as a
// table for people. Pure: the statuses come in read from the broker.
#include <cstdint>
#include <string>
#include <vector>

#include "core/fleet/fleet_status.h"

namespace placard {

// "12 s ago", "5 min ago", "3 h ago", "2 days ago"; "in the future" for a
// clock ahead of the reader's.
std::string describe_age(std::int64_t now, std::int64_t then);

// What is wrong with a screen, in a few words: offline, a refused feed's
// first error at its place ("feed refused: row 7, published: ..."), the
// banner on screen, the last fetch's error; "-" when nothing is.
std::string screen_problem(const ScreenStatus& status);

// One row a screen, sorted by name, in aligned columns: SCREEN, ONLINE,
// SHOWING, SEQUENCE, LAST GOOD FETCH, PROBLEM. now is Unix seconds. Controls
// in what the screens wrote are escaped (terminal_safe), never sent to the terminal.
std::string screens_table(std::vector<ScreenStatus> screens, std::int64_t now);

}  // namespace placard
