#pragma once
// Polls a remote feed on its own thread, so the render loop never waits on the
// network, and hands each newly accepted feed over under a lock. The feed's
// pictures are fetched on a second thread, so that a slow picture server
// holds up neither the feed's polls nor an editor's refresh.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "store/feed_keeper.h"
#include "core/fetch/poll_policy.h"

namespace placard {

struct PollSnapshot {
    std::shared_ptr<const Feed> feed;
    std::shared_ptr<const Pictures> pictures;  // the feed's pictures that are ready, by item id
    std::uint64_t generation = 0;  // grows each time a new feed is accepted
    std::optional<std::int64_t> feed_fetched_at;
    std::optional<std::int64_t> last_success;
    std::optional<std::int64_t> offline_since;
    bool signature_rejected = false;  // see FeedKeeper::signature_rejected
    bool feed_unsaved = false;        // see FeedKeeper::feed_unsaved
    Seconds interval{60};
    std::uint64_t polls = 0;       // polls finished
    std::uint64_t refreshes_merged = 0;  // refreshes answered by a fetch made for an earlier one
    std::vector<FetchRecord> fetches;
};

// Refreshes make at most one fetch in this long; those that come sooner wait
// for the end of it and are answered together by one fetch, so a stream of
// them cannot turn into a stream of fetches, and the last is never lost.
inline constexpr std::chrono::seconds refresh_spacing{5};

class Poller {
public:
    // wake is called from the polling thread after every poll.
    Poller(FeedKeeper& keeper, std::optional<int> config_poll_seconds, std::function<void()> wake);
    ~Poller();
    Poller(const Poller&) = delete;
    Poller& operator=(const Poller&) = delete;

    PollSnapshot snapshot() const;

    // Polls at once rather than at the next interval (an editor's refresh),
    // or refresh_spacing after the last poll a refresh made, if that is later.
    // Returns the number of the poll that starts after this call: the
    // snapshot's polls reaches it when that poll is done.
    std::uint64_t poll_now();

private:
    void run();
    void run_pictures();
    // With mutex_ held: until the next poll is due (or stopping_); false when stopping.
    bool wait_for_poll(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point next);

    FeedKeeper& keeper_;
    std::optional<int> config_poll_seconds_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    bool poll_now_ = false;
    std::uint64_t refreshes_waiting_ = 0;  // poll_now calls since the last poll started
    bool merging_logged_ = false;          // a burst of refreshes is said once
    std::chrono::steady_clock::time_point last_refresh_poll_{};
    bool pictures_due_ = false;
    std::condition_variable pictures_signal_;
    std::uint64_t polls_started_ = 0;
    std::atomic<bool> cancel_{false};
    PollSnapshot snapshot_;
    std::thread thread_;
    std::thread pictures_thread_;
};

}  // namespace placard
