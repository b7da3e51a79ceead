#pragma once
// One feed download with libcurl: http, https or file. Blocking; the poller
// calls it from its own thread so the render loop never waits on the network.
#include <atomic>
#include <chrono>
#include <string>

#include "core/fetch/fetch_judge.h"

namespace placard {

struct HttpRequest {
    std::string url;
    std::string etag;            // sent as If-None-Match
    std::string last_modified;   // sent as If-Modified-Since, exactly as the server wrote it
    std::string ca_file;         // extra trust for a private CA; empty: the system's
    std::size_t max_bytes = 4u * 1024u * 1024u;
    std::chrono::milliseconds connect_timeout{10000};
    long low_speed_bytes = 100;                // abort below this many bytes a second...
    std::chrono::seconds low_speed_time{10};   // ...for this long
    std::chrono::milliseconds total_timeout{60000};
    const std::atomic<bool>* cancel = nullptr;  // set to abandon the transfer (the kiosk is quitting)
};

// The timeouts, overridable for tests with PLACARD_CONNECT_TIMEOUT_MS,
// PLACARD_LOW_SPEED_SECONDS and PLACARD_TOTAL_TIMEOUT_MS.
HttpRequest default_request(const std::string& url);

HttpResult http_get(const HttpRequest& request);

// "Placard/0.1.0 (+libcurl)"
std::string user_agent();

}  // namespace placard
