#include "core/fetch/refusal.h"

#include "core/feed/feed_rules.h"
#include "core/text/text.h"

namespace placard {

FeedProblem bounded_refusal(const FeedProblem& first)
{
    return {one_line(first.pointer, refusal_place_bytes, refusal_place_bytes),
            one_line(first.message, refusal_message_bytes, refusal_message_bytes)};
}

std::optional<std::string> ProblemLog::line(std::string_view url, const Judgement& j)
{
    if (j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged) {
        last_.clear();
        return std::nullopt;
    }
    std::string why = j.first_error ? "not a valid feed: " + problem_line(*j.first_error, refusal_log_chars)
                                          + (j.errors > 1 ? " (and " + std::to_string(j.errors - 1) + " more)" : "")
                                    : one_line(j.reason, refusal_log_chars);
    std::string text = one_line(url, refusal_log_chars) + ": " + to_string(j.verdict) + ": " + why
                       + "; keeping the last good feed";
    if (text == last_) return std::nullopt;
    last_ = text;
    return text;
}

}  // namespace placard
