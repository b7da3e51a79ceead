// The fetcher's messages (core/fetch/fetch_wire.h) as an input path: any
// bytes as an order or an answer's head give a request or a refusal that
// names placard-fetch, never a crash; what is accepted is written back and
// read again the same; and an accepted head never announces more body than
// the limit the reader gave.
#include <string>

#include "core/fetch/fetch_wire.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = fuzz::text(data, size);
    auto order = placard::read_fetch_order(bytes);
    if (order) {
        fuzz::require(!order->url.empty(), "an accepted order has a URL");
        auto again = placard::read_fetch_order(placard::write_fetch_order(*order));
        fuzz::require(again.ok(), "an accepted order written back is accepted");
        fuzz::require(again->max_bytes == order->max_bytes && again->total_timeout == order->total_timeout &&
                          again->connect_timeout == order->connect_timeout,
                      "an accepted order written back reads the same");
    } else {
        fuzz::require(order.error().message.find("placard-fetch") != std::string::npos, "a refused order names the fetcher");
    }
    constexpr std::size_t limit = 4u << 20;
    auto head = placard::read_answer_head(bytes, limit);
    if (head) {
        fuzz::require(head->body_bytes <= limit, "an accepted head announces no more than the limit");
        fuzz::require(head->result.body.empty(), "a head carries no body");
        auto again = placard::read_answer_head(placard::write_answer_head(head->result), limit);
        fuzz::require(again.ok() && again->result.status == head->result.status &&
                          again->result.transport_problem == head->result.transport_problem &&
                          again->result.etag == head->result.etag,
                      "an accepted head written back reads the same");
    } else {
        fuzz::require(head.error().message.find("placard-fetch") != std::string::npos, "a refused head names the fetcher");
    }
    return 0;
}
