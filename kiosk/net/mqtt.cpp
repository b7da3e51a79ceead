#include "net/mqtt.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>
#include <cstdio>
#include <memory>
#include <random>

#include <mosquitto.h>
#include <mqtt_protocol.h>

namespace placard {

namespace {

using namespace std::chrono_literals;

constexpr int keepalive_seconds = 60;             // the broker gives the will after 1.5 of these without a word
constexpr auto connack_timeout = 10s;             // a broker that accepts the connection but never answers
constexpr auto loop_step = std::chrono::milliseconds(100);  // how soon a message handed over goes out
constexpr std::size_t outbox_limit = 4;           // screenshots and replies waiting for a broker

struct MosquittoDeleter {
    void operator()(mosquitto* m) const { mosquitto_destroy(m); }
};

void init_library()
{
    static const int once = [] { return mosquitto_lib_init(); }();
    (void)once;
}

}  // namespace

void PropertiesDeleter::operator()(mqtt5__property* p) const { mosquitto_property_free_all(&p); }

MqttProperties packet_limit(std::uint32_t max_bytes)
{
    mosquitto_property* list = nullptr;
    if (mosquitto_property_add_int32(&list, MQTT_PROP_MAXIMUM_PACKET_SIZE, max_bytes) != MOSQ_ERR_SUCCESS) {
        mosquitto_property_free_all(&list);
        return nullptr;
    }
    return MqttProperties(list);
}

std::string refusal_reason(int rc)
{
    switch (rc) {
    case MQTT_RC_UNSUPPORTED_PROTOCOL_VERSION:
        return "the broker does not speak MQTT 5 (Mosquitto 1.6 or later does; see the fleet section of the guide)";
    case MQTT_RC_CLIENTID_NOT_VALID: return "the broker refused the client id";
    case MQTT_RC_SERVER_UNAVAILABLE:
    case MQTT_RC_SERVER_BUSY: return "the broker is unavailable";
    case MQTT_RC_BAD_USERNAME_OR_PASSWORD: return "the broker refused the user name or password";
    case MQTT_RC_NOT_AUTHORIZED:
    case MQTT_RC_BANNED: return "the broker refused: not authorised";
    default: return std::string("the broker refused the connection: ") + mosquitto_reason_string(rc);
    }
}

BrokerLink::BrokerLink(BrokerSetup setup, std::function<void()> wake) : setup_(std::move(setup)), wake_(std::move(wake))
{
    init_library();
    thread_ = std::thread([this] { run(); });
}

BrokerLink::~BrokerLink()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    thread_.join();
}

void BrokerLink::keep(std::string topic, std::string payload)
{
    std::lock_guard lock(mutex_);
    for (auto& [t, p] : kept_) {
        if (t == topic) {
            if (p != payload) kept_changed_ = true;
            p = std::move(payload);
            return;
        }
    }
    kept_.emplace_back(std::move(topic), std::move(payload));
    kept_changed_ = true;
}

void BrokerLink::send(std::string topic, std::string payload)
{
    std::lock_guard lock(mutex_);
    if (outbox_.size() >= outbox_limit) outbox_.pop_front();
    outbox_.push_back({std::move(topic), std::move(payload), false});
}

std::vector<std::pair<std::string, std::string>> BrokerLink::take_received()
{
    std::lock_guard lock(mutex_);
    return std::exchange(received_, {});
}

void BrokerLink::say(const std::string& line)
{
    if (line == last_said_) return;
    last_said_ = line;
    std::fprintf(stderr, "placard: %s: %s\n", setup_.log_name.c_str(), line.c_str());
}

bool BrokerLink::wait_for(std::chrono::milliseconds delay)
{
    std::unique_lock lock(mutex_);
    return !stop_signal_.wait_for(lock, delay, [this] { return stopping_; });
}

void BrokerLink::run()
{
    std::unique_ptr<mosquitto, MosquittoDeleter> handle(mosquitto_new(setup_.client_id.c_str(), true, this));
    if (!handle) {
        say("cannot start the MQTT client; this screen reports to nobody");
        return;
    }
    mosquitto* m = handle.get();
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    // libmosquitto 2.0 has no asynchronous connect that takes MQTT 5 properties,
    // but mosquitto_connect_bind_v5 keeps the ones it is given for every later
    // connection (mosquitto_connect_async's too) before it looks at the rest of
    // its arguments: given port -1, it keeps them and connects nowhere. The
    // fleet tests check that the broker then holds a large message back.
    MqttProperties limit = packet_limit(setup_.max_packet);
    if (!limit || mosquitto_connect_bind_v5(m, "", -1, keepalive_seconds, nullptr, limit.get()) != MOSQ_ERR_INVAL) {
        say("cannot set the largest message this screen takes; this screen reports to nobody");
        return;
    }
    if (setup_.credentials)
        mosquitto_username_pw_set(m, setup_.credentials->username.c_str(), setup_.credentials->password.c_str());
    mosquitto_will_set(m, setup_.will_topic.c_str(), static_cast<int>(setup_.will_payload.size()),
                       setup_.will_payload.data(), 1, true);
    if (setup_.broker.tls) {
        int rc = setup_.ca_file.empty() ? mosquitto_int_option(m, MOSQ_OPT_TLS_USE_OS_CERTS, 1)
                                        : mosquitto_tls_set(m, setup_.ca_file.c_str(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) {
            say("cannot use the CA file \"" + setup_.ca_file + "\": " + mosquitto_strerror(rc)
                + "; this screen reports to nobody");
            return;
        }
    }
    mosquitto_connect_callback_set(m, [](mosquitto*, void* self, int rc) {
        auto* link = static_cast<BrokerLink*>(self);
        if (rc == 0) link->connected_ = true;
        else {
            link->refused_ = true;
            std::string hint = rc == MQTT_RC_BAD_USERNAME_OR_PASSWORD ? " (check credentials_file)"
                               : rc == MQTT_RC_NOT_AUTHORIZED ? " (check credentials_file and the broker's ACL)" : "";
            link->say(refusal_reason(rc) + hint + "; trying again");
        }
    });
    mosquitto_disconnect_callback_set(m, [](mosquitto*, void* self, int) { static_cast<BrokerLink*>(self)->connected_ = false; });
    mosquitto_message_callback_set(m, [](mosquitto*, void* self, const mosquitto_message* msg) {
        auto* link = static_cast<BrokerLink*>(self);
        {
            std::lock_guard lock(link->mutex_);
            if (link->received_.size() < 16)  // a flood of commands is not a queue to work through
                link->received_.emplace_back(msg->topic, std::string(static_cast<const char*>(msg->payload),
                                                                     static_cast<std::size_t>(msg->payloadlen)));
        }
        if (link->wake_) link->wake_();
    });

    std::mt19937 random(std::random_device{}());
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    auto backoff = 1s;
    for (;;) {
        if (session(m)) backoff = 1s;  // it was up: a broker restarting is back soon
        if (!wait_for(std::chrono::duration_cast<std::chrono::milliseconds>(backoff * jitter(random)))) return;
        backoff = std::min<std::chrono::seconds>(backoff * 2, 60s);
    }
}

// One connection, from connecting to losing it (or stopping: then goodbye).
// Returns whether the broker took it.
bool BrokerLink::session(mosquitto* m)
{
    connected_ = false;
    refused_ = false;
    int rc = mosquitto_connect_async(m, setup_.broker.host.c_str(), setup_.broker.port, keepalive_seconds);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_CONN_PENDING) {
        say(std::string("cannot connect: ") + (rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc))
            + "; trying again");
        return false;
    }
    const auto started = std::chrono::steady_clock::now();
    bool subscribed = false;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        rc = mosquitto_loop(m, static_cast<int>(loop_step.count()), 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            if (!refused_)  // a refusal was logged with its reason
                say(std::string(subscribed ? "connection lost: " : "cannot connect: ") + (rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc))
                + "; trying again");
            break;
        }
        if (!connected_) {
            if (std::chrono::steady_clock::now() - started > connack_timeout) {
                say("no answer from the broker; trying again");
                break;
            }
            continue;
        }
        if (!subscribed) {
            for (const std::string& topic : setup_.subscriptions) mosquitto_subscribe(m, nullptr, topic.c_str(), 1);
            subscribed = true;
            say("connected");
            std::lock_guard lock(mutex_);
            kept_changed_ = true;  // everything kept goes out again on a new connection
        }
        std::vector<Outgoing> now;
        {
            std::lock_guard lock(mutex_);
            if (kept_changed_)
                for (const auto& [topic, payload] : kept_) now.push_back({topic, payload, true});
            kept_changed_ = false;
            while (!outbox_.empty()) {
                now.push_back(std::move(outbox_.front()));
                outbox_.pop_front();
            }
        }
        for (const Outgoing& o : now)
            if (mosquitto_publish(m, nullptr, o.topic.c_str(), static_cast<int>(o.payload.size()), o.payload.data(), 1, o.retain)
                == MOSQ_ERR_OVERSIZE_PACKET)
                say("the broker takes nothing as large as the " + std::to_string(o.payload.size()) + " bytes for "
                    + o.topic + " (its max_packet_size); not sent");
    }
    bool stopping = false;
    {
        std::lock_guard lock(mutex_);
        stopping = stopping_;
    }
    if (stopping && connected_) {
        // Goodbye: the will's words from the screen itself, then a clean disconnect.
        int mid = 0;
        mosquitto_publish(m, &mid, setup_.will_topic.c_str(), static_cast<int>(setup_.will_payload.size()),
                          setup_.will_payload.data(), 1, true);
        const auto until = std::chrono::steady_clock::now() + 1s;
        while (std::chrono::steady_clock::now() < until && mosquitto_want_write(m)
               && mosquitto_loop(m, static_cast<int>(loop_step.count()), 1) == MOSQ_ERR_SUCCESS) {}
    }
    mosquitto_disconnect(m);
    connected_ = false;
    return subscribed;
}

}  // namespace placard
