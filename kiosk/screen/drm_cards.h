#pragma once
// The DRM devices and their outputs as /sys/class/drm shows them, for the
// choice of device (core/setup/display_plan: choose_drm_card), and a watch
// on their outputs: a TV switched off and on drops the HDMI hot-plug signal,
// and SDL2's KMSDRM driver neither notices nor sets the mode again itself.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/setup/display_plan.h"

namespace placard {

// card0, card1, ... with their connectors' status ("connected" or not);
// render nodes and other entries left out. Paths as /dev/dri/cardN.
std::vector<DrmCard> read_drm_cards(const std::string& sysfs = "/sys/class/drm");

// The setting "display_device" with symbolic links followed (/dev/dri/by-path/...).
std::string resolved_device(const std::string& setting);

// "card1: HDMI-A-1 connected, HDMI-A-2 disconnected; ..." for every card: what the watch compares.
std::string outputs_state(const std::vector<DrmCard>& cards);

// Reads the outputs every half second on its own thread (a few bytes from
// sysfs, which the kernel keeps up to date from the hot-plug interrupt) and
// calls changed() when what they say is different.
class OutputWatch {
public:
    static constexpr std::chrono::milliseconds every{500};
    OutputWatch(std::function<void()> changed, std::string sysfs = "/sys/class/drm");
    ~OutputWatch();
    OutputWatch(const OutputWatch&) = delete;
    OutputWatch& operator=(const OutputWatch&) = delete;

private:
    std::function<void()> changed_;
    std::string sysfs_;
    std::mutex mutex_;
    std::condition_variable stop_wait_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace placard
