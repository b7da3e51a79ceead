#pragma once
// The facts about this screen that the status cards and the diagnostics show,
// gathered from the system: its name and its network addresses.
#include <string>
#include <vector>

#include "core/setup/status.h"

namespace placard {

// The host name and every address of an interface that is up, leaving out
// loopback and link-local ones (no one can reach the screen through those).
std::string host_name();
std::vector<std::string> network_addresses();

}  // namespace placard
