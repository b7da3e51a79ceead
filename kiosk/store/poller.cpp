#include "store/poller.h"

#include <chrono>
#include <random>

namespace placard {

namespace {

std::int64_t wall_seconds()
{
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Poller::Poller(FeedKeeper& keeper, std::optional<int> config_poll_seconds, std::function<void()> wake)
    : keeper_(keeper), config_poll_seconds_(config_poll_seconds), wake_(std::move(wake))
{
    snapshot_.feed = keeper_.feed();
    snapshot_.pictures = keeper_.pictures();
    snapshot_.feed_fetched_at = keeper_.feed_fetched_at();
    snapshot_.signature_rejected = keeper_.signature_rejected();
    thread_ = std::thread([this] { run(); });
}

Poller::~Poller()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cancel_ = true;  // abandons a download in progress
    stop_signal_.notify_all();
    thread_.join();
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
        next = polls_started_ + 1;  // the poll thread starts it, and counts it, under this lock
    }
    stop_signal_.notify_all();
    return next;
}

void Poller::run()
{
    std::mt19937 random(std::random_device{}());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            poll_now_ = false;
            ++polls_started_;
        }
        Judgement j = keeper_.poll(wall_seconds(), &cancel_);
        const Feed* feed = keeper_.feed().get();
        Seconds interval = poll_interval(config_poll_seconds_, feed ? feed->refresh_seconds : std::nullopt);
        {
            std::lock_guard lock(mutex_);
            if (keeper_.feed() && keeper_.feed() != snapshot_.feed) {
                snapshot_.feed = keeper_.feed();
                snapshot_.pictures = keeper_.pictures();
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
        }
        if (wake_) wake_();
        // The feed is on its way to the screen; its new pictures follow it.
        if (keeper_.fetch_pictures(wall_seconds(), &cancel_)) {
            {
                std::lock_guard lock(mutex_);
                snapshot_.feed = keeper_.feed();
                snapshot_.pictures = keeper_.pictures();
                ++snapshot_.generation;
            }
            if (wake_) wake_();
        }
        auto delay = keeper_.failures() > 0 ? retry_delay(keeper_.failures(), interval, unit(random))
                                            : jittered(interval, unit(random));
        std::unique_lock lock(mutex_);
        if (stop_signal_.wait_for(lock, delay, [this] { return stopping_ || poll_now_; }) && stopping_) return;
    }
}

}  // namespace placard
