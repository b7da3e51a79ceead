#pragma once
// The screen's line to its MQTT broker, as the kiosk sees it. The client
// itself (net/mqtt.h, libmosquitto and OpenSSL under it) is in a module,
// placard-mqtt.so, loaded when a screen has a status section and not
// before: a screen that reports to no broker does not carry it (about
// 1.7 MiB of a 1080p screen's memory).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/fleet/fleet_status.h"
#include "core/result.h"

namespace placard {

struct BrokerSetup {
    BrokerAddress broker;
    std::optional<Credentials> credentials;
    std::string ca_file;      // empty with TLS: the system's CAs
    std::string client_id;
    std::string will_topic;   // the last will, retained: the broker's word that the screen dropped
    std::string will_payload;
    std::vector<std::string> subscriptions;
    std::uint32_t max_packet = 0;  // the largest packet the broker may send this client, in bytes
    std::string log_name;     // "status broker 127.0.0.1:1883", for the log
};

class BrokerChannel {
public:
    virtual ~BrokerChannel() = default;
    // A retained message kept for the topic: published now, and again after
    // every reconnection (a restarted broker may have lost it).
    virtual void keep(std::string topic, std::string payload) = 0;
    // A one-off message, dropped when the broker is not there.
    virtual void send(std::string topic, std::string payload) = 0;
    // Messages received since the last call: (topic, payload).
    virtual std::vector<std::pair<std::string, std::string>> take_received() = 0;
    virtual bool connected() const = 0;
};

// Loads placard-mqtt.so (PLACARD_MQTT_MODULE names it, else beside the
// running program, else where the package installs it) and starts the link;
// wake is called from the link's thread when a message arrives.
Result<std::unique_ptr<BrokerChannel>> open_broker_channel(BrokerSetup setup, std::function<void()> wake);

// The module's one entry point, by this name.
using OpenBrokerLink = BrokerChannel* (*)(BrokerSetup* setup, std::function<void()>* wake);
inline constexpr const char* open_broker_link_symbol = "placard_open_broker_link";

}  // namespace placard
