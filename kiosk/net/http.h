#pragma once
// One feed download: http, https or file. Blocking; the poller calls it from
// its own thread so the render loop never waits on the network. It runs
// placard-fetch (core/fetch/fetch_wire.h says why and how), found as
// PLACARD_FETCH_PROGRAM names it (a command line: tests and cross builds),
// else beside the running program, else where the package installs it.
#include <string>

#include "core/fetch/fetch_wire.h"

namespace placard {

// The timeouts, overridable for tests with PLACARD_CONNECT_TIMEOUT_MS,
// PLACARD_LOW_SPEED_SECONDS and PLACARD_TOTAL_TIMEOUT_MS.
HttpRequest default_request(const std::string& url);

HttpResult http_get(const HttpRequest& request);

// "Placard/0.1.0 (+libcurl)"
std::string user_agent();

}  // namespace placard
