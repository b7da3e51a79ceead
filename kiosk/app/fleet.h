#pragma once
// This screen's part in the fleet: its status on the organisation's MQTT
// broker, and the three commands it takes from there. The kiosk's loop calls
// in a few places (fleet_link.cpp); the broker itself is only ever talked to
// on the link's own thread (net/mqtt), so it can never hold up the screen.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/setup/config.h"
#include "core/fleet/fleet_status.h"
#include "net/broker_channel.h"
#include "render/painter.h"

namespace placard {

using FleetMillis = std::chrono::milliseconds;

// How long identify shows the screen's name.
constexpr FleetMillis identify_time{5000};

class Fleet {
public:
    // Nothing when the config names no broker, or when its settings cannot be
    // used (the reason is logged; the screen goes on without reporting).
    static std::unique_ptr<Fleet> start(const StatusSettings& settings, std::function<void()> wake);

    const std::string& screen() const { return screen_; }

    // Publishes the status when it says something new, or when the last one is
    // interval_seconds old, or when forced (a refresh answered: whoever sent
    // it hears the screen's state at once, even if a message was lost); now
    // is the kiosk's monotonic time.
    void report(ScreenStatus status, FleetMillis now, bool force = false);
    FleetMillis next_report() const { return last_report_ + interval_; }

    // Commands received since the last call; refused ones are logged, never shown.
    std::vector<Command> take_commands();
    void reply(const Command& command, bool ok, std::string detail);
    void send_screenshot(std::string png);

    // The kiosk's state for these commands.
    struct Refresh {
        Command command;
        std::uint64_t answered_by_poll = 0;  // the poll that started after the command
    };
    std::vector<Refresh> refreshes;
    std::optional<Command> screenshot;       // taken at the next full frame
    std::optional<SlidePicture> identify_card;
    FleetMillis identify_until{0};

    Fleet(std::string screen, StatusTopics topics, FleetMillis interval, std::unique_ptr<BrokerChannel> link);

private:
    std::string screen_;
    StatusTopics topics_;
    FleetMillis interval_;
    std::unique_ptr<BrokerChannel> link_;
    std::optional<ScreenStatus> last_;
    FleetMillis last_report_{0};
};

// The board's temperature from the kernel's first thermal zone, where there is one.
std::optional<double> board_temperature();

}  // namespace placard
