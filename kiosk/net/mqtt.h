#pragma once
// The screen's line to the organisation's MQTT broker (libmosquitto), on its
// own thread: the render loop only hands messages over and takes commands
// out, under a lock, and never waits on the broker. A broker that is down,
// slow or refuses the credentials costs the screen nothing; the thread tries
// again with backoff (1 s, doubling, at most a minute). Outbound only: the
// screen opens no port. It speaks MQTT 5, so as to tell the broker the largest
// packet it takes (BrokerSetup::max_packet): libmosquitto reads a whole packet
// into memory before anyone can look at it, so that size is only ever enforced
// by the broker not sending a larger one.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/fleet/fleet_status.h"
#include "net/broker_channel.h"

struct mosquitto;  // libmosquitto's client, used only on the link's thread
struct mqtt5__property;  // libmosquitto's mosquitto_property

namespace placard {

struct PropertiesDeleter {
    void operator()(mqtt5__property* p) const;
};
using MqttProperties = std::unique_ptr<mqtt5__property, PropertiesDeleter>;

// CONNECT's properties for MQTT 5 asking the broker to send no packet larger
// than max_bytes: it drops a larger message for this client alone (MQTT 5,
// 3.1.2.11.4; Mosquitto since 1.6). Null when libmosquitto cannot make them.
MqttProperties packet_limit(std::uint32_t max_bytes);

// An MQTT 5 CONNACK's refusal in words; a broker that speaks only MQTT 3.1.1
// or older refuses the protocol version, and is named as such.
std::string refusal_reason(int reason_code);

class BrokerLink final : public BrokerChannel {
public:
    // wake is called from the link's thread when a message arrives.
    BrokerLink(BrokerSetup setup, std::function<void()> wake);
    // Says goodbye (the will's payload, retained, published by the screen
    // itself, since a clean disconnect does not trigger the will), within a second.
    ~BrokerLink() override;
    BrokerLink(const BrokerLink&) = delete;
    BrokerLink& operator=(const BrokerLink&) = delete;

    // A retained message kept for the topic: published now, and again after
    // every reconnection (a restarted broker may have lost it).
    void keep(std::string topic, std::string payload) override;
    // A one-off message, dropped when the broker is not there (the oldest goes
    // first when more than a few wait).
    void send(std::string topic, std::string payload) override;
    // Messages received since the last call: (topic, payload).
    std::vector<std::pair<std::string, std::string>> take_received() override;
    bool connected() const override { return connected_; }

private:
    struct Outgoing {
        std::string topic, payload;
        bool retain = false;
    };
    void run();
    bool session(::mosquitto* m);
    void say(const std::string& line);  // logs a line once, not again until another one comes
    bool wait_for(std::chrono::milliseconds delay);  // false when stopping

    BrokerSetup setup_;
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::atomic<bool> connected_{false};
    bool refused_ = false;  // the link thread's own: the broker said no to this connection
    std::vector<std::pair<std::string, std::string>> kept_;  // topic, payload
    bool kept_changed_ = false;
    std::deque<Outgoing> outbox_;
    std::vector<std::pair<std::string, std::string>> received_;
    std::string last_said_;
    std::thread thread_;
};

}  // namespace placard
