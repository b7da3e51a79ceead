#pragma once
// The package's own programs and modules beside the kiosk's binaries: found
// next to the running program (a build folder), else where installed.
#include <string>

namespace placard {

// NAME's path beside /proc/self/exe if it is there, else installed.
std::string own_file(const std::string& name, const std::string& installed);

}  // namespace placard
