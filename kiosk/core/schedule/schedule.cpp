#include "core/schedule/schedule.h"

#include <algorithm>

#include "core/feed/rfc3339.h"
#include "core/text/text.h"

namespace placard {

Millis reading_time(const Item& item)
{
    return reading_time(item, item.text);
}

Millis reading_time(const PlannedSlide& slide)
{
    return reading_time(slide.item(), slide.text());
}

Millis reading_time(const Item& item, std::string_view text)
{
    if (item.duration_seconds) return std::chrono::seconds(*item.duration_seconds);
    std::string all = item.title + " ";
    all.append(text);
    all += " " + item.speaker + " " + item.role;
    Millis reading{0};
    if (dominant_script(all) == Script::cjk) {
        reading = Millis(static_cast<std::int64_t>(count_code_points(all)) * 60000 / ReadingPace::cjk_chars_per_minute);
    } else {
        reading = Millis(static_cast<std::int64_t>(count_words(all)) * 60000 / ReadingPace::words_per_minute);
    }
    return std::clamp(reading + ReadingPace::lead_in, ReadingPace::floor, ReadingPace::ceiling);
}

namespace {

// This release cannot be running before 2026; any earlier clock is unset.
constexpr std::int64_t earliest_plausible_wall = 1767225600;  // 2026-01-01T00:00:00Z

}  // namespace

bool in_window(const Item& item, std::int64_t wall)
{
    auto starts = parse_rfc3339(item.starts_at);
    auto expires = parse_rfc3339(item.expires_at);
    return (!starts || wall >= *starts) && (!expires || wall < *expires);
}

std::vector<std::string> describe_out_of_window(const Feed& feed, std::int64_t wall)
{
    std::vector<std::string> out;
    for (const Item& item : feed.items) {
        if (in_window(item, wall)) continue;
        auto expires = parse_rfc3339(item.expires_at);
        bool expired = expires && wall >= *expires;
        out.push_back(item.id + (expired ? ": expired at " + format_rfc3339(*expires)
                                         : ": starts at " + format_rfc3339(*parse_rfc3339(item.starts_at)))
                      + ", not shown");
    }
    return out;
}

bool clock_is_plausible(std::int64_t wall_seconds, const Feed& feed)
{
    auto generated = parse_rfc3339(feed.generated_at);
    return wall_seconds >= earliest_plausible_wall && (!generated || wall_seconds >= *generated);
}

std::vector<std::size_t> rotation_order(const Plan& plan, std::optional<std::int64_t> wall_seconds, const ItemIds* only)
{
    std::vector<std::size_t> urgent, pinned, normal;
    for (std::size_t i = 0; i < plan.slides.size(); ++i) {
        if (only && !only->count(plan.slides[i].item().id)) continue;
        if (wall_seconds && !in_window(plan.slides[i].item(), *wall_seconds)) continue;
        switch (plan.slides[i].item().priority) {
        case Priority::urgent: urgent.push_back(i); break;
        case Priority::pinned: pinned.push_back(i); break;
        case Priority::normal: normal.push_back(i); break;
        }
    }
    if (!urgent.empty()) return urgent;
    if (pinned.empty()) return normal;
    if (normal.empty()) return pinned;
    // Every other slide is a pinned one, cycling through the pinned items.
    std::vector<std::size_t> order;
    // Long enough that every pinned and every normal item is shown at least once.
    for (std::size_t k = 0; k < std::max(pinned.size(), normal.size()); ++k) {
        order.push_back(pinned[k % pinned.size()]);
        order.push_back(normal[k % normal.size()]);
    }
    return order;
}

namespace {

bool has_urgent(const Plan& plan, const std::vector<std::size_t>& order)
{
    return std::any_of(order.begin(), order.end(), [&](std::size_t i) { return plan.slides[i].item().priority == Priority::urgent; });
}

}  // namespace

void Rotation::set_plan(std::shared_ptr<const Plan> plan, Millis now)
{
    pending_ = std::move(plan);
    bool interrupt = plan_ && has_urgent(*pending_, order_of(*pending_, now)) && !has_urgent(*plan_, order_);
    if (!plan_ || order_.empty() || interrupt) {
        awaited_until_.reset();
        apply_pending(now, {});
    } else {
        end_wait(now);
    }
}

void Rotation::end_wait(Millis now)
{
    const bool awaited = awaited_until_.has_value();
    awaited_until_.reset();
    // The slide on screen waited for the plan past its time: the boundary is now.
    if (awaited && !paused_ && !shared_ && !order_.empty() && now >= slide_start_ + duration_of(position_))
        advance(now, 1);
}

void Rotation::await_plan(Millis now)
{
    if (plan_ && !order_.empty() && !shared_) awaited_until_ = now + plan_wait;
}

bool Rotation::holding(Millis now)
{
    if (!awaited_until_ || now < slide_start_ + duration_of(position_)) return false;
    if (now < *awaited_until_) return true;
    // Waited long enough: the rotation goes on from now, with the plan on screen.
    awaited_until_.reset();
    advance(now, 1);
    return false;
}

void Rotation::extend_plan(std::shared_ptr<const Plan> plan, Millis now)
{
    if (!plan_ || order_.empty()) {
        set_plan(std::move(plan), now);
        return;
    }
    // The slide on screen is found in the fuller plan by its item and page,
    // since a plan of a later feed (its pictures ready) may number it otherwise.
    const PlannedSlide& on_screen = plan_->slides[order_[position_]];
    std::size_t showing = order_[position_];
    for (std::size_t i = 0; i < plan->slides.size(); ++i)
        if (plan->slides[i].item().id == on_screen.item().id && plan->slides[i].page == on_screen.page) {
            showing = i;
            break;
        }
    std::size_t was_at = position_;
    plan_ = std::move(plan);
    ++changes_;
    order_ = order_of(*plan_, now);
    // A pinned item is in the order many times: the slide on screen keeps the
    // place it had (its first time at or after it), not its last.
    std::optional<std::size_t> first, at_or_after;
    for (std::size_t p = 0; p < order_.size(); ++p) {
        if (order_[p] != showing) continue;
        if (!first) first = p;
        if (!at_or_after && p >= was_at) at_or_after = p;
    }
    position_ = at_or_after.value_or(first.value_or(0));
    end_wait(now);
}

void Rotation::keep_only(std::shared_ptr<const ItemIds> ids, Millis now)
{
    only_ = std::move(ids);
    ++changes_;
    if (!plan_) return;
    const bool gone = !order_.empty() && !only_->count(plan_->slides[order_[position_]].item().id);
    if (!gone) {
        refresh_order(now);  // the slide on screen stays, with its time
        return;
    }
    // The slide after it in the old order that is still in the new one takes its place, now.
    const std::vector<std::size_t> was = std::move(order_);
    const std::size_t at = position_;
    order_ = order_of(*plan_, now);
    position_ = 0;
    for (std::size_t k = 1; k <= was.size() && !order_.empty(); ++k) {
        auto found = std::find(order_.begin(), order_.end(), was[(at + k) % was.size()]);
        if (found == order_.end()) continue;
        position_ = static_cast<std::size_t>(found - order_.begin());
        break;
    }
    slide_start_ = now;
    fade_in_ = true;
    if (paused_) paused_at_ = now + fade_time;  // shown at once: a fade cannot run while paused
}

std::vector<std::string> Rotation::item_ids() const
{
    std::vector<std::string> ids;
    if (!plan_) return ids;
    for (const PlannedSlide& slide : plan_->slides)
        if (!only_ || only_->count(slide.item().id)) ids.push_back(slide.item().id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

void Rotation::apply_pending(Millis now, const std::string& resume_at_id)
{
    plan_ = std::move(pending_);
    pending_.reset();
    ++changes_;
    order_.clear();
    refresh_order(now);
    position_ = 0;
    for (std::size_t p = 0; p < order_.size() && !resume_at_id.empty(); ++p) {
        if (plan_->slides[order_[p]].item().id == resume_at_id) {
            position_ = p;
            break;
        }
    }
    slide_start_ = now;
    fade_in_ = true;
    if (paused_) paused_at_ = now + fade_time;  // a fade frozen by the pause would never finish
}

Millis Rotation::duration_of(std::size_t position) const
{
    return reading_time(plan_->slides[order_[position]]);
}

void Rotation::advance(Millis slide_start, std::ptrdiff_t step)
{
    auto n = static_cast<std::ptrdiff_t>(order_.size());
    std::size_t before = order_[position_];
    position_ = static_cast<std::size_t>(((static_cast<std::ptrdiff_t>(position_) + step) % n + n) % n);
    slide_start_ = slide_start;
    // A slide boundary is where a waiting feed lands, at the item that was due
    // next, and where windows are checked again. A copy: applying the pending
    // feed may release the feed the id lives in.
    if (pending_) {
        apply_pending(slide_start, std::string(plan_->slides[order_[position_]].item().id));
        return;
    }
    refresh_order(slide_start);
    fade_in_ = order_.empty() || order_[position_] != before;
}

void Rotation::use_clock(bool shared, std::optional<Millis> wall_offset)
{
    shared_ = shared;
    wall_offset_ = wall_offset;
}

std::optional<std::int64_t> Rotation::wall_seconds(Millis now) const
{
    if (!wall_offset_) return std::nullopt;
    return (now + *wall_offset_).count() / 1000;
}

void Rotation::refresh_order(Millis now)
{
    auto fresh = order_of(*plan_, now);
    if (fresh == order_) return;
    // Items came into or went out of their windows: keep the one on screen if it stays.
    std::optional<std::size_t> showing;
    if (!order_.empty()) showing = order_[position_];
    order_ = std::move(fresh);
    position_ = 0;
    for (std::size_t p = 0; p < order_.size() && showing; ++p)
        if (order_[p] == *showing) position_ = p;
}

// Where the shared rotation is at time now: the cycle of all slides repeats
// from the Unix epoch, so the answer depends on nothing but the feed and now.
void Rotation::follow_shared_clock(Millis now)
{
    auto locate = [&](std::size_t& position, Millis& start) {
        Millis cycle{0};
        for (std::size_t p = 0; p < order_.size(); ++p) cycle += duration_of(p);
        Millis offset{((now.count() % cycle.count()) + cycle.count()) % cycle.count()};
        start = now - offset;
        for (position = 0; position + 1 < order_.size() && offset >= duration_of(position); ++position) {
            offset -= duration_of(position);
            start += duration_of(position);
        }
    };
    std::size_t position = 0;
    Millis start{0};
    locate(position, start);
    if (position == position_ && start == slide_start_) return;
    // A slide boundary: where windows are checked again and a waiting feed lands.
    std::optional<std::size_t> before;
    if (pending_) apply_pending(now, {});
    else {
        before = order_[position_];
        refresh_order(now);
    }
    if (order_.empty()) return;
    locate(position, start);
    position_ = position;
    slide_start_ = start;
    fade_in_ = !before || order_[position_] != *before;
}

void Rotation::enter_manual(Millis now)
{
    manual_ = true;
    last_input_ = now;
}

std::optional<SlideNow> Rotation::at(Millis now)
{
    if (!plan_ || order_.empty()) {
        if (pending_) apply_pending(now, {});
        else if (plan_) refresh_order(now);  // an item's window may have opened
        if (!plan_ || order_.empty()) return std::nullopt;
    }
    if (now < slide_start_ && !shared_) slide_start_ = now;  // the clock was set back
    if (manual_ && !paused_ && now - last_input_ >= rejoin_after) manual_ = false;
    if (shared_ && !manual_) {
        follow_shared_clock(now);
    } else if (!paused_ && !holding(now)) {
        // Catch up slide by slide; bounded so a huge jump in time cannot spin.
        for (int guard = 0; guard < 100000 && !order_.empty() && now >= slide_start_ + duration_of(position_); ++guard)
            advance(slide_start_ + duration_of(position_), 1);
    }
    if (order_.empty()) return std::nullopt;
    SlideNow s;
    s.item = order_[position_];
    s.position = position_;
    s.count = order_.size();
    s.duration = duration_of(position_);
    s.elapsed = std::max(Millis{0}, paused_ ? paused_at_ - slide_start_ : now - slide_start_);
    if (fade_in_ && s.elapsed < fade_time)
        s.fade = static_cast<double>(s.elapsed.count()) / static_cast<double>(fade_time.count());
    return s;
}

void Rotation::next(Millis now)
{
    if (order_.empty()) return;
    enter_manual(now);
    advance(now, 1);
    if (paused_) paused_at_ = now + fade_time;  // shown at once: a fade cannot run while paused
}

void Rotation::previous(Millis now)
{
    if (order_.empty()) return;
    enter_manual(now);
    advance(now, -1);
    if (paused_) paused_at_ = now + fade_time;  // shown at once: a fade cannot run while paused
}

void Rotation::toggle_pause(Millis now)
{
    enter_manual(now);
    if (paused_) slide_start_ += now - paused_at_;  // resume where the slide was left
    else paused_at_ = std::max(now, slide_start_ + fade_time);  // finish a fade rather than freeze it half-way
    paused_ = !paused_;
}

std::optional<SlideNow> Rotation::upcoming() const
{
    if (order_.empty() || pending_) return std::nullopt;
    SlideNow s;
    s.position = (position_ + 1) % order_.size();
    s.item = order_[s.position];
    s.count = order_.size();
    s.duration = duration_of(s.position);
    return s;
}

std::optional<Millis> Rotation::next_change(Millis now) const
{
    if (order_.empty()) return std::nullopt;
    Millis elapsed = (paused_ ? paused_at_ : now) - slide_start_;
    if (fade_in_ && elapsed < fade_time) return now;  // mid-fade: every frame counts
    if (paused_) return std::nullopt;
    Millis end = slide_start_ + duration_of(position_);
    if (manual_) end = std::min(end, last_input_ + rejoin_after);  // rejoining the shared rotation
    if (awaited_until_ && !shared_ && now >= end) return std::max(now, *awaited_until_);  // held: the plan's arrival wakes it sooner
    return end;
}

}  // namespace placard
