// The DRM devices read from a tree laid out as /sys/class/drm is: cards,
// their outputs' status, render nodes left out; and the watch on the outputs.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "screen/drm_cards.h"
#include "shell_support.h"

using namespace placard;

namespace {

void output(const test::ScratchDir& sysfs, const std::string& name, const std::string& status)
{
    std::filesystem::create_directories(sysfs / name);
    test::write_file(sysfs / (name + "/status"), status + "\n");
}

}  // namespace

TEST_CASE("a Pi 5's two cards read from sysfs: only the second has outputs, one connected, and it is the one chosen")
{
    test::ScratchDir sysfs("drm");
    std::filesystem::create_directories(sysfs / "card0");
    std::filesystem::create_directories(sysfs / "card1");
    std::filesystem::create_directories(sysfs / "renderD128");
    test::write_file(sysfs / "version", "drm 1.1.0 20060810\n");
    output(sysfs, "card1-HDMI-A-2", "disconnected");
    output(sysfs, "card1-HDMI-A-1", "connected");
    auto cards = read_drm_cards(sysfs.str());
    REQUIRE(cards.size() == 2);
    auto choice = choose_drm_card(cards, "auto");
    REQUIRE(choice);
    CHECK(choice->path == "/dev/dri/card1");
    CHECK(choice->why == "/dev/dri/card1 (HDMI-A-1 connected; /dev/dri/card0 has no outputs)");
    CHECK(outputs_state(cards).find("/dev/dri/card1: HDMI-A-1+ HDMI-A-2-;") != std::string::npos);
}

TEST_CASE("the output watch calls back when a connector's status changes, within a second")
{
    test::ScratchDir sysfs("drm-watch");
    output(sysfs, "card0-Virtual-1", "connected");
    std::filesystem::create_directories(sysfs / "card0");
    std::atomic<int> changes{0};
    OutputWatch watch([&] { ++changes; }, sysfs.str());
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    CHECK(changes == 0);
    output(sysfs, "card0-Virtual-1", "disconnected");
    for (int i = 0; i < 20 && changes == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(changes == 1);
}
