#include "app/fleet.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "store/files.h"

namespace placard {

std::optional<double> board_temperature()
{
    std::ifstream in("/sys/class/thermal/thermal_zone0/temp");
    long millidegrees = 0;
    if (!(in >> millidegrees)) return std::nullopt;
    return static_cast<double>(millidegrees) / 1000.0;
}

std::unique_ptr<Fleet> Fleet::start(const StatusSettings& s, std::function<void()> wake)
{
    if (s.broker.empty()) return nullptr;
    auto fail = [](const std::string& why) -> std::unique_ptr<Fleet> {
        std::fprintf(stderr, "placard: status: %s; this screen reports to nobody until that is fixed\n", why.c_str());
        return nullptr;
    };
    auto broker = parse_broker_url(s.broker);
    if (!broker) return fail(broker.error().message);
    BrokerSetup setup;
    setup.broker = *broker;
    if (!s.credentials_file.empty()) {
        auto text = read_file(s.credentials_file, 4096);
        if (!text) return fail(text.error().message);
        auto credentials = parse_credentials(*text, s.credentials_file);
        if (!credentials) return fail(credentials.error().message);
        setup.credentials = std::move(*credentials);
    }
    std::string screen = s.screen;
    if (screen.empty()) {
        char host[256] = {};
        gethostname(host, sizeof host - 1);
        screen = screen_name_from_host(host);
    }
    StatusTopics topics = status_topics(s.topic_prefix, screen);
    setup.ca_file = s.ca_file;
    setup.client_id = "placard-" + screen;
    setup.will_topic = topics.status;
    setup.will_payload = offline_message(screen);
    setup.subscriptions = {topics.command, topics.all_command};
    setup.max_packet = screen_packet_limit;  // commands only: anything larger never leaves the broker
    setup.log_name = "status broker " + broker->host + ":" + std::to_string(broker->port);
    auto link = open_broker_channel(std::move(setup), std::move(wake));
    if (!link) return fail(link.error().message);
    std::fprintf(stderr, "placard: status: reporting as \"%s\" to %s\n", screen.c_str(), s.broker.c_str());
    return std::make_unique<Fleet>(screen, std::move(topics), FleetMillis(s.interval_seconds * 1000LL), std::move(*link));
}

Fleet::Fleet(std::string screen, StatusTopics topics, FleetMillis interval, std::unique_ptr<BrokerChannel> link)
    : screen_(std::move(screen)), topics_(std::move(topics)), interval_(interval), link_(std::move(link))
{
}

void Fleet::report(ScreenStatus status, FleetMillis now, bool force)
{
    if (!force && last_ && same_state(*last_, status) && now < last_report_ + interval_) return;
    status.temperature_c = board_temperature();
    link_->keep(topics_.status, status_message(status));
    last_ = std::move(status);
    last_report_ = now;
}

std::vector<Command> Fleet::take_commands()
{
    std::vector<Command> commands;
    for (auto& [topic, payload] : link_->take_received()) {
        auto command = parse_command(payload);
        if (command) commands.push_back(std::move(*command));
        else std::fprintf(stderr, "placard: status: ignored a message on %s: %s\n", topic.c_str(), command.error().message.c_str());
    }
    return commands;
}

void Fleet::reply(const Command& command, bool ok, std::string detail)
{
    link_->send(topics_.reply, reply_message({screen_, to_string(command.kind), command.id, ok, std::move(detail)}));
}

void Fleet::send_screenshot(std::string png) { link_->send(topics_.screenshot, std::move(png)); }

}  // namespace placard
