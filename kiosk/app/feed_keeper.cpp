#include "app/feed_keeper.h"

#include <cstdio>

#include "core/feed_parse.h"
#include "net/http.h"

namespace placard {

FeedKeeper::FeedKeeper(std::string url, std::string cache_dir, std::string ca_file)
    : url_(std::move(url)), store_(std::move(cache_dir)), ca_file_(std::move(ca_file))
{
}

std::optional<std::string> FeedKeeper::load_cache()
{
    auto cached = store_.load();
    if (!cached) return std::nullopt;
    FeedCheck check = parse_feed(cached->bytes);
    if (!check.ok())
        return store_.feed_path() + ": the cached feed is damaged and was ignored ("
               + (check.errors.empty() ? std::string("unknown") : check.errors.front().message) + ")";
    if (!cached->url.empty() && cached->url != url_) {
        // A cache of another feed is still better than a blank screen, but its
        // validators must not be sent to this URL.
        cached->etag.clear();
        cached->last_modified.clear();
    }
    feed_ = std::make_shared<const Feed>(std::move(*check.feed));
    feed_fetched_at_ = cached->fetched_at > 0 ? std::optional<std::int64_t>(cached->fetched_at) : std::nullopt;
    cached_ = std::move(cached);
    return std::nullopt;
}

Judgement FeedKeeper::poll(std::int64_t wall_now, const std::atomic<bool>* cancel)
{
    HttpRequest request = default_request(url_);
    request.ca_file = ca_file_;
    request.cancel = cancel;
    if (cached_ && feed_) {
        request.etag = cached_->etag;
        request.last_modified = cached_->last_modified;
    }
    HttpResult result = http_get(request);
    FetchRecord record{wall_now, result.status, result.received, result.status == 304, {}, {}};
    Judgement j = judge_response(result);
    if (j.verdict == Verdict::unchanged && !feed_) {
        // A 304 for validators we no longer hold a feed for: ask again in full.
        j.verdict = Verdict::failed;
        j.reason = "the server said not modified, but no cached feed is here";
    }
    if (j.verdict == Verdict::accepted) {
        CachedFeed fresh{std::move(result.body), url_, result.etag, result.last_modified, wall_now};
        auto saved = store_.save(fresh);
        if (!saved) std::fprintf(stderr, "placard: %s\n", saved.error().message.c_str());
        feed_ = std::make_shared<const Feed>(std::move(*j.feed));
        j.feed.reset();
        feed_fetched_at_ = wall_now;
        cached_ = std::move(fresh);
    }
    if (j.verdict == Verdict::accepted || j.verdict == Verdict::unchanged) {
        last_success_ = wall_now;
        offline_since_.reset();
        failures_ = 0;
        last_logged_.clear();
    } else {
        ++failures_;
        if (!offline_since_) offline_since_ = wall_now;
        // Logged once per distinct problem, not on every poll.
        if (j.reason != last_logged_) {
            std::fprintf(stderr, "placard: %s: %s: %s; keeping the last good feed\n", url_.c_str(), to_string(j.verdict),
                         j.reason.c_str());
            last_logged_ = j.reason;
        }
    }
    record.verdict = to_string(j.verdict);
    record.error = j.reason;
    if (fetches_.size() >= 10000) fetches_.erase(fetches_.begin(), fetches_.begin() + 5000);  // bounded for long runs
    fetches_.push_back(std::move(record));
    return j;
}

std::string describe_showing(const Feed* feed)
{
    if (!feed) return "Showing: nothing yet";
    std::string s = "Showing: sequence " + (feed->sequence ? std::to_string(*feed->sequence) : std::string("none")) + ", items";
    for (const Item& item : feed->items) s += " " + item.id;
    return s;
}

}  // namespace placard
