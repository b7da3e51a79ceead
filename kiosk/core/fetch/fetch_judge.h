#pragma once
// Deciding what a fetch means for the screen: a new feed to show, no change,
// or a refusal that keeps the last good feed up. Pure: the shell does the I/O.
#include <optional>
#include <string>
#include <vector>

#include "core/feed/feed.h"
#include "core/feed/feed_parse.h"
#include "core/trust/signature.h"

namespace placard {

// What kept a fetch from giving a feed, in the categories an organiser can act
// on: the status card and the banner name it, and say what to do.
enum class FetchProblem {
    none,
    no_network,         // no route out of this screen
    name_not_found,     // the server's name does not resolve
    no_answer,          // refused, timed out, or not a web server
    secure_connection,  // TLS: certificate or handshake
    not_found,          // HTTP 404 or 410: a wrong address on a working network
    server_error,       // any other HTTP error status
    login_page,         // a web page where the feed should be (a Wi-Fi login page)
    not_a_feed,         // empty, too large, cut short, or not valid JSON Feed
    bad_signature,      // missing, invalid, by an unknown key, or a replay
    unreadable_file,    // a file:// feed that cannot be read
    other,
};

const char* to_string(FetchProblem problem);

// One HTTP(S) or file fetch as the network layer saw it.
struct HttpResult {
    long status = 0;              // 0 when no response arrived
    std::string body;
    std::size_t received = 0;     // body bytes that arrived, even when the body was then discarded
    std::string content_type;
    std::string etag;
    std::string last_modified;
    std::string transport_error;  // set when the transfer failed (timeout, TLS, refused, ...)
    FetchProblem transport_problem = FetchProblem::other;  // its category, when transport_error is set
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

// What became of a feed's signature on a screen that trusts keys.
enum class SignatureCheck {
    not_checked,   // no keys configured, or the fetch never got that far
    verified,      // signed by a trusted key, and newer than the feed on screen
    rejected,      // missing, invalid, by an unknown key, or a replay
};

struct Judgement {
    Verdict verdict = Verdict::failed;
    std::string reason;            // plain words for the organiser; empty when accepted
    FetchProblem problem = FetchProblem::none;
    std::optional<Feed> feed;      // when accepted
    std::vector<FeedProblem> warnings;
    // An invalid feed's first error, at its place: a JSON Pointer
    // ("/items/3/date_published") or a sheet's row and column ("row 7,
    // published"), as the parser wrote it; errors counts them all.
    std::optional<FeedProblem> first_error;
    std::size_t errors = 0;
    SignatureCheck signature = SignatureCheck::not_checked;
    KeyId signed_by{};             // when verified
};

// source: the feed URL, which with the content type tells a sheet from JSON.
Judgement judge_response(const HttpResult& result, std::string_view source = {});

// The newest signed feed a screen accepted from its URL: anything older is a replay.
struct SequenceMark {
    std::int64_t sequence = 0;
    std::string digest;  // content_digest of its bytes
};

struct TrustState {
    std::vector<PublicKey> keys;       // a feed signed by any one of them may be shown
    std::optional<SequenceMark> last;  // nothing: no signed feed accepted from this URL yet
    bool last_on_screen = false;       // the feed showing is the one `last` describes
};

// Where a feed's detached signature lives: the feed URL + ".sig", before any
// query or fragment ("https://x.org/feed.json?v=2" -> "https://x.org/feed.json.sig?v=2").
std::string signature_url(const std::string& feed_url);

// For a screen that trusts keys: an accepted judgement stays accepted only when
// `signature` (the fetch of signature_url) verifies over the exact feed bytes
// and the feed's sequence is above trust.last. The same sequence with the same
// bytes is unchanged while that feed is on screen (and accepted again when it
// is not); with other bytes it is refused.
Judgement judge_signature(Judgement feed, std::string_view feed_bytes, const HttpResult& signature,
                          const TrustState& trust);

}  // namespace placard
