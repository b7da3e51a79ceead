// The fetcher's messages (core/fetch/fetch_wire.h): what one side writes the
// other reads back the same, and anything else is refused with a message
// that names placard-fetch, never taken for a feed.
#include <doctest/doctest.h>

#include "core/fetch/fetch_wire.h"

using namespace placard;

namespace {

HttpResult answer_from_a_server()
{
    HttpResult r;
    r.status = 200;
    r.body = "{\"version\":\"https://jsonfeed.org/version/1.1\"}";
    r.received = r.body.size();
    r.content_type = "application/feed+json";
    r.etag = "W/\"v7\"";
    r.last_modified = "Wed, 11 Dec 2013 09:00:00 GMT";
    return r;
}

}  // namespace

TEST_CASE("fetch.wire an order reads back as the request, timeouts and validators included")
{
    HttpRequest r;
    r.url = "https://example.org/feed.json?lang=ar&x=\xD8\xA7";
    r.etag = "\"abc\"";
    r.last_modified = "Wed, 11 Dec 2013 09:00:00 GMT";
    r.ca_file = "/etc/placard/ca.pem";
    r.max_bytes = 4u * 1024u * 1024u;
    r.connect_timeout = std::chrono::milliseconds(1500);
    r.low_speed_bytes = 7;
    r.low_speed_time = std::chrono::seconds(3);
    r.total_timeout = std::chrono::milliseconds(9000);
    const std::string order = write_fetch_order(r);
    CHECK(order.back() == '\n');
    CHECK(order.find('\n') == order.size() - 1);
    auto back = read_fetch_order(order);
    REQUIRE(back.ok());
    CHECK(back->url == r.url);
    CHECK(back->etag == r.etag);
    CHECK(back->last_modified == r.last_modified);
    CHECK(back->ca_file == r.ca_file);
    CHECK(back->max_bytes == r.max_bytes);
    CHECK(back->connect_timeout == r.connect_timeout);
    CHECK(back->low_speed_bytes == 7);
    CHECK(back->low_speed_time == r.low_speed_time);
    CHECK(back->total_timeout == r.total_timeout);
}

TEST_CASE("fetch.wire an order that is not the kiosk's is refused")
{
    for (const char* bad : {"", "null", "[]", "{}", "{\"url\":\"\"}", "{\"url\":7}", "{\"url\":\"x\",\"max_bytes\":-1}",
                            "{\"url\":\"x\",\"max_bytes\":1e300}", "{\"url\":\"x\",\"total_timeout_ms\":\"60\"}",
                            "{\"url\":\"x\",\"connect_timeout_ms\":99999999999}", "{\"url\":\"x\"", "\xFF\xFE"}) {
        CAPTURE(bad);
        auto order = read_fetch_order(bad);
        REQUIRE_FALSE(order.ok());
        CHECK(order.error().message.find("placard-fetch") != std::string::npos);
    }
    // Over the limit, even if well formed.
    const std::string long_url = "{\"url\":\"" + std::string(fetch_message_limit, 'a') + "\"}";
    CHECK_FALSE(read_fetch_order(long_url).ok());
}

TEST_CASE("fetch.wire an answer's head reads back as the result, and announces its body's length")
{
    HttpResult r = answer_from_a_server();
    const std::string head = write_answer_head(r);
    REQUIRE(head.back() == '\n');
    CHECK(head.find('\n') == head.size() - 1);
    auto back = read_answer_head(std::string_view(head).substr(0, head.size() - 1), 4u << 20);
    REQUIRE(back.ok());
    CHECK(back->body_bytes == r.body.size());
    CHECK(back->result.body.empty());
    CHECK(back->result.status == 200);
    CHECK(back->result.received == r.received);
    CHECK(back->result.content_type == r.content_type);
    CHECK(back->result.etag == r.etag);
    CHECK(back->result.last_modified == r.last_modified);
    CHECK_FALSE(back->result.too_large);
}

TEST_CASE("fetch.wire every failure keeps its category and its words")
{
    for (FetchProblem p : {FetchProblem::none, FetchProblem::no_network, FetchProblem::name_not_found,
                           FetchProblem::no_answer, FetchProblem::secure_connection, FetchProblem::not_found,
                           FetchProblem::server_error, FetchProblem::login_page, FetchProblem::not_a_feed,
                           FetchProblem::bad_signature, FetchProblem::unreadable_file, FetchProblem::other}) {
        HttpResult r;
        r.transport_error = "cannot connect to the server (Connection refused)";
        r.transport_problem = p;
        r.too_large = p == FetchProblem::not_a_feed;
        r.truncated = p == FetchProblem::no_answer;
        const std::string head = write_answer_head(r);
        auto back = read_answer_head(head, 100);
        REQUIRE(back.ok());
        CHECK(back->result.transport_problem == p);
        CHECK(back->result.transport_error == r.transport_error);
        CHECK(back->result.too_large == r.too_large);
        CHECK(back->result.truncated == r.truncated);
        CHECK(back->body_bytes == 0);
    }
}

TEST_CASE("fetch.wire a server's header in Latin-1 does not lose the answer")
{
    HttpResult r = answer_from_a_server();
    r.etag = "\"caf\xE9\"";  // not UTF-8
    auto back = read_answer_head(write_answer_head(r), 4u << 20);
    REQUIRE(back.ok());
    CHECK(back->result.etag == "\"caf\xEF\xBF\xBD\"");  // U+FFFD in its place
    CHECK(back->body_bytes == r.body.size());
}

TEST_CASE("fetch.wire a head that is not the fetcher's, or announces too much, is refused")
{
    HttpResult r = answer_from_a_server();
    r.body.assign(1000, 'x');
    const std::string head = write_answer_head(r);
    CHECK(read_answer_head(head, 1000).ok());
    auto over = read_answer_head(head, 999);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().message.find("over the limit") != std::string::npos);
    for (const char* bad : {"", "HTTP/1.1 200 OK", "[]", "{\"status\":\"200\"}", "{\"status\":-1}", "{\"status\":1000}",
                            "{\"body_bytes\":1.5}", "{\"too_large\":1}", "{\"etag\":null}",
                            "{\"transport_problem\":\"on fire\"}", "{\"received\":18446744073709551615}"}) {
        CAPTURE(bad);
        auto back = read_answer_head(bad, 1000);
        REQUIRE_FALSE(back.ok());
        CHECK(back.error().message.find("placard-fetch") != std::string::npos);
    }
}
