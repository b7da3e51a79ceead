// placard-feed screens: every screen that reports to the broker, the
// commands an editor may send them (refresh, screenshot, identify, tv-on,
// tv-off), and an
// item followed off them (showing, pull).
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>

#include <mosquitto.h>
#include <nlohmann/json.hpp>

#include "net/mqtt.h"
#include "store/files.h"
#include "core/fleet/screens_table.h"
#include "core/fleet/fleet_status.h"
#include "core/fleet/pull_watch.h"
#include "core/text/terminal.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const screens_usage = R"(Usage: placard-feed screens --mqtt URL [OPTIONS]
       placard-feed screens refresh|screenshot|identify NAME|all --mqtt URL [OPTIONS]
       placard-feed screens tv-on|tv-off NAME|all --mqtt URL [OPTIONS]
       placard-feed screens showing|pull ITEM-ID --mqtt URL [OPTIONS]

Without a command: a table of every screen that has reported to the broker
(name, online, the item on screen, the feed's sequence, the last good fetch,
the problem if any). With one: sends it to the screen NAME, or to every
screen online with "all", and waits for each to answer:
  refresh      the screen fetches its feed now (instead of at its next poll)
  screenshot   the screen sends a small PNG of what it shows, saved as DIR/NAME.png
  identify     the screen shows its name in large type for 5 seconds
  tv-on        the screen switches its TV on over HDMI-CEC (until the TV
               schedule's next change)
  tv-off       the screen puts its TV in standby over HDMI-CEC (likewise)
Or, for an item of the feed (its "id"):
  showing      which screens online still show it, from their statuses
  pull         once it is out of the feed (removed, or "withdrawn": true):
               every screen fetches its feed now, and this waits until every
               screen online reports that it no longer shows it, naming each
               as it does (default --timeout 30)

Options:
  --mqtt URL           the broker, mqtt://HOST[:PORT] or mqtts://HOST[:PORT]
  --credentials FILE   a file with one line USER:PASSWORD (an editor's account)
  --ca-file FILE       the CA of an mqtts broker (default: the system's CAs)
  --prefix PREFIX      the screens' topic prefix (default placard)
  --json               print the screens' status messages as a JSON array
  --out DIR            where screenshots go (default: the current folder)
  --timeout SECONDS    how long to wait for answers (default 10)

Exit codes: 0 ok (every screen answered yes; for showing and pull, no screen
online shows the item), 1 a screen answered no (for showing and pull, a
screen online shows it, or cannot tell; each is named), 2 usage, 3 the broker
could not be reached or a screen did not answer in time.
)";

namespace {

using Clock = std::chrono::steady_clock;

struct ScreensArgs {
    std::string mqtt, credentials, ca_file, prefix = "placard", out_dir = ".";
    bool json = false;
    double timeout_seconds = 10;
    bool timeout_given = false;
    std::optional<CommandKind> command;
    std::string target;
    std::string item;   // showing or pull: the item's id
    bool pull = false;
};

struct Inbox {
    bool connected = false;
    int refused = -1;  // the CONNACK's code when the broker said no
    int subscribed = 0;
    Clock::time_point last_message = Clock::now();
    std::vector<std::pair<std::string, std::string>> messages;
};

struct MosquittoDeleter {
    void operator()(mosquitto* m) const { mosquitto_destroy(m); }
};

int usage_error(const std::string& message) { return placard::usage_error("screens", message); }

// A message that is not a screen's own word on its own topic: said, and not believed.
void refused(const std::string& why)
{
    std::fprintf(stderr, "placard-feed screens: ignored %s\n", why.c_str());
}

int broker_error(const std::string& message)
{
    std::fprintf(stderr, "placard-feed screens: %s\n", message.c_str());
    return 3;
}

// Runs the client until done() says so or the time is up; false on a lost connection.
template <class Done>
bool loop_until(mosquitto* m, Clock::time_point deadline, Done done)
{
    while (!done() && Clock::now() < deadline)
        if (mosquitto_loop(m, 50, 1) != MOSQ_ERR_SUCCESS) return false;
    return true;
}

std::string random_id()
{
    std::random_device random;
    char id[17];
    std::snprintf(id, sizeof id, "%08x%08x", random(), random());
    return id;
}

// showing and pull: the item followed off every screen online, by the ids in
// their statuses; pull first asks each to fetch its feed now.
int follow_item(mosquitto* m, Inbox& inbox, const std::map<std::string, std::pair<ScreenStatus, std::string>>& statuses,
                const ScreensArgs& a, const std::string& where)
{
    const std::string item = terminal_safe(a.item);
    PullWatch watch(a.item);
    for (const auto& [name, entry] : statuses) {
        std::string line = watch.take(entry.first, 0);
        if (a.pull && !line.empty()) std::printf("%s\n", line.c_str());
    }
    const auto started = Clock::now();
    if (a.pull && !watch.done()) {
        auto refresh = [&](const std::string& target) {
            const std::string payload = command_message({CommandKind::refresh, random_id()});
            const std::string topic = a.prefix + "/" + target + "/command";
            return mosquitto_publish(m, nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(), 1, false);
        };
        if (int rc = refresh("all"); rc != MOSQ_ERR_SUCCESS)
            return broker_error(std::string("cannot send the refresh: ") + mosquitto_strerror(rc));
        const auto deadline = started + std::chrono::milliseconds(static_cast<long long>(a.timeout_seconds * 1000));
        // A screen answers each refresh with its status, so one whose status was
        // lost on the way is asked again, after the 5 s a screen waits between refreshes.
        auto again = started + std::chrono::seconds(6);
        std::size_t seen = 0;
        if (!loop_until(m, deadline, [&] {
                if (Clock::now() >= again) {
                    for (const std::string& name : watch.waiting()) refresh(name);
                    again += std::chrono::seconds(6);
                }
                for (; seen < inbox.messages.size(); ++seen) {
                    const auto& [t, body] = inbox.messages[seen];
                    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
                    if (std::string name = screen_of_topic(t, a.prefix, "status"); !name.empty()) {
                        auto s = status_from(name, body);
                        if (!s) refused(s.error().message);
                        else if (std::string line = watch.take(*s, seconds); !line.empty()) std::printf("%s\n", line.c_str());
                        continue;
                    }
                }
                std::fflush(stdout);
                return watch.done();
            }))
            return broker_error("lost the connection to the broker at " + where);
    }
    char after[48] = "";
    if (a.pull) std::snprintf(after, sizeof after, ", after %g s", a.timeout_seconds);
    for (const std::string& line : watch.left()) std::printf("%s%s\n", line.c_str(), after);
    if (!watch.offline().empty()) {
        std::string names;
        for (const std::string& n : watch.offline()) names += (names.empty() ? "" : ", ") + n;
        std::printf("Offline: %s; a screen shows its cached feed when it comes back, until its first fetch.\n", names.c_str());
    }
    if (watch.done()) {
        double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (a.pull) std::printf("No screen online shows %s (%zu dropped it or never had it; %.2f s).\n", item.c_str(), watch.dropped(), seconds);
        else std::printf("No screen online shows %s.\n", item.c_str());
        return 0;
    }
    return 1;
}

}  // namespace

int run_screens(const Args& args)
{
    ScreensArgs a;
    std::vector<std::string_view> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view flag = args[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) return std::nullopt;
            return std::string(args[++i]);
        };
        std::optional<std::string> v;
        if (flag == "--json") a.json = true;
        else if (flag == "--mqtt" || flag == "--credentials" || flag == "--ca-file" || flag == "--prefix" || flag == "--out"
                 || flag == "--timeout") {
            if (!(v = value()) || v->empty()) return usage_error(std::string(flag) + " needs a value");
            if (flag == "--mqtt") a.mqtt = *v;
            else if (flag == "--credentials") a.credentials = *v;
            else if (flag == "--ca-file") a.ca_file = *v;
            else if (flag == "--prefix") a.prefix = *v;
            else if (flag == "--out") a.out_dir = *v;
            else {
                char* end = nullptr;
                a.timeout_seconds = std::strtod(v->c_str(), &end);
                a.timeout_given = true;
                if (*end != '\0' || !(a.timeout_seconds > 0 && a.timeout_seconds <= 3600))
                    return usage_error("--timeout: \"" + *v + "\" is not a number of seconds from 0 to 3600");
            }
        } else if (flag.rfind("--", 0) == 0) return usage_error(unknown_option(flag, screens_usage));
        else positional.push_back(flag);
    }
    if (a.mqtt.empty()) return usage_error("--mqtt URL is needed: the broker the screens report to");
    if (!is_topic_prefix(a.prefix)) return usage_error("--prefix: \"" + a.prefix + "\" is not a topic prefix like placard");
    if (!positional.empty() && (positional[0] == "showing" || positional[0] == "pull")) {
        if (positional.size() != 2) return usage_error(std::string(positional[0]) + " needs one item id");
        a.pull = positional[0] == "pull";
        a.item = positional[1];
        if (a.item.empty() || a.item.size() > 4096) return usage_error("the item id must be 1 to 4096 bytes");
        if (a.pull && !a.timeout_given) a.timeout_seconds = 30;
    } else if (!positional.empty()) {
        auto command = parse_command(positional[0]);
        if (!command) return usage_error("\"" + std::string(positional[0]) + "\" is not refresh, screenshot, identify, tv-on or tv-off");
        if (positional.size() != 2) return usage_error("the command needs one screen name, or all");
        a.command = command->kind;
        a.target = positional[1];
        if (a.target != "all" && !is_screen_name(a.target))
            return usage_error("\"" + a.target + "\" is not a screen name (letters, digits, '-', '_', '.') or all");
    }
    auto broker = parse_broker_url(a.mqtt);
    if (!broker) return usage_error("--mqtt: " + broker.error().message);

    mosquitto_lib_init();
    Inbox inbox;
    std::unique_ptr<mosquitto, MosquittoDeleter> handle(mosquitto_new(nullptr, true, &inbox));
    if (!handle) return broker_error("cannot start the MQTT client");
    mosquitto* m = handle.get();
    mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    if (!a.credentials.empty()) {
        auto text = read_file(a.credentials, 4096);
        if (!text) return broker_error(text.error().message);
        auto credentials = parse_credentials(*text, a.credentials);
        if (!credentials) return usage_error(credentials.error().message);
        mosquitto_username_pw_set(m, credentials->username.c_str(), credentials->password.c_str());
    }
    if (broker->tls) {
        int rc = a.ca_file.empty() ? mosquitto_int_option(m, MOSQ_OPT_TLS_USE_OS_CERTS, 1)
                                   : mosquitto_tls_set(m, a.ca_file.c_str(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) return broker_error(a.ca_file + ": cannot use it as a CA file: " + mosquitto_strerror(rc));
    }
    mosquitto_connect_callback_set(m, [](mosquitto*, void* p, int rc) {
        auto* in = static_cast<Inbox*>(p);
        if (rc == 0) in->connected = true;
        else in->refused = rc;
    });
    mosquitto_subscribe_callback_set(m, [](mosquitto*, void* p, int, int, const int*) { ++static_cast<Inbox*>(p)->subscribed; });
    mosquitto_message_callback_set(m, [](mosquitto*, void* p, const mosquitto_message* msg) {
        auto* in = static_cast<Inbox*>(p);
        in->messages.emplace_back(msg->topic, std::string(static_cast<const char*>(msg->payload),
                                                          static_cast<std::size_t>(msg->payloadlen)));
        in->last_message = Clock::now();
    });
    const std::string where = broker->host + ":" + std::to_string(broker->port);
    // The broker holds back anything larger than a screenshot (editor_packet_limit).
    MqttProperties limit = packet_limit(editor_packet_limit);
    if (!limit) return broker_error("cannot start the MQTT client");
    if (int rc = mosquitto_connect_bind_v5(m, broker->host.c_str(), broker->port, 30, nullptr, limit.get()); rc != MOSQ_ERR_SUCCESS)
        return broker_error("cannot reach the broker at " + where + ": "
                            + (rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc)));
    const auto connect_deadline = Clock::now() + std::chrono::seconds(10);
    loop_until(m, connect_deadline, [&] { return inbox.connected || inbox.refused >= 0; });
    if (!inbox.connected)
        return broker_error(inbox.refused >= 0 ? "the broker at " + where + ": " + refusal_reason(inbox.refused)
                                               : "no answer from the broker at " + where);

    // The retained statuses come right after the subscription is granted.
    std::vector<std::string> topics{a.prefix + "/+/status"};
    if (a.command) topics.insert(topics.end(), {a.prefix + "/+/reply", a.prefix + "/+/screenshot"});
    // QoS 0 for pull: a thousand statuses at once are not held to the broker's
    // window of messages awaiting an acknowledgement (20), and none is dropped
    // for the queue behind it.
    for (const std::string& t : topics) mosquitto_subscribe(m, nullptr, t.c_str(), a.pull ? 0 : 1);
    const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(a.timeout_seconds * 1000));
    if (!loop_until(m, deadline, [&] {
            return inbox.subscribed == static_cast<int>(topics.size())
                   && Clock::now() - inbox.last_message > std::chrono::milliseconds(300);
        }))
        return broker_error("lost the connection to the broker at " + where);
    // By the name in the topic, which the broker's ACL vouches for; not the one in the message.
    std::map<std::string, std::pair<ScreenStatus, std::string>> statuses;  // parsed, as received
    for (const auto& [topic, payload] : inbox.messages) {
        std::string name = screen_of_topic(topic, a.prefix, "status");
        if (name.empty()) continue;
        auto s = status_from(name, payload);
        if (s) statuses[name] = {*s, payload};
        else refused(s.error().message);
    }
    inbox.messages.clear();

    if (!a.item.empty()) {
        int code = follow_item(m, inbox, statuses, a, where);
        mosquitto_disconnect(m);
        return code;
    }
    if (!a.command) {
        if (a.json) {
            std::string out = "[";
            for (const auto& [name, entry] : statuses) {  // written again, with the controls in its strings escaped
                const std::string again = nlohmann::json::parse(entry.second, nullptr, false)
                                              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                out += (out.size() > 1 ? ",\n" : "\n") + terminal_safe(again);
            }
            std::printf("%s\n]\n", out.c_str());
        } else {
            std::vector<ScreenStatus> list;
            for (const auto& [name, entry] : statuses) list.push_back(entry.first);
            if (list.empty()) std::printf("No screen has reported under %s/ on %s.\n", a.prefix.c_str(), where.c_str());
            else std::fputs(screens_table(std::move(list), std::time(nullptr)).c_str(), stdout);
        }
        return 0;
    }

    std::set<std::string> waiting;
    if (a.target == "all") {
        for (const auto& [name, entry] : statuses)
            if (entry.first.online) waiting.insert(name);
        if (waiting.empty()) return broker_error("no screen is online under " + a.prefix + "/ on " + where);
    } else {
        waiting.insert(a.target);
    }
    const Command command{*a.command, random_id()};
    const std::string payload = command_message(command);
    const std::string topic = a.prefix + "/" + a.target + "/command";
    const auto sent = Clock::now();
    if (int rc = mosquitto_publish(m, nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(), 1, false);
        rc != MOSQ_ERR_SUCCESS)
        return broker_error(std::string("cannot send the command: ") + mosquitto_strerror(rc));
    std::set<std::string> pictures_wanted = command.kind == CommandKind::screenshot ? waiting : std::set<std::string>{};
    bool all_ok = true;
    bool write_failed = false;
    std::size_t seen = 0;
    loop_until(m, deadline, [&] {
        for (; seen < inbox.messages.size(); ++seen) {
            const auto& [t, body] = inbox.messages[seen];
            if (std::string name = screen_of_topic(t, a.prefix, "screenshot"); pictures_wanted.count(name)) {
                const std::string path = a.out_dir + "/" + name + ".png";
                std::ofstream file(path, std::ios::binary);
                file << body;
                file.close();
                if (file) std::printf("%s: saved %s (%zu bytes)\n", name.c_str(), path.c_str(), body.size());
                else {
                    std::fprintf(stderr, "placard-feed screens: %s: cannot write the screenshot; check --out names a writable folder\n",
                                 path.c_str());
                    write_failed = true;
                }
                pictures_wanted.erase(name);
                continue;
            }
            // The screen that answers is the one whose reply topic it came on.
            std::string name = screen_of_topic(t, a.prefix, "reply");
            if (name.empty()) continue;
            auto reply = reply_from(name, body);
            if (!reply) {
                refused(reply.error().message);
                continue;
            }
            if (reply->id != command.id || reply->command != to_string(command.kind) || !waiting.count(name)) continue;
            double seconds = std::chrono::duration<double>(Clock::now() - sent).count();
            std::printf("%s: %s: %s%s (%.2f s)\n", name.c_str(), reply->command.c_str(), reply->ok ? "" : "failed: ",
                        terminal_safe(reply->detail).c_str(), seconds);
            if (!reply->ok) pictures_wanted.erase(name);  // no picture follows a failure
            all_ok = all_ok && reply->ok;
            waiting.erase(name);
        }
        return waiting.empty() && pictures_wanted.empty();
    });
    for (const std::string& name : waiting)
        std::fprintf(stderr, "placard-feed screens: %s did not answer within %.0f s\n", name.c_str(), a.timeout_seconds);
    mosquitto_disconnect(m);
    if (!waiting.empty() || !pictures_wanted.empty() || write_failed) return 3;
    return all_ok ? 0 : 1;
}

}  // namespace placard
