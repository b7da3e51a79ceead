#include "store/poller.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include <sys/resource.h>
#include <unistd.h>

namespace placard {

namespace {

// The poller's threads yield to the screen's loop: a download, the feed's
// parsing and the cache's writes run at nice 10, and so does each
// placard-fetch they start (a child takes its thread's nice). On a board
// with one core to spare, a poll then never holds up a fade or a screen
// plugged back in. Raising one's own nice needs no privilege.
void yield_to_the_screen()
{
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
}

std::int64_t wall_seconds()
{
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Poller::Poller(FeedKeeper& keeper, std::optional<int> config_poll_seconds, std::function<void()> wake)
    : keeper_(keeper), config_poll_seconds_(config_poll_seconds), wake_(std::move(wake))
{
    auto shown = keeper_.shown();
    snapshot_.feed = shown.feed;
    snapshot_.pictures = shown.pictures;
    snapshot_.feed_fetched_at = keeper_.feed_fetched_at();
    snapshot_.signature_rejected = keeper_.signature_rejected();
    thread_ = std::thread([this] { run(); });
    pictures_thread_ = std::thread([this] { run_pictures(); });
}

Poller::~Poller()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cancel_ = true;  // abandons a download in progress
    stop_signal_.notify_all();
    pictures_signal_.notify_all();
    thread_.join();
    pictures_thread_.join();
}

PollSnapshot Poller::snapshot() const
{
    std::lock_guard lock(mutex_);
    return snapshot_;
}

std::uint64_t Poller::poll_now()
{
    std::uint64_t next = 0;
    {
        std::lock_guard lock(mutex_);
        poll_now_ = true;
        ++refreshes_waiting_;
        next = polls_started_ + 1;  // the poll thread starts it, and counts it, under this lock
    }
    stop_signal_.notify_all();
    return next;
}

bool Poller::wait_for_poll(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point next)
{
    for (;;) {
        if (stopping_) return false;
        auto due = next;
        if (poll_now_) due = std::min(due, last_refresh_poll_ + refresh_spacing);
        if (std::chrono::steady_clock::now() >= due) return true;
        stop_signal_.wait_until(lock, due);
    }
}

void Poller::run()
{
    yield_to_the_screen();
    std::mt19937 random(std::random_device{}());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (;;) {
        bool asked = false;  // by an editor: fetched whole, without validators
        {
            std::lock_guard lock(mutex_);
            asked = poll_now_;
            if (poll_now_) {
                last_refresh_poll_ = std::chrono::steady_clock::now();
                if (refreshes_waiting_ > 1) {
                    snapshot_.refreshes_merged += refreshes_waiting_ - 1;
                    if (!merging_logged_)
                        std::fprintf(stderr, "placard: refresh: %llu refreshes answered by one fetch (refreshes make "
                                             "at most one fetch every %lld s)\n",
                                     static_cast<unsigned long long>(refreshes_waiting_),
                                     static_cast<long long>(refresh_spacing.count()));
                    merging_logged_ = true;
                } else {
                    merging_logged_ = false;
                }
            }
            poll_now_ = false;
            refreshes_waiting_ = 0;
            ++polls_started_;
        }
        Judgement j = keeper_.poll(wall_seconds(), &cancel_,
                                   asked ? FeedKeeper::Validators::omit : FeedKeeper::Validators::send);
        const Feed* feed = keeper_.feed().get();
        Seconds interval = poll_interval(config_poll_seconds_, feed ? feed->refresh_seconds : std::nullopt);
        {
            std::lock_guard lock(mutex_);
            auto shown = keeper_.shown();
            if (shown.feed && shown.feed != snapshot_.feed) {
                snapshot_.feed = shown.feed;
                snapshot_.pictures = shown.pictures;
                ++snapshot_.generation;
            }
            snapshot_.feed_fetched_at = keeper_.feed_fetched_at();
            snapshot_.last_success = keeper_.last_success();
            snapshot_.offline_since = keeper_.offline_since();
            snapshot_.signature_rejected = keeper_.signature_rejected();
            snapshot_.feed_unsaved = keeper_.feed_unsaved();
            snapshot_.interval = interval;
            snapshot_.fetches = keeper_.fetches();
            ++snapshot_.polls;
            // The feed is on its way to the screen; its new pictures follow it.
            pictures_due_ = true;
        }
        pictures_signal_.notify_all();
        if (wake_) wake_();
        auto delay = keeper_.failures() > 0 ? retry_delay(keeper_.failures(), interval, unit(random))
                                            : jittered(interval, unit(random));
        std::unique_lock lock(mutex_);
        if (!wait_for_poll(lock, std::chrono::steady_clock::now() + delay)) return;
    }
}

void Poller::run_pictures()
{
    yield_to_the_screen();
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            pictures_signal_.wait(lock, [this] { return stopping_ || pictures_due_; });
            if (stopping_) return;
            pictures_due_ = false;
        }
        if (!keeper_.fetch_pictures(wall_seconds(), &cancel_)) continue;
        {
            std::lock_guard lock(mutex_);
            auto shown = keeper_.shown();
            snapshot_.feed = shown.feed;
            snapshot_.pictures = shown.pictures;
            ++snapshot_.generation;
        }
        if (wake_) wake_();
    }
}

}  // namespace placard
