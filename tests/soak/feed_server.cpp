#include "soak/feed_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace placard::soak {
namespace {

constexpr const char* captive_portal_page =
    "<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body><h1>Welcome</h1>"
    "<form method=\"post\" action=\"/login\"><button>Accept the terms</button></form></body></html>\n";
constexpr const char* invalid_json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"x\",}]}\n";

std::string response(int status, const char* reason, const std::string& type, const std::string& body,
                     const std::string& extra_headers = "", std::size_t claimed_length = 0)
{
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nConnection: close\r\n";
    if (!type.empty()) head += "Content-Type: " + type + "\r\n";
    head += "Content-Length: " + std::to_string(claimed_length ? claimed_length : body.size()) + "\r\n";
    return head + extra_headers + "\r\n" + body;
}

// The value of a request header, matched without regard to case; empty when absent.
std::string header(const std::string& request, const std::string& name)
{
    std::string lower = request;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string key = "\r\n" + name + ":";
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    auto at = lower.find(key);
    if (at == std::string::npos) return "";
    auto start = request.find_first_not_of(' ', at + key.size());
    auto end = request.find("\r\n", start);
    return request.substr(start, end - start);
}

void send_all(int connection, const std::string& data)
{
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(connection, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the client went away: nothing to do about it here
        sent += static_cast<std::size_t>(n);
    }
}

}  // namespace

const char* to_string(Fault fault)
{
    switch (fault) {
    case Fault::none: return "none";
    case Fault::server_error: return "HTTP 500";
    case Fault::not_found: return "HTTP 404";
    case Fault::truncated: return "truncated body";
    case Fault::captive_portal: return "captive portal";
    case Fault::invalid_json: return "invalid JSON";
    case Fault::refused: return "connection refused";
    }
    return "?";
}

Result<std::unique_ptr<FeedServer>> FeedServer::start()
{
    std::unique_ptr<FeedServer> server(new FeedServer);
    server->wake_ = eventfd(0, EFD_CLOEXEC);
    if (server->wake_ < 0 || !server->listen())
        return Error{"the soak's feed server cannot listen on 127.0.0.1", ErrorKind::environment};
    server->listening_ = true;
    server->thread_ = std::thread([s = server.get()] { s->run(); });
    return server;
}

FeedServer::~FeedServer()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    std::uint64_t one = 1;
    if (::write(wake_, &one, sizeof one) != sizeof one) std::abort();  // the join below would never end
    if (thread_.joinable()) thread_.join();
    if (listener_ >= 0) ::close(listener_);
    if (wake_ >= 0) ::close(wake_);
}

bool FeedServer::listen()
{
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) return false;
    int yes = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // the same port again after a refusal
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 16) != 0
        || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listener_);
        listener_ = -1;
        return false;
    }
    port_ = ntohs(address.sin_port);
    return true;
}

void FeedServer::set_feed(std::string body)
{
    std::lock_guard lock(mutex_);
    body_ = std::move(body);
    etag_ = "\"feed-" + std::to_string(++feeds_) + "\"";
}

Result<bool> FeedServer::set_fault(Fault fault)
{
    std::unique_lock lock(mutex_);
    fault_ = fault;
    listening_wanted_ = fault != Fault::refused;
    std::uint64_t one = 1;
    if (::write(wake_, &one, sizeof one) != sizeof one) std::abort();  // the wait below would never end
    applied_.wait(lock, [this] { return listening_ == listening_wanted_ || listen_failed_; });
    if (listen_failed_) return Error{"the soak's feed server cannot listen on port " + std::to_string(port_) + " again",
                                     ErrorKind::environment};
    return true;
}

std::string FeedServer::url() const
{
    std::lock_guard lock(mutex_);
    return "http://127.0.0.1:" + std::to_string(port_) + "/feed.json";
}

std::uint64_t FeedServer::requests() const
{
    std::lock_guard lock(mutex_);
    return requests_;
}

void FeedServer::run()
{
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            if (listening_wanted_ && !listening_ && !listen_failed_) {
                listening_ = listen();
                listen_failed_ = !listening_;
            }
            if (!listening_wanted_ && listening_) {
                ::close(listener_);
                listener_ = -1;
                listening_ = false;
            }
            applied_.notify_all();
        }
        pollfd fds[2] = {{wake_, POLLIN, 0}, {listener_, POLLIN, 0}};
        if (::poll(fds, listener_ >= 0 ? 2 : 1, -1) < 0) continue;
        if (fds[0].revents & POLLIN) {
            std::uint64_t count = 0;
            if (::read(wake_, &count, sizeof count) < 0) continue;
        }
        if (listener_ >= 0 && (fds[1].revents & POLLIN)) {
            int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (connection < 0) continue;
            answer(connection);
            ::close(connection);
        }
    }
}

void FeedServer::answer(int connection)
{
    timeval timeout{2, 0};  // a client that never finishes its request cannot hold the server
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
        ssize_t n = ::recv(connection, buffer, sizeof buffer, 0);
        if (n <= 0) return;
        request.append(buffer, static_cast<std::size_t>(n));
    }
    std::unique_lock lock(mutex_);
    ++requests_;
    const Fault fault = fault_;
    const std::string body = body_, etag = etag_;
    lock.unlock();
    switch (fault) {
    case Fault::none:
        if (header(request, "If-None-Match") == etag) send_all(connection, response(304, "Not Modified", "", "", "ETag: " + etag + "\r\n"));
        else send_all(connection, response(200, "OK", "application/feed+json", body, "ETag: " + etag + "\r\n"));
        break;
    case Fault::server_error: send_all(connection, response(500, "Internal Server Error", "text/plain", "server error\n")); break;
    case Fault::not_found: send_all(connection, response(404, "Not Found", "text/html", "<h1>Not Found</h1>\n")); break;
    case Fault::truncated:
        // Content-Length promises the whole feed; the connection closes half-way through it.
        send_all(connection, response(200, "OK", "application/feed+json", body.substr(0, body.size() / 2), "", body.size()));
        break;
    case Fault::captive_portal: send_all(connection, response(200, "OK", "text/html; charset=utf-8", captive_portal_page)); break;
    case Fault::invalid_json: send_all(connection, response(200, "OK", "application/json", invalid_json)); break;
    case Fault::refused: break;  // not listening: no connection gets here
    }
}

}  // namespace placard::soak
