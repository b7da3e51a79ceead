#pragma once
// The TV's power on its own thread: the CEC adapter (screen/cec_device) driven
// by what core/tv/tv_watch decides, so the render loop never waits on the
// bus. The loop reads report() each turn and sends the fleet's tv-on and
// tv-off through command(). With no adapter, or a TV that does not answer,
// this is said once in the journal, and the kiosk goes on (black in the
// schedule's off hours).
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/setup/config.h"
#include "core/tv/tv_watch.h"
#include "screen/cec_device.h"

namespace placard {

class TvControl {
public:
    // wake: called from the thread when report() changes, to wake the loop.
    TvControl(const TvSettings& settings, std::function<void()> wake);
    ~TvControl();
    TvControl(const TvControl&) = delete;
    TvControl& operator=(const TvControl&) = delete;

    struct Report {
        TvPower power = TvPower::unknown;
        bool black = false;     // off hours on a TV not known to be on: draw black
        bool adapter = false;   // a CEC adapter is in use
        std::string detail;     // "/dev/cec0, logical address 4, ...", or why there is no CEC
        bool operator==(const Report&) const = default;
    };
    Report report() const;

    // The fleet's tv-on (true) or tv-off. Returns what the reply says, and
    // whether it could be sent at all.
    std::pair<bool, std::string> command(bool on);

private:
    void run();
    void publish(const Report& report);

    TvSettings settings_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    Report report_;
    std::optional<bool> pending_command_;
    bool stop_ = false;
    FileHandle stop_fd_;   // an eventfd: wakes the thread's poll
    std::thread thread_;
};

// "on", or "unknown (no HDMI-CEC adapter)": for --check.
std::string check_tv(const TvSettings& settings);

}  // namespace placard
