#pragma once
// The fetcher's two messages. The kiosk does not link the network stack: each
// download runs in placard-fetch, a short-lived process of its own, so the
// long-running kiosk maps neither libcurl nor the TLS, Kerberos and LDAP
// libraries it brings (about 4 MiB of a 1080p screen's memory), and a hostile
// server's bytes are first handled in a process that holds no screen.
//
//   kiosk -> placard-fetch, on its standard input: the order, one JSON object.
//   placard-fetch -> kiosk, on its standard output: the answer's head, one JSON
//   object on one line, then exactly head.body_bytes bytes of body.
//
// Pure: the shell spawns the process and moves the bytes.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/fetch/fetch_judge.h"
#include "core/result.h"

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
    const std::atomic<bool>* cancel = nullptr;  // set to abandon the transfer (the kiosk is quitting); not sent
};

// The largest order and answer head either side reads: URLs, validators and
// an error message are far below it.
inline constexpr std::size_t fetch_message_limit = 64 * 1024;

std::string write_fetch_order(const HttpRequest& request);
Result<HttpRequest> read_fetch_order(std::string_view text);

struct FetchAnswerHead {
    HttpResult result;           // all but the body
    std::size_t body_bytes = 0;  // what follows the head's newline
};

// One line, ending in '\n'.
std::string write_answer_head(const HttpResult& result);
// Refuses a head that is not the fetcher's: not one JSON object, a field of
// the wrong type, or a body longer than max_body.
Result<FetchAnswerHead> read_answer_head(std::string_view line, std::size_t max_body);

}  // namespace placard
