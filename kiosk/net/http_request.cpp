#include <cstdlib>

#include "net/http.h"

namespace placard {
namespace {

long env_number(const char* name, long fallback)
{
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    return (end && *end == '\0' && n > 0) ? n : fallback;
}

}  // namespace

std::string user_agent() { return std::string("Placard/") + PLACARD_VERSION + " (+libcurl)"; }

HttpRequest default_request(const std::string& url)
{
    HttpRequest r;
    r.url = url;
    r.connect_timeout = std::chrono::milliseconds(env_number("PLACARD_CONNECT_TIMEOUT_MS", 10000));
    r.low_speed_time = std::chrono::seconds(env_number("PLACARD_LOW_SPEED_SECONDS", 10));
    r.total_timeout = std::chrono::milliseconds(env_number("PLACARD_TOTAL_TIMEOUT_MS", 60000));
    return r;
}

}  // namespace placard
