#include "core/fetch_judge.h"

#include <cctype>

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

Judgement judge_response(const HttpResult& r)
{
    Judgement j;
    if (!r.transport_error.empty()) {
        j.reason = r.transport_error;
        return j;
    }
    if (r.status == 304) {
        j.verdict = Verdict::unchanged;
        return j;
    }
    if (r.status != 0 && (r.status < 200 || r.status > 299)) {
        j.reason = "the server answered HTTP " + std::to_string(r.status)
                   + (r.status == 404 ? " (not found: check the feed URL)" : "");
        return j;
    }
    j.verdict = Verdict::refused;
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
        return j;
    }
    FeedCheck check = parse_feed(r.body);
    if (!check.ok()) {
        const FeedProblem& first = check.errors.front();
        j.reason = "not a valid feed: " + (first.pointer.empty() ? std::string{} : first.pointer + ": ") + first.message;
        if (check.errors.size() > 1) j.reason += " (and " + std::to_string(check.errors.size() - 1) + " more)";
        return j;
    }
    j.verdict = Verdict::accepted;
    j.feed = std::move(check.feed);
    j.warnings = std::move(check.warnings);
    return j;
}

}  // namespace placard
