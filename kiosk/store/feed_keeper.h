#pragma once
// Holds the last good feed of a remote source: loads it from the cache at
// start, polls the source, and replaces it only with a complete, valid feed.
// Given public keys, only with one signed by one of them whose sequence is
// above that of the last signed feed accepted: nothing unverified is held.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/feed_store.h"
#include "store/image_shelf.h"
#include "core/plan/plan.h"
#include "core/feed/feed.h"
#include "core/fetch/fetch_judge.h"
#include "core/fetch/refusal.h"

namespace placard {

struct FetchRecord {
    std::int64_t at = 0;          // Unix seconds
    long status = 0;
    std::size_t bytes = 0;
    bool not_modified = false;
    std::string verdict;
    std::string error;
    FetchProblem problem = FetchProblem::none;
    std::optional<FeedProblem> first_error = std::nullopt;  // an invalid feed's first error, at its place (bounded_refusal)
};

class FeedKeeper {
public:
    FeedKeeper(std::string url, std::string cache_dir, std::string ca_file, std::vector<PublicKey> keys = {});

    // Puts the cached feed up, if there is a valid one (and, given keys, its
    // cached signature verifies). Returns a warning when the cache exists but
    // cannot be used.
    std::optional<std::string> load_cache();

    // One fetch and its consequences; wall_now is Unix seconds. Asked for by
    // an editor (a refresh, a pull), it is made without the cached feed's
    // validators: a server's Last-Modified counts whole seconds, so a feed
    // changed in the second it was last fetched would be answered "not
    // modified". The same bytes are still recognised, by their digest.
    enum class Validators { send, omit };
    Judgement poll(std::int64_t wall_now, const std::atomic<bool>* cancel = nullptr,
                   Validators validators = Validators::send);

    // The feed on screen, and its pictures that are ready (by item id). These
    // and fetch_pictures may be called from another thread than poll's.
    struct Shown {
        std::shared_ptr<const Feed> feed;
        std::shared_ptr<const Pictures> pictures;
    };
    Shown shown() const;
    std::shared_ptr<const Feed> feed() const { return shown().feed; }
    std::shared_ptr<const Pictures> pictures() const { return shown().pictures; }

    // Fetches the pictures of the feed that are not on the shelf yet, after a
    // poll, so that a new feed goes on screen first and its pictures follow.
    // A new feed accepted meanwhile ends the round before its next download.
    // Returns whether pictures() changed (a picture became ready).
    bool fetch_pictures(std::int64_t wall_now, const std::atomic<bool>* cancel = nullptr);
    // The pictures not shown, and why, for --check and the diagnostics.
    std::vector<PictureProblem> picture_problems() const;
    std::pair<std::size_t, std::size_t> picture_counts();
    ImageShelf& shelf() { return shelf_; }
    std::optional<std::int64_t> feed_fetched_at() const { return feed_fetched_at_; }
    std::optional<std::int64_t> last_success() const { return last_success_; }
    std::optional<std::int64_t> offline_since() const { return offline_since_; }
    int failures() const { return failures_; }
    const std::vector<FetchRecord>& fetches() const { return fetches_; }
    // The last answer offered a feed whose signature was refused (or the cached
    // feed's was); cleared by the next feed accepted or confirmed unchanged.
    bool signature_rejected() const { return signature_rejected_; }
    // The last feed accepted on a screen that verifies signatures was not shown
    // because it could not be saved (a full or read-only cache); cleared by the
    // next feed saved or confirmed unchanged.
    bool feed_unsaved() const { return unsaved_; }
    bool verifies_signatures() const { return !trust_.keys.empty(); }
    const std::string& url() const { return url_; }
    // What the last poll that reached the server did to the feed on screen,
    // as logged: "accepted sequence 5, 12 items, from URL" or "unchanged: ...".
    const std::string& outcome() const { return outcome_; }
    // Off for --check, which prints the outcome instead of logging it.
    void log_outcomes(bool on)
    {
        log_outcomes_ = on;
        shelf_.log_problems(on);
    }
    const std::string& cache_dir() const { return store_.dir(); }

private:
    std::string url_;
    FeedStore store_;
    std::string ca_file_;
    TrustState trust_;
    bool signature_rejected_ = false;
    bool unsaved_ = false;
    // feed_ is written by poll's thread only, under shown_mutex_, and read
    // there without it; pictures_ is written by both, always under it.
    mutable std::mutex shown_mutex_;
    std::shared_ptr<const Feed> feed_;
    std::shared_ptr<const Pictures> pictures_ = std::make_shared<const Pictures>();
    ImageShelf shelf_;
    void set_feed(std::shared_ptr<const Feed> plain);
    // What is kept of the feed on screen's bytes: its validators for the
    // next conditional request, and its digest to recognise the same bytes
    // sent again. The bytes themselves go once saved (up to 4 MiB).
    struct Held {
        std::string etag;
        std::string last_modified;
        std::string digest;  // content_digest
    };
    std::optional<Held> cached_;
    std::optional<std::int64_t> feed_fetched_at_;
    std::optional<std::int64_t> last_success_;
    std::optional<std::int64_t> offline_since_;
    int failures_ = 0;
    ProblemLog problem_log_;
    std::string outcome_;
    bool log_outcomes_ = true;
    void note_outcome(std::string outcome);
    std::vector<FetchRecord> fetches_;
};

// "Showing: sequence 7, items a b c" or "Showing: nothing yet". Given a
// trusted wall clock (Unix seconds), items outside their window are left out.
std::string describe_showing(const Feed* feed, std::optional<std::int64_t> wall_seconds = std::nullopt);

// "sequence 5, 12 items, from SOURCE": which feed, for the log lines that tell
// an editor that the screens picked up a change.
std::string describe_feed(const Feed& feed, const std::string& source);

}  // namespace placard
