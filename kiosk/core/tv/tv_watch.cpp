#include "core/tv/tv_watch.h"

#include <algorithm>

namespace placard {

namespace {

bool settled_against(TvPower power, bool on)
{
    return on ? power == TvPower::standby : power == TvPower::on;
}

}  // namespace

void TvWatch::adapter_ready(std::uint8_t logical, std::uint16_t physical)
{
    ready_ = true;
    logical_ = logical;
    physical_ = physical;
    order_now_ = true;
    asked_at_.reset();
}

void TvWatch::adapter_lost()
{
    ready_ = false;
    asked_at_.reset();
    power_ = TvPower::unknown;
}

void TvWatch::command(bool on, Millis now)
{
    Override o{on, std::nullopt};
    if (!schedule_.empty()) {
        TvWanted w = tv_wanted_at(schedule_, now / 1000);
        if (w.next_change) o.until = *w.next_change * 1000;
    }
    override_ = o;
    order_now_ = true;
}

std::optional<bool> TvWatch::wanted(Millis now) const
{
    if (override_ && (!override_->until || now < *override_->until)) return override_->on;
    if (schedule_.empty()) return std::nullopt;
    return tv_wanted_at(schedule_, now / 1000).on;
}

bool TvWatch::show_black(Millis now) const
{
    auto want = wanted(now);
    return want && !*want && power_ != TvPower::on;
}

std::vector<CecBytes> TvWatch::step(Millis now)
{
    if (override_ && override_->until && now >= *override_->until) override_.reset();
    if (!ready_) return {};
    std::vector<CecBytes> out;
    auto order = [&](bool on) {
        if (on) {
            out.push_back(image_view_on(logical_));
            if (physical_ != no_physical_address) out.push_back(active_source(logical_, physical_));
        } else {
            out.push_back(standby_to_tv(logical_));
        }
        next_ask_ = now + ask_soon;  // asked once the TV has had a moment
    };
    if (auto want = wanted(now)) {
        if (order_now_ || ordered_ != *want) {
            order(*want);
            ordered_ = *want;
            ordered_at_ = now;
            orders_again_ = 0;
        } else if (settled_against(power_, *want) && now - ordered_at_ >= order_again && orders_again_ < max_orders_again) {
            order(*want);
            ordered_at_ = now;
            ++orders_again_;
        }
    }
    order_now_ = false;
    if (asked_at_ && now - *asked_at_ >= answer_time) unanswered(now);
    if (!asked_at_ && now >= next_ask_) {
        out.push_back(give_power_status(logical_));
        asked_at_ = now;
        const bool busy = power_ == TvPower::turning_on || power_ == TvPower::turning_off
                          || (ordered_ && now - ordered_at_ < watch_order);
        next_ask_ = now + (busy ? ask_soon : ask_every);
    }
    return out;
}

TvWatch::Millis TvWatch::next_step(Millis now) const
{
    Millis next = now + ask_every;
    if (!ready_) return next;
    if (asked_at_) next = std::min(next, *asked_at_ + answer_time);
    else next = std::min(next, std::max(now, next_ask_));
    if (order_now_) next = now;
    if (override_ && override_->until) next = std::min(next, *override_->until);
    if (!schedule_.empty())
        if (auto change = tv_wanted_at(schedule_, now / 1000).next_change) next = std::min(next, *change * 1000);
    if (ordered_ && settled_against(power_, *ordered_) && orders_again_ < max_orders_again)
        next = std::min(next, std::max(now, ordered_at_ + order_again));
    return std::max(next, now);
}

bool TvWatch::heard(std::span<const std::uint8_t> bytes, Millis now)
{
    auto message = parse_cec(bytes);
    if (!message) return false;
    auto power = power_reported(*message);
    if (!power) return false;
    asked_at_.reset();
    misses_ = 0;
    if (*power == TvPower::turning_on || *power == TvPower::turning_off) next_ask_ = std::min(next_ask_, now + ask_soon);
    const bool changed = *power != power_;
    power_ = *power;
    return changed;
}

void TvWatch::unanswered(Millis)
{
    asked_at_.reset();
    if (++misses_ >= 2) power_ = TvPower::unknown;
}

}  // namespace placard
