#include "store/feed_keeper.h"

#include <cstdio>

#include "core/feed/feed_parse.h"
#include "core/schedule/schedule.h"
#include "core/trust/signature.h"
#include "net/http.h"

namespace placard {

FeedKeeper::FeedKeeper(std::string url, std::string cache_dir, std::string ca_file, std::vector<PublicKey> keys)
    : url_(std::move(url)), store_(cache_dir), ca_file_(ca_file), shelf_(cache_dir + "/pictures", ca_file)
{
    trust_.keys = std::move(keys);
}

std::optional<std::string> FeedKeeper::load_cache()
{
    if (verifies_signatures()) trust_.last = store_.load_mark(url_);
    auto loaded = store_.load();
    if (!loaded) return "the cached feed was ignored: " + loaded.error().message;
    if (!*loaded) return std::nullopt;
    auto cached = std::move(*loaded);
    FeedCheck check = parse_cached_feed(*cached);
    if (!check.ok())
        return store_.cache_path() + ": the cached feed is damaged and was ignored ("
               + (check.errors.empty() ? std::string("unknown") : check.errors.front().message) + ")";
    bool same_source = cached->url.empty() || cached->url == url_;
    if (!same_source) {
        // A cache of another feed is still better than a blank screen, but its
        // validators must not be sent to this URL.
        cached->etag.clear();
        cached->last_modified.clear();
    }
    if (verifies_signatures()) {
        // Checked again as if just fetched: the keys may have changed since, and
        // a feed older than the last one accepted from this URL is a replay.
        HttpResult signature;
        signature.status = cached->signature.empty() ? 404 : 200;
        signature.body = cached->signature;
        Judgement j;
        j.verdict = Verdict::accepted;
        j.feed = std::move(check.feed);
        TrustState trust{trust_.keys, same_source ? trust_.last : std::nullopt, false};
        j = judge_signature(std::move(j), cached->bytes, signature, trust);
        if (j.verdict != Verdict::accepted) {
            signature_rejected_ = true;
            return store_.cache_path() + ": the cached feed is not shown: "
                   + (cached->signature.empty() ? "missing signature: the cache holds none" : j.reason);
        }
        check.feed = std::move(j.feed);
        if (same_source && (!trust_.last || check.feed->sequence > trust_.last->sequence))
            trust_.last = SequenceMark{*check.feed->sequence, content_digest(cached->bytes)};
        trust_.last_on_screen = same_source;
    }
    set_feed(std::make_shared<const Feed>(std::move(*check.feed)));
    feed_fetched_at_ = cached->fetched_at > 0 ? std::optional<std::int64_t>(cached->fetched_at) : std::nullopt;
    cached_ = Held{cached->etag, cached->last_modified, content_digest(cached->bytes)};
    return std::nullopt;
}

Judgement FeedKeeper::poll(std::int64_t wall_now, const std::atomic<bool>* cancel, Validators validators)
{
    HttpRequest request = default_request(url_);
    request.ca_file = ca_file_;
    request.cancel = cancel;
    if (cached_ && feed_ && validators == Validators::send) {
        request.etag = cached_->etag;
        request.last_modified = cached_->last_modified;
    }
    HttpResult result = http_get(request);
    FetchRecord record{wall_now, result.status, result.received, result.status == 304, {}, {}};
    Judgement j = judge_response(result, url_);
    std::string signature;
    if (verifies_signatures() && j.verdict == Verdict::accepted) {
        // A plain fetch: a conditional one could pair a new feed with an old signature.
        HttpRequest signature_request = default_request(signature_url(url_));
        signature_request.ca_file = ca_file_;
        signature_request.cancel = cancel;
        signature_request.max_bytes = max_signature_bytes;
        HttpResult fetched = http_get(signature_request);
        j = judge_signature(std::move(j), result.body, fetched, trust_);
        signature = std::move(fetched.body);
    }
    if (j.signature == SignatureCheck::rejected) signature_rejected_ = true;
    else if (j.verdict != Verdict::failed) signature_rejected_ = false;
    if (j.verdict == Verdict::unchanged && !feed_) {
        // A 304 for validators we no longer hold a feed for: ask again in full.
        j.verdict = Verdict::failed;
        j.problem = FetchProblem::other;
        j.reason = "the server said not modified, but no cached feed is here";
    }
    if (j.verdict == Verdict::accepted) {
        CachedFeed fresh{std::move(result.body), url_, result.etag, result.last_modified, wall_now, std::move(signature),
                         result.content_type};
        std::optional<SequenceMark> mark;
        if (verifies_signatures()) mark = SequenceMark{*j.feed->sequence, content_digest(fresh.bytes)};
        auto kept = store_.keep(fresh, mark);
        // Logged here unless the failed verdict below logs it (once, not every poll).
        if (!kept && !verifies_signatures()) std::fprintf(stderr, "placard: %s\n", kept.error().message.c_str());
        else if (kept && !kept->empty()) std::fprintf(stderr, "placard: %s\n", kept->c_str());
        if (!kept && verifies_signatures()) {
            // Shown but not saved, it would be forgotten by a restart, and an
            // older signed feed accepted after it: a replay. So it waits, and
            // the next poll tries to save it again.
            unsaved_ = true;
            j.verdict = Verdict::failed;
            j.problem = FetchProblem::other;
            j.reason = "the new feed (sequence " + std::to_string(mark->sequence)
                       + ") is not shown because it cannot be saved: " + kept.error().message;
            j.feed.reset();
        } else {
            if (mark) {
                trust_.last = std::move(mark);
                trust_.last_on_screen = true;
            }
            unsaved_ = false;
            // The same bytes as the feed on screen (a server without validators
            // sends the whole feed every poll): the same feed, not planned again.
            std::string digest = content_digest(fresh.bytes);
            bool same = cached_ && feed_ && cached_->digest == digest;
            if (!same) {
                set_feed(std::make_shared<const Feed>(std::move(*j.feed)));
                // The pictures of items no longer in it go now, with the old feed, not after the next picture round.
                shelf_.prune(*feed_);
            }
            note_outcome((same ? "unchanged: " : "accepted ") + describe_feed(*feed_, url_));
            j.feed.reset();
            feed_fetched_at_ = wall_now;
            cached_ = Held{std::move(fresh.etag), std::move(fresh.last_modified), std::move(digest)};
        }
    }
    if (j.verdict == Verdict::unchanged) {
        unsaved_ = false;
        note_outcome("unchanged: " + describe_feed(*feed_, url_));
    }
    if (j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged) {
        last_success_ = wall_now;
        offline_since_.reset();
        failures_ = 0;
    } else {
        ++failures_;
        if (!offline_since_) offline_since_ = wall_now;
    }
    if (auto line = problem_log_.line(url_, j)) std::fprintf(stderr, "placard: %s\n", line->c_str());
    record.verdict = to_string(j.verdict);
    record.problem = j.problem;
    record.error = j.reason;
    if (j.first_error) record.first_error = bounded_refusal(*j.first_error);
    if (fetches_.size() >= 10000) fetches_.erase(fetches_.begin(), fetches_.begin() + 5000);  // bounded for long runs
    fetches_.push_back(std::move(record));
    return j;
}

FeedKeeper::Shown FeedKeeper::shown() const
{
    std::lock_guard lock(shown_mutex_);
    return {feed_, pictures_};
}

void FeedKeeper::set_feed(std::shared_ptr<const Feed> plain)
{
    std::lock_guard lock(shown_mutex_);
    feed_ = std::move(plain);
    pictures_ = std::make_shared<const Pictures>(shelf_.ready(*feed_, verifies_signatures()));
}

bool FeedKeeper::fetch_pictures(std::int64_t wall_now, const std::atomic<bool>* cancel)
{
    const std::shared_ptr<const Feed> fetched_for = feed();
    if (!fetched_for) return false;
    bool got = shelf_.fetch(*fetched_for, verifies_signatures(), wall_now, cancel, [&] { return feed() != fetched_for; });
    // For the feed on screen now, which may be newer than the one fetched for.
    std::lock_guard lock(shown_mutex_);
    if (got) pictures_ = std::make_shared<const Pictures>(shelf_.ready(*feed_, verifies_signatures()));
    shelf_.prune(*feed_);
    return got;
}

std::vector<PictureProblem> FeedKeeper::picture_problems() const
{
    auto shown_feed = feed();
    return shown_feed ? shelf_.problems(*shown_feed, verifies_signatures()) : std::vector<PictureProblem>{};
}

std::pair<std::size_t, std::size_t> FeedKeeper::picture_counts()
{
    auto shown_feed = feed();
    return shown_feed ? shelf_.counts(*shown_feed, verifies_signatures()) : std::pair<std::size_t, std::size_t>{0, 0};
}

void FeedKeeper::note_outcome(std::string outcome)
{
    // Each new feed once; an unchanged one once after each change, not every poll.
    const bool repeat = outcome == outcome_;
    outcome_ = std::move(outcome);
    if (log_outcomes_ && !repeat) std::fprintf(stderr, "placard: %s\n", outcome_.c_str());
}

std::string describe_feed(const Feed& feed, const std::string& source)
{
    const std::size_t n = feed.items.size();
    return (feed.sequence ? "sequence " + std::to_string(*feed.sequence) : std::string("a feed with no sequence")) + ", "
           + std::to_string(n) + (n == 1 ? " item" : " items") + ", from " + source;
}

std::string describe_showing(const Feed* feed, std::optional<std::int64_t> wall_seconds)
{
    if (!feed) return "Showing: nothing yet";
    std::string s = "Showing: sequence " + (feed->sequence ? std::to_string(*feed->sequence) : std::string("none")) + ", items";
    for (const Item& item : feed->items)
        if (!wall_seconds || in_window(item, *wall_seconds)) s += " " + item.id;
    return s;
}

}  // namespace placard
