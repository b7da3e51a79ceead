#include "core/fetch/fetch_judge.h"

#include <cctype>

#include "core/sheet/feed_format.h"

namespace placard {

const char* to_string(Verdict verdict)
{
    switch (verdict) {
    case Verdict::accepted: return "accepted";
    case Verdict::unchanged: return "unchanged";
    case Verdict::refused: return "refused";
    default: return "failed";
    }
}

const char* to_string(FetchProblem problem)
{
    switch (problem) {
    case FetchProblem::none: return "none";
    case FetchProblem::no_network: return "no network";
    case FetchProblem::name_not_found: return "name not found";
    case FetchProblem::no_answer: return "no answer";
    case FetchProblem::secure_connection: return "secure connection failed";
    case FetchProblem::not_found: return "not found";
    case FetchProblem::server_error: return "server error";
    case FetchProblem::login_page: return "login page";
    case FetchProblem::not_a_feed: return "not a feed";
    case FetchProblem::bad_signature: return "bad signature";
    case FetchProblem::unreadable_file: return "unreadable file";
    default: return "other";
    }
}

namespace {

bool looks_like_html(const HttpResult& r)
{
    if (r.content_type.find("html") != std::string::npos) return true;
    for (char c : r.body) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        return c == '<';
    }
    return false;
}

}  // namespace

Judgement judge_response(const HttpResult& r, std::string_view source)
{
    Judgement j;
    if (!r.transport_error.empty()) {
        j.reason = r.transport_error;
        j.problem = r.transport_problem;
        return j;
    }
    if (r.status == 304) {
        j.verdict = Verdict::unchanged;
        return j;
    }
    if (r.status != 0 && (r.status < 200 || r.status > 299)) {
        j.reason = "the server answered HTTP " + std::to_string(r.status)
                   + (r.status == 404 ? " (not found: check the feed URL)" : "");
        j.problem = r.status == 404 || r.status == 410 ? FetchProblem::not_found : FetchProblem::server_error;
        return j;
    }
    j.verdict = Verdict::refused;
    j.problem = FetchProblem::not_a_feed;
    if (r.too_large) {
        j.reason = "the feed is larger than 4 MiB; remove old items";
        return j;
    }
    if (r.truncated) {
        j.reason = "the download was cut short; the feed arrived incomplete";
        return j;
    }
    if (r.body.empty()) {
        j.reason = "the server sent an empty answer instead of the feed";
        return j;
    }
    if (looks_like_html(r)) {
        j.reason = "the network returned a web page instead of the feed (a Wi-Fi login page?)";
        j.problem = FetchProblem::login_page;
        return j;
    }
    FeedCheck check = parse_feed_from(r.body, source, r.content_type);
    if (!check.ok()) {
        const FeedProblem& first = check.errors.front();
        j.reason = "not a valid feed: " + (first.pointer.empty() ? std::string{} : first.pointer + ": ") + first.message;
        if (check.errors.size() > 1) j.reason += " (and " + std::to_string(check.errors.size() - 1) + " more)";
        j.first_error = first;
        j.errors = check.errors.size();
        return j;
    }
    j.verdict = Verdict::accepted;
    j.problem = FetchProblem::none;
    j.feed = std::move(check.feed);
    j.warnings = std::move(check.warnings);
    return j;
}

std::string signature_url(const std::string& feed_url)
{
    auto cut = feed_url.find_first_of("?#");
    if (cut == std::string::npos) return feed_url + ".sig";
    return feed_url.substr(0, cut) + ".sig" + feed_url.substr(cut);
}

Judgement judge_signature(Judgement j, std::string_view feed_bytes, const HttpResult& sig, const TrustState& trust)
{
    if (j.verdict != Verdict::accepted) return j;
    auto refuse = [&sig](Verdict verdict, std::string reason, SignatureCheck check) {
        Judgement out;
        out.verdict = verdict;
        out.reason = std::move(reason);
        out.signature = check;
        out.problem = check == SignatureCheck::rejected ? FetchProblem::bad_signature
                      : !sig.transport_error.empty()    ? sig.transport_problem
                      : sig.status >= 400               ? FetchProblem::server_error
                                                        : FetchProblem::other;
        return out;
    };
    // Network trouble fetching the .sig says nothing about the feed: try again later.
    if (!sig.transport_error.empty())
        return refuse(Verdict::failed, "cannot fetch the signature: " + sig.transport_error, SignatureCheck::not_checked);
    if (sig.status == 404 || sig.status == 410)
        return refuse(Verdict::refused,
                      "missing signature: the feed URL + .sig answered HTTP " + std::to_string(sig.status)
                          + "; publish the .sig that placard-feed sign writes next to the feed",
                      SignatureCheck::rejected);
    if (sig.status != 0 && (sig.status < 200 || sig.status > 299))
        return refuse(Verdict::failed, "cannot fetch the signature: the server answered HTTP " + std::to_string(sig.status),
                      SignatureCheck::not_checked);
    if (sig.truncated)
        return refuse(Verdict::failed, "the signature download was cut short", SignatureCheck::not_checked);
    if (sig.too_large)
        return refuse(Verdict::refused, "malformed signature: the .sig is larger than a signature file can be",
                      SignatureCheck::rejected);
    auto verified = verify_feed(feed_bytes, j.feed->sequence, sig.body, trust.keys);
    if (!verified) return refuse(Verdict::refused, verified.error().message, SignatureCheck::rejected);
    if (trust.last) {
        std::string shown = std::to_string(trust.last->sequence);
        if (verified->sequence < trust.last->sequence)
            return refuse(Verdict::refused,
                          "replayed feed: sequence " + std::to_string(verified->sequence)
                              + " is older than sequence " + shown + ", already accepted; publish a newer signed feed",
                          SignatureCheck::rejected);
        if (verified->sequence == trust.last->sequence) {
            if (content_digest(feed_bytes) != trust.last->digest)
                return refuse(Verdict::refused,
                              "sequence reused: sequence " + shown
                                  + " was already accepted with other content; raise _placard.sequence and sign again",
                              SignatureCheck::rejected);
            if (trust.last_on_screen) {
                j.verdict = Verdict::unchanged;
                j.feed.reset();
            }
        }
    }
    j.signature = SignatureCheck::verified;
    j.signed_by = verified->key_id;
    return j;
}

}  // namespace placard
