#pragma once
// The organiser's logo read from its file: a regular file only (a named pipe
// would hold the kiosk before its first frame), within logo_limits, checked
// from its header before it is decoded (render/logo.h).
#include <string>

#include "core/result.h"
#include "render/logo.h"

namespace placard {

// Errors name the file and say what would work.
Result<Logo> load_logo(const std::string& path);

}  // namespace placard
