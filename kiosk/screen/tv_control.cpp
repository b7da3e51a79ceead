#include "screen/tv_control.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <utility>

#include "core/feed/rfc3339.h"

namespace placard {

namespace {

TvWatch::Millis wall_millis()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

TvControl::TvControl(const TvSettings& settings, std::function<void()> wake)
    : settings_(settings), wake_(std::move(wake)), stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    thread_ = std::thread([this] { run(); });
}

TvControl::~TvControl()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    std::uint64_t one = 1;
    if (stop_fd_ && ::write(stop_fd_.get(), &one, sizeof one) < 0) std::perror("placard: eventfd");
    thread_.join();
}

TvControl::Report TvControl::report() const
{
    std::lock_guard lock(mutex_);
    return report_;
}

std::pair<bool, std::string> TvControl::command(bool on)
{
    Report now = report();
    if (!now.adapter) return {false, now.detail};
    {
        std::lock_guard lock(mutex_);
        pending_command_ = on;
    }
    std::uint64_t one = 1;
    if (::write(stop_fd_.get(), &one, sizeof one) < 0) return {false, "cannot reach the CEC thread"};
    return {true, std::string(on ? "Image View On and Active Source" : "Standby") + " sent; the TV reported "
                      + to_string(now.power) + " before"};
}

void TvControl::publish(const Report& report)
{
    bool changed = false;
    {
        std::lock_guard lock(mutex_);
        if (!(report == report_)) {
            report_ = report;
            changed = true;
        }
    }
    if (changed && wake_) wake_();
}

void TvControl::run()
{
    TvWatch watch(settings_.schedule);
    std::optional<CecDevice> device;
    Report report;
    if (settings_.cec_device == "none") {
        report.detail = "no CEC (\"cec_device\": \"none\")";
    } else if (auto opened = CecDevice::open(settings_.cec_device)) {
        device.emplace(std::move(*opened));
        report.adapter = true;
    } else {
        report.detail = opened.error().message;
        std::fprintf(stderr, "placard: %s: the TV is not switched on and off over HDMI-CEC%s\n", report.detail.c_str(),
                     settings_.schedule.empty() ? "" : "; in the schedule's off hours the screen is black");
    }
    std::map<std::uint32_t, bool> asks;  // the sequence of each transmit awaiting its outcome: is it an ask?
    bool told_silent = false, told_unacknowledged = false;
    for (;;) {
        const TvWatch::Millis now = wall_millis();
        {
            std::lock_guard lock(mutex_);
            if (stop_) return;
            if (pending_command_) watch.command(*std::exchange(pending_command_, std::nullopt), now);
        }
        if (device) {
            device->take_events();
            auto addresses = device->addresses();
            if (addresses.logical && !watch.ready()) {
                watch.adapter_ready(*addresses.logical, addresses.physical);
                std::fprintf(stderr, "placard: HDMI-CEC on %s\n", device->describe().c_str());
            } else if (!addresses.logical && watch.ready()) {
                watch.adapter_lost();
                std::fprintf(stderr, "placard: HDMI-CEC: %s lost its address (the HDMI cable out?)\n", device->path().c_str());
            }
            while (auto r = device->receive()) {
                auto ask = asks.find(r->sequence);
                if (r->sequence == 0 || ask == asks.end()) {
                    watch.heard(r->bytes, now);
                    continue;
                }
                const bool was_ask = ask->second;
                asks.erase(ask);
                if (was_ask) {
                    if (r->answered) watch.heard(r->bytes, now);
                    else watch.unanswered(now);
                } else if (!r->sent && !told_unacknowledged) {
                    std::fprintf(stderr, "placard: HDMI-CEC: the TV did not acknowledge an order (is CEC on in its menu?)\n");
                    told_unacknowledged = true;
                }
            }
            for (const CecBytes& message : watch.step(now)) {
                const bool ask = message.size() == 2 && message[1] == cec::give_device_power_status;
                auto sent = device->transmit(message, ask ? std::optional<std::uint8_t>(cec::report_power_status) : std::nullopt);
                if (sent) asks[*sent] = ask;
                else if (ask) watch.unanswered(now);
                else std::fprintf(stderr, "placard: HDMI-CEC: %s\n", sent.error().message.c_str());
            }
            if (asks.size() > 64) asks.clear();  // outcomes the kernel never gave back
            if (watch.silent() != told_silent) {
                told_silent = watch.silent();
                std::fprintf(stderr, told_silent ? "placard: HDMI-CEC: the TV does not answer; in the schedule's off hours the "
                                                   "screen is black\n"
                                                 : "placard: HDMI-CEC: the TV answers again\n");
            }
            report.detail = device->describe();
        } else {
            watch.step(now);
        }
        report.power = watch.power();
        report.black = watch.show_black(now);
        publish(report);
        // Until the next step, a message from the bus, or a command.
        const TvWatch::Millis wait = std::clamp<TvWatch::Millis>(watch.next_step(now) - now, 0, 60'000);
        pollfd fds[2] = {{stop_fd_.get(), POLLIN, 0}, {device ? device->fd() : -1, POLLIN | POLLPRI, 0}};
        if (::poll(fds, device ? 2 : 1, static_cast<int>(wait)) > 0 && (fds[0].revents & POLLIN)) {
            std::uint64_t count = 0;
            if (::read(stop_fd_.get(), &count, sizeof count) < 0) count = 0;
        }
    }
}

std::string check_tv(const TvSettings& settings)
{
    std::string schedule;
    if (!settings.schedule.empty()) {
        const std::int64_t now = wall_millis() / 1000;
        TvWanted w = tv_wanted_at(settings.schedule, now);
        schedule = std::string("; the schedule (") + settings.time_zone + ") wants it " + (w.on ? "on" : "off")
                   + (w.next_change ? " until " + format_rfc3339(*w.next_change, settings.schedule.zone->offset_at(*w.next_change))
                                    : std::string{});
    }
    if (settings.cec_device == "none") return "not switched (\"cec_device\": \"none\")" + schedule;
    auto device = CecDevice::open(settings.cec_device, true);
    if (!device) return std::string("unknown (") + device.error().message + ")" + schedule;
    const TvPower power = device->ask_power();
    return std::string(to_string(power)) + " (HDMI-CEC on " + device->describe() + ")" + schedule;
}

}  // namespace placard
