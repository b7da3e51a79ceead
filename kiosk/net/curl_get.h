#pragma once
// One download with libcurl, in this process: http, https or file. Only
// placard-fetch runs it (tools/placard_fetch.cpp); the kiosk and placard-feed
// call http_get (net/http.h), which runs placard-fetch.
#include "core/fetch/fetch_wire.h"

namespace placard {

HttpResult curl_get(const HttpRequest& request);

}  // namespace placard
