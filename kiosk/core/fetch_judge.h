#pragma once
// Deciding what a fetch means for the screen: a new feed to show, no change,
// or a refusal that keeps the last good feed up. Pure: the shell does the I/O.
#include <optional>
#include <string>
#include <vector>

#include "core/feed.h"
#include "core/feed_parse.h"

namespace placard {

// One HTTP(S) or file fetch as the network layer saw it.
struct HttpResult {
    long status = 0;              // 0 when no response arrived
    std::string body;
    std::size_t received = 0;     // body bytes that arrived, even when the body was then discarded
    std::string content_type;
    std::string etag;
    std::string last_modified;
    std::string transport_error;  // set when the transfer failed (timeout, TLS, refused, ...)
    bool too_large = false;       // the body passed the limit and was cut off
    bool truncated = false;       // fewer bytes arrived than the server announced
};

enum class Verdict {
    accepted,      // a complete, valid feed: show it
    unchanged,     // 304 Not Modified: keep showing the cached feed
    refused,       // the server answered with something that is not a good feed
    failed,        // no usable answer: network, TLS or HTTP error
};

const char* to_string(Verdict verdict);

struct Judgement {
    Verdict verdict = Verdict::failed;
    std::string reason;            // plain words for the organiser; empty when accepted
    std::optional<Feed> feed;      // when accepted
    std::vector<FeedProblem> warnings;
};

Judgement judge_response(const HttpResult& result);

}  // namespace placard
