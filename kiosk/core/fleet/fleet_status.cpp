#include "core/fleet/fleet_status.h"

#include <charconv>
#include <cmath>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/layout/geometry.h"
#include "core/feed/image_header.h"
#include "core/feed/rfc3339.h"
#include "core/text/text.h"

namespace placard {

namespace {

using json = nlohmann::json;

bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool is_id(std::string_view id)
{
    if (id.empty() || id.size() > 64) return false;
    for (char c : id)
        if (!is_name_char(c) || c == '.') return false;
    return true;
}

// Times go out as RFC 3339 so that people can read them in the broker's tools.
json time_or_null(const std::optional<std::int64_t>& t) { return t ? json(format_rfc3339(*t)) : json(nullptr); }

std::optional<std::int64_t> read_time(const json& j, const char* key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return parse_rfc3339(it->get<std::string>());
}

std::string read_string(const json& j, const char* key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

template <class T>
T read_number(const json& j, const char* key, T fallback)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return fallback;
    double v = it->get<double>();
    if (!std::isfinite(v) || v < 0 || v > 9e15) return fallback;
    return static_cast<T>(v);
}

}  // namespace

Result<BrokerAddress> parse_broker_url(std::string_view url)
{
    const std::string fix = "write it like mqtt://broker.example.org or mqtts://broker.example.org:8883";
    BrokerAddress a;
    std::string_view rest;
    if (url.rfind("mqtt://", 0) == 0) rest = url.substr(7);
    else if (url.rfind("mqtts://", 0) == 0) {
        rest = url.substr(8);
        a.tls = true;
        a.port = 8883;
    } else {
        return Error{"\"" + std::string(url) + "\" is not an mqtt:// or mqtts:// URL; " + fix};
    }
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (rest.find_first_of("/?#@") != std::string_view::npos)
        return Error{"\"" + std::string(url) + "\" has a path, query or user name; credentials go in credentials_file; "
                     + fix};
    std::string_view host = rest;
    if (!rest.empty() && rest.front() == '[') {  // [::1]:1883
        auto close = rest.find(']');
        if (close == std::string_view::npos) return Error{"\"" + std::string(url) + "\": unclosed [ in the host; " + fix};
        host = rest.substr(1, close - 1);
        rest = rest.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return Error{"\"" + std::string(url) + "\": unexpected text after ]; " + fix};
    } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        host = rest.substr(0, colon);
        rest = rest.substr(colon);
    } else {
        rest = {};
    }
    if (host.empty()) return Error{"\"" + std::string(url) + "\" names no host; " + fix};
    if (!rest.empty()) {
        std::string_view digits = rest.substr(1);
        int port = 0;
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (digits.empty() || r.ec != std::errc{} || r.ptr != digits.data() + digits.size() || port < 1 || port > 65535)
            return Error{"\"" + std::string(url) + "\": the port must be a number from 1 to 65535; " + fix};
        a.port = port;
    }
    a.host = std::string(host);
    return a;
}

Result<Credentials> parse_credentials(std::string_view text, std::string_view file_name)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    const std::string where(file_name);
    if (text.find('\n') != std::string_view::npos)
        return Error{where + ": expected one line, USER:PASSWORD, got several"};
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return Error{where + ": expected one line, USER:PASSWORD (the broker's user name, a colon, the password)"};
    return Credentials{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

bool is_screen_name(std::string_view name)
{
    if (name.empty() || name.size() > 64 || name == "all") return false;
    for (char c : name)
        if (!is_name_char(c)) return false;
    return true;
}

std::string screen_name_from_host(std::string_view host)
{
    host = host.substr(0, host.find('.'));
    std::string name;
    for (char c : host.substr(0, 64)) name += is_name_char(c) ? c : '-';
    return is_screen_name(name) ? name : "screen";
}

bool is_topic_prefix(std::string_view prefix)
{
    if (prefix.empty() || prefix.size() > 200) return false;
    std::size_t start = 0;
    while (start <= prefix.size()) {
        auto slash = prefix.find('/', start);
        std::string_view level = prefix.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (level.empty()) return false;
        for (char c : level)
            if (!is_name_char(c)) return false;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return true;
}

StatusTopics status_topics(std::string_view prefix, std::string_view screen)
{
    const std::string base = std::string(prefix) + "/" + std::string(screen) + "/";
    return {base + "status", base + "command", std::string(prefix) + "/all/command", base + "screenshot", base + "reply"};
}

std::string screen_of_topic(std::string_view topic, std::string_view prefix, std::string_view leaf)
{
    if (topic.size() <= prefix.size() + leaf.size() + 2 || !topic.starts_with(prefix) || topic[prefix.size()] != '/'
        || !topic.ends_with(leaf) || topic[topic.size() - leaf.size() - 1] != '/')
        return {};
    std::string_view name = topic.substr(prefix.size() + 1, topic.size() - prefix.size() - leaf.size() - 2);
    return is_screen_name(name) ? std::string(name) : std::string{};
}

std::string status_message(const ScreenStatus& s)
{
    // Cut between characters, in bytes: the sums behind editor_packet_limit's comment.
    auto bounded = [](const std::string& text, std::size_t max_bytes) {
        return text.empty() ? json(nullptr) : json(one_line(text, max_bytes, max_bytes));
    };
    json j = {
        {"screen", s.screen},
        {"online", s.online},
        {"version", s.version},
        {"feed", one_line(s.feed_url, 512, 512)},
        {"sequence", s.sequence ? json(*s.sequence) : json(nullptr)},
        {"generated_at", bounded(s.generated_at, 64)},
        {"item", bounded(s.item, 256)},
        {"slide", s.slide},
        {"slides", s.slides},
        {"last_good_fetch", time_or_null(s.last_good_fetch)},
        {"last_error", bounded(s.last_error, 384)},
        {"banner", bounded(s.banner, 512)},
        {"clock_trusted", s.clock_trusted},
        {"screen_size", std::to_string(s.screen_size.width) + "x" + std::to_string(s.screen_size.height)},
        {"rotation", s.rotation},
        {"uptime_seconds", s.uptime_seconds},
        {"temperature_c", s.temperature_c ? json(std::round(*s.temperature_c * 10) / 10) : json(nullptr)},
        {"reported_at", format_rfc3339(s.reported_at)},
    };
    // Only when refused: a screen that says nothing of it is one whose feed was not.
    if (s.refused) j["refused"] = {{"place", one_line(s.refused->pointer, 128, 128)},
                                   {"message", one_line(s.refused->message, 384, 384)}};
    if (!s.tv.empty()) j["tv"] = s.tv;
    if (s.showing_count) {
        j["showing"] = s.showing;
        j["showing_count"] = *s.showing_count;
        j["showing_digest"] = s.showing_digest;
    }
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string offline_message(std::string_view screen)
{
    return json{{"screen", std::string(screen)}, {"online", false}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool same_state(const ScreenStatus& a, const ScreenStatus& b)
{
    auto key = [](const ScreenStatus& s) {
        return std::tie(s.screen, s.online, s.version, s.feed_url, s.sequence, s.generated_at, s.slides, s.last_error, s.banner,
                        s.clock_trusted, s.screen_size.width, s.screen_size.height, s.rotation, s.showing_count,
                        s.showing_digest, s.tv);
    };
    auto refused = [](const ScreenStatus& s) {
        return s.refused ? std::optional(std::pair(s.refused->pointer, s.refused->message)) : std::nullopt;
    };
    return key(a) == key(b) && refused(a) == refused(b);
}

Result<ScreenStatus> parse_status_message(std::string_view payload)
{
    json j = json::parse(payload, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{"not a JSON object"};
    ScreenStatus s;
    s.screen = read_string(j, "screen");
    if (!is_screen_name(s.screen)) return Error{"no valid \"screen\" name"};
    auto online = j.find("online");
    s.online = online != j.end() && online->is_boolean() && online->get<bool>();
    s.version = read_string(j, "version");
    s.feed_url = read_string(j, "feed");
    if (auto seq = j.find("sequence"); seq != j.end() && seq->is_number_integer()) s.sequence = seq->get<std::int64_t>();
    s.generated_at = read_string(j, "generated_at");
    s.item = read_string(j, "item");
    s.slide = read_number<std::size_t>(j, "slide", 0);
    s.slides = read_number<std::size_t>(j, "slides", 0);
    s.last_good_fetch = read_time(j, "last_good_fetch");
    s.last_error = read_string(j, "last_error");
    s.banner = read_string(j, "banner");
    if (auto refused = j.find("refused"); refused != j.end() && refused->is_object())
        s.refused = FeedProblem{read_string(*refused, "place"), read_string(*refused, "message")};
    auto trusted = j.find("clock_trusted");
    s.clock_trusted = trusted != j.end() && trusted->is_boolean() && trusted->get<bool>();
    if (auto size = parse_size(read_string(j, "screen_size"))) s.screen_size = *size;
    s.rotation = read_number<int>(j, "rotation", 0);
    s.uptime_seconds = read_number<std::int64_t>(j, "uptime_seconds", 0);
    if (auto t = j.find("temperature_c"); t != j.end() && t->is_number()) s.temperature_c = t->get<double>();
    s.reported_at = read_time(j, "reported_at").value_or(0);
    s.tv = read_string(j, "tv");
    auto count = j.find("showing_count");
    auto showing = j.find("showing");
    if (count != j.end() && count->is_number_unsigned() && showing != j.end() && showing->is_array()) {
        s.showing_count = count->get<std::size_t>();
        for (const json& id : *showing)
            if (id.is_string()) s.showing.push_back(id.get<std::string>());
        s.showing_digest = read_string(j, "showing_digest");
    }
    return s;
}

std::string showing_digest(const std::vector<std::string>& sorted_ids)
{
    std::string all;
    for (const std::string& id : sorted_ids) all += id + "\n";
    return sha256_hex(all);
}

void set_showing(ScreenStatus& status, const std::vector<std::string>& sorted_ids)
{
    status.showing.clear();
    std::size_t bytes = 0;
    for (const std::string& id : sorted_ids) {
        if (status.showing.size() >= max_showing_ids || bytes + id.size() > max_showing_bytes) break;
        bytes += id.size();
        status.showing.push_back(id);
    }
    status.showing_count = sorted_ids.size();
    status.showing_digest = showing_digest(sorted_ids);
}

Shows shows_item(const ScreenStatus& status, std::string_view id)
{
    if (!status.online || !status.showing_count) return Shows::unknown;
    for (const std::string& shown : status.showing)
        if (shown == id) return Shows::yes;
    // The list is the first ids in byte order: one that sorts before its last is not shown.
    bool complete = status.showing.size() >= *status.showing_count;
    return complete || (!status.showing.empty() && id < status.showing.back()) ? Shows::no : Shows::unknown;
}

namespace {

// A message read from the topic of topic_screen, or why not, saying where it was.
template <class Message>
Result<Message> from_screen(const char* what, std::string_view topic_screen, Result<Message> message)
{
    const std::string where = std::string("a ") + what + " on " + std::string(topic_screen) + "'s topic";
    if (!message) return Error{where + ": " + message.error().message};
    if (message->screen != topic_screen) {
        std::string said = is_screen_name(message->screen) ? "\"" + message->screen + "\"" : std::string("another name");
        return Error{where + " that names the screen " + said + "; a screen speaks only under its own name"};
    }
    return message;
}

}  // namespace

Result<ScreenStatus> status_from(std::string_view topic_screen, std::string_view payload)
{
    return from_screen("status", topic_screen, parse_status_message(payload));
}

const char* to_string(CommandKind kind)
{
    switch (kind) {
    case CommandKind::refresh: return "refresh";
    case CommandKind::screenshot: return "screenshot";
    case CommandKind::identify: return "identify";
    case CommandKind::tv_on: return "tv-on";
    case CommandKind::tv_off: return "tv-off";
    }
    return "refresh";
}

Result<Command> parse_command(std::string_view payload)
{
    const char* expected = "expected \"refresh\", \"screenshot\", \"identify\", \"tv-on\" or \"tv-off\", alone or as "
                           "{\"command\": ..., \"id\": ...}";
    if (payload.size() > 1024) return Error{std::string("a command of ") + std::to_string(payload.size()) + " bytes; " + expected};
    std::string word(payload);
    std::string id;
    if (!payload.empty() && payload.front() == '{') {
        json j = json::parse(payload, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return Error{std::string("not valid JSON; ") + expected};
        word = read_string(j, "command");
        if (j.contains("id")) {
            id = read_string(j, "id");
            if (!is_id(id)) return Error{"the id must be 1 to 64 letters, digits, '-' or '_'"};
        }
    }
    for (CommandKind kind : {CommandKind::refresh, CommandKind::screenshot, CommandKind::identify, CommandKind::tv_on,
                             CommandKind::tv_off})
        if (word == to_string(kind)) return Command{kind, id};
    return Error{expected};
}

std::string command_message(const Command& command)
{
    if (command.id.empty()) return to_string(command.kind);
    return json{{"command", to_string(command.kind)}, {"id", command.id}}.dump();
}

std::string reply_message(const CommandReply& r)
{
    return json{{"screen", r.screen}, {"command", r.command}, {"id", r.id.empty() ? json(nullptr) : json(r.id)},
                {"ok", r.ok}, {"detail", r.detail}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<CommandReply> parse_reply_message(std::string_view payload)
{
    json j = json::parse(payload, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{"not a JSON object"};
    CommandReply r;
    r.screen = read_string(j, "screen");
    r.command = read_string(j, "command");
    r.id = read_string(j, "id");
    auto ok = j.find("ok");
    r.ok = ok != j.end() && ok->is_boolean() && ok->get<bool>();
    r.detail = read_string(j, "detail");
    if (r.screen.empty() || r.command.empty()) return Error{"no \"screen\" or \"command\""};
    return r;
}

Result<CommandReply> reply_from(std::string_view topic_screen, std::string_view payload)
{
    return from_screen("reply", topic_screen, parse_reply_message(payload));
}

}  // namespace placard
