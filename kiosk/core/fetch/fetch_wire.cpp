#include "core/fetch/fetch_wire.h"

#include <nlohmann/json.hpp>

namespace placard {
namespace {

using nlohmann::json;

// The problems by name on the wire, so that the two sides agree even if the
// enum is reordered. Its own table, not to_string(): placard-fetch links this
// file and not the judge's, which would bring the feed parser with it.
struct ProblemName {
    FetchProblem problem;
    const char* name;
};
constexpr ProblemName problems[] = {
    {FetchProblem::none, "none"},
    {FetchProblem::no_network, "no_network"},
    {FetchProblem::name_not_found, "name_not_found"},
    {FetchProblem::no_answer, "no_answer"},
    {FetchProblem::secure_connection, "secure_connection"},
    {FetchProblem::not_found, "not_found"},
    {FetchProblem::server_error, "server_error"},
    {FetchProblem::login_page, "login_page"},
    {FetchProblem::not_a_feed, "not_a_feed"},
    {FetchProblem::bad_signature, "bad_signature"},
    {FetchProblem::unreadable_file, "unreadable_file"},
    {FetchProblem::other, "other"},
};

const char* name_of(FetchProblem p)
{
    for (const ProblemName& n : problems) {
        if (n.problem == p) return n.name;
    }
    return "other";
}

Error wire_error(const std::string& what)
{
    return Error{"placard-fetch's " + what + "; reinstall the placard package if this repeats", ErrorKind::environment};
}

// A count from the wire: a whole number from 0 to the limit.
bool read_count(const json& object, const char* key, std::uint64_t limit, std::uint64_t& out)
{
    auto it = object.find(key);
    if (it == object.end()) return true;  // absent: the default stays
    if (!it->is_number_unsigned()) return false;
    out = it->get<std::uint64_t>();
    return out <= limit;
}

bool read_text(const json& object, const char* key, std::string& out)
{
    auto it = object.find(key);
    if (it == object.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

bool read_flag(const json& object, const char* key, bool& out)
{
    auto it = object.find(key);
    if (it == object.end()) return true;
    if (!it->is_boolean()) return false;
    out = it->get<bool>();
    return true;
}

json parse_object(std::string_view text)
{
    if (text.size() > fetch_message_limit) return json();
    json value = json::parse(text, nullptr, false);
    return value.is_object() ? value : json();
}

}  // namespace

std::string write_fetch_order(const HttpRequest& r)
{
    json order = {
        {"url", r.url},
        {"etag", r.etag},
        {"last_modified", r.last_modified},
        {"ca_file", r.ca_file},
        {"max_bytes", r.max_bytes},
        {"connect_timeout_ms", r.connect_timeout.count()},
        {"low_speed_bytes", r.low_speed_bytes},
        {"low_speed_seconds", r.low_speed_time.count()},
        {"total_timeout_ms", r.total_timeout.count()},
    };
    // Invalid UTF-8 in a URL or validator is sent as U+FFFD rather than failing.
    return order.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<HttpRequest> read_fetch_order(std::string_view text)
{
    const json order = parse_object(text);
    if (order.is_null()) return wire_error("order is not one JSON object of at most 64 KiB");
    HttpRequest r;
    std::uint64_t max_bytes = r.max_bytes, connect = 10000, low_bytes = 100, low_seconds = 10, total = 60000;
    constexpr std::uint64_t day_ms = 24ull * 3600 * 1000;
    bool ok = read_text(order, "url", r.url) && read_text(order, "etag", r.etag) &&
              read_text(order, "last_modified", r.last_modified) && read_text(order, "ca_file", r.ca_file) &&
              read_count(order, "max_bytes", 1ull << 32, max_bytes) &&
              read_count(order, "connect_timeout_ms", day_ms, connect) &&
              read_count(order, "low_speed_bytes", 1ull << 30, low_bytes) &&
              read_count(order, "low_speed_seconds", day_ms / 1000, low_seconds) &&
              read_count(order, "total_timeout_ms", day_ms, total);
    if (!ok || r.url.empty()) return wire_error("order has a field of the wrong type, out of range, or no url");
    r.max_bytes = static_cast<std::size_t>(max_bytes);
    r.connect_timeout = std::chrono::milliseconds(connect);
    r.low_speed_bytes = static_cast<long>(low_bytes);
    r.low_speed_time = std::chrono::seconds(low_seconds);
    r.total_timeout = std::chrono::milliseconds(total);
    return r;
}

std::string write_answer_head(const HttpResult& r)
{
    json head = {
        {"status", r.status},
        {"received", r.received},
        {"content_type", r.content_type},
        {"etag", r.etag},
        {"last_modified", r.last_modified},
        {"transport_error", r.transport_error},
        {"transport_problem", name_of(r.transport_problem)},
        {"too_large", r.too_large},
        {"truncated", r.truncated},
        {"body_bytes", r.body.size()},
    };
    // A server's header in Latin-1 (an ETag, a Content-Type) is kept as U+FFFD
    // rather than losing the whole answer.
    return head.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<FetchAnswerHead> read_answer_head(std::string_view line, std::size_t max_body)
{
    const json head = parse_object(line);
    if (head.is_null()) return wire_error("answer is not one JSON object of at most 64 KiB");
    FetchAnswerHead h;
    HttpResult& r = h.result;
    std::uint64_t status = 0, received = 0, body = 0;
    std::string problem = "none";
    bool ok = read_count(head, "status", 999, status) && read_count(head, "received", 1ull << 40, received) &&
              read_count(head, "body_bytes", max_body, body) && read_text(head, "content_type", r.content_type) &&
              read_text(head, "etag", r.etag) && read_text(head, "last_modified", r.last_modified) &&
              read_text(head, "transport_error", r.transport_error) && read_text(head, "transport_problem", problem) &&
              read_flag(head, "too_large", r.too_large) && read_flag(head, "truncated", r.truncated);
    if (!ok) return wire_error("answer has a field of the wrong type, or a body over the limit");
    bool known = false;
    for (const ProblemName& n : problems) {
        if (problem == n.name) {
            r.transport_problem = n.problem;
            known = true;
        }
    }
    if (!known) return wire_error("answer names an unknown problem \"" + problem + "\"");
    r.status = static_cast<long>(status);
    r.received = static_cast<std::size_t>(received);
    h.body_bytes = static_cast<std::size_t>(body);
    return h;
}

}  // namespace placard
