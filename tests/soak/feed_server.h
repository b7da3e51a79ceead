#pragma once
// A feed server on 127.0.0.1 for the soak run: serves the feed it is given,
// with an ETag so an unchanged feed costs a 304, or one of the faults a venue
// network produces. It listens on a port the kernel picks and nothing else.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace placard::soak {

enum class Fault {
    none,            // 200 with the feed, or 304 for a matching If-None-Match
    server_error,    // 500
    not_found,       // 404 with an HTML page
    truncated,       // 200 whose body stops half-way through its Content-Length
    captive_portal,  // 200 text/html: a hotel Wi-Fi login page
    invalid_json,    // 200 application/json that does not parse
    refused,         // nothing listens: connections are refused
};

const char* to_string(Fault fault);

class FeedServer {
public:
    static Result<std::unique_ptr<FeedServer>> start();
    ~FeedServer();
    FeedServer(const FeedServer&) = delete;
    FeedServer& operator=(const FeedServer&) = delete;

    // Both take effect before they return. set_fault fails when the port
    // cannot be listened on again after a refusal.
    void set_feed(std::string body);
    Result<bool> set_fault(Fault fault);

    std::string url() const;
    std::uint64_t requests() const;

private:
    FeedServer() = default;
    bool listen();
    void run();
    void answer(int connection);

    mutable std::mutex mutex_;
    std::condition_variable applied_;
    std::string body_;
    std::string etag_;
    Fault fault_ = Fault::none;
    bool listening_wanted_ = true;
    bool listening_ = false;
    bool listen_failed_ = false;
    bool stopping_ = false;
    std::uint64_t requests_ = 0;
    std::uint64_t feeds_ = 0;
    int port_ = 0;
    int listener_ = -1;
    int wake_ = -1;  // an eventfd: the driver's thread wakes the server's
    std::thread thread_;
};

}  // namespace placard::soak
