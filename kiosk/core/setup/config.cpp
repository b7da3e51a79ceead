#include "core/setup/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/feed/json_check.h"
#include "core/feed/feed_rules.h"
#include "core/feed/json_read.h"
#include "core/feed/json_text.h"
#include "core/feed/time_zone.h"
#include "core/layout/theme.h"
#include "core/setup/config_tv.h"
#include "core/text/text.h"
#include "core/words/slide_words.h"

namespace placard {

std::optional<std::vector<std::string>> parse_languages(std::string_view text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::string_view tag = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (tag.empty() || tag.size() > 35) return std::nullopt;
        for (char c : tag)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
        out.emplace_back(tag);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

std::optional<std::string> parse_ui_language(std::string_view text)
{
    for (const std::string& language : word_languages())
        if (language == ascii_lower(text)) return language;
    return std::nullopt;
}

std::string ui_language_list()
{
    std::string out;
    for (const std::string& language : word_languages()) out += (out.empty() ? "\"" : ", \"") + language + "\"";
    return out;
}

std::optional<Transition> parse_transition(std::string_view text)
{
    if (text == "crossfade") return Transition::crossfade;
    if (text == "slide") return Transition::slide;
    if (text == "none") return Transition::none;
    return std::nullopt;
}

std::optional<int> parse_rotation(std::string_view text)
{
    for (int r : {0, 90, 180, 270})
        if (text == std::to_string(r)) return r;
    return std::nullopt;
}

bool is_one_of(std::string_view value, std::span<const std::string_view> names)
{
    return std::find(names.begin(), names.end(), value) != names.end();
}

std::string one_of(std::span<const std::string_view> names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
        out.append(1, '"').append(names[i]).append(1, '"');
    }
    return out;
}

std::string with_missing_scheme(std::string_view feed)
{
    if (feed.empty() || feed.find("://") != std::string_view::npos || feed.front() == '/' || feed.front() == '.'
        || feed.front() == '~')
        return {};
    std::size_t slash = feed.find('/');
    std::string_view host = feed.substr(0, slash);
    std::string_view name = host.substr(0, host.find(':'));
    if (name.size() < host.size()) {
        std::string_view port = host.substr(name.size() + 1);
        if (port.empty() || !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return {};
    }
    std::size_t last_dot = name.rfind('.');
    if (last_dot == std::string_view::npos || name.find("..") != std::string_view::npos) return {};
    std::string_view top = name.substr(last_dot + 1);
    if (top.size() < 2 || !std::all_of(top.begin(), top.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return {};
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return {};
    // "notes.txt" is a file; "example.org/feed.json" and "www.example.org" are addresses.
    if (slash == std::string_view::npos && name.rfind("www.", 0) != 0) return {};
    return "https://" + std::string(feed);
}

namespace {

// What comes along when an address is pasted from an e-mail, a chat or a web
// page: white space, no-break spaces, zero-width characters, direction marks
// and the byte order mark. Their length in bytes at the start or end of s.
constexpr std::string_view invisible[] = {
    " ", "\t", "\r", "\n", "\f", "\v",
    "\xC2\xA0",                                                  // no-break space
    "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",              // zero-width space, non-joiner, joiner
    "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x80\xAF", "\xE2\x81\xA0",  // LRM, RLM, narrow no-break space, word joiner
    "\xE3\x80\x80", "\xEF\xBB\xBF"};                              // ideographic space, byte order mark

std::size_t invisible_prefix(std::string_view s)
{
    for (std::string_view c : invisible)
        if (s.substr(0, c.size()) == c) return c.size();
    return 0;
}

std::size_t invisible_suffix(std::string_view s)
{
    for (std::string_view c : invisible)
        if (s.size() >= c.size() && s.substr(s.size() - c.size()) == c) return c.size();
    return 0;
}

bool is_scheme(std::string_view s)
{
    return !s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))
           && std::all_of(s.begin(), s.end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
              });
}

std::string unknown_key_message(const std::string& key)
{
    std::string hint = std::apply([&](auto... known) { return closest_name(key, {known...}); }, config_keys);
    if (!hint.empty()) return "unknown setting; did you mean \"" + hint + "\"?";
    std::string all;
    for (std::size_t i = 0; i < config_keys.size(); ++i)
        all += (i == 0 ? "" : i + 1 == config_keys.size() ? " and " : ", ") + std::string(config_keys[i]);
    return "unknown setting; the settings are " + all;
}

// One key line, or a list of them so a new key can be added before the old one is dropped.
Result<std::vector<PublicKey>> parse_config_keys(const nlohmann::json& value)
{
    const char* fix = "the line placard-feed keygen printed, or a list of such lines while rotating keys";
    if (value.is_array() && value.empty())
        return Error{std::string("an empty list trusts no key; remove \"public_key\" to show unsigned feeds, or give ")
                     + fix};
    if (!value.is_string() && !value.is_array())
        return Error{std::string("expected ") + fix + ", got " + describe_json(value)};
    std::vector<PublicKey> keys;
    std::string problems;
    // The entries in place: a copy of the list would walk it recursively.
    const std::size_t count = value.is_array() ? value.size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
        const nlohmann::json& entry = value.is_array() ? value[i] : value;
        std::string where = value.is_array() ? "item " + std::to_string(i + 1) + ": " : "";
        auto key = entry.is_string() ? parse_public_key(entry.get<std::string>())
                                     : Result<PublicKey>(Error{"expected a string, got " + describe_json(entry)});
        if (key) keys.push_back(*key);
        else problems += (problems.empty() ? "" : "; ") + where + key.error().message;
    }
    if (!problems.empty()) return Error{problems};
    return keys;
}

// The "status" section: every problem in it, each naming its key.
Result<StatusSettings> parse_status_section(const nlohmann::json& value)
{
    if (!value.is_object())
        return Error{"expected a section like {\"broker\": \"mqtts://broker.example.org\"}, got " + describe_json(value)};
    StatusSettings s;
    std::string problems;
    auto problem = [&](const std::string& key, const std::string& message) {
        problems += (problems.empty() ? "\"" : "; \"") + key + "\": " + message;
    };
    for (const auto& [key, v] : value.items()) {
        if (key.rfind("//", 0) == 0) continue;
        const std::string text = v.is_string() ? v.get<std::string>() : std::string{};
        if (key == "broker") {
            if (auto address = parse_broker_url(text); address || text.empty()) s.broker = text;
            else problem(key, v.is_string() ? address.error().message : "expected an mqtt:// or mqtts:// URL, got " + describe_json(v));
        } else if (key == "credentials_file" || key == "ca_file") {
            if (!text.empty()) (key == "ca_file" ? s.ca_file : s.credentials_file) = text;
            else problem(key, "expected a file path as a string, got " + describe_json(v));
        } else if (key == "topic_prefix") {
            if (is_topic_prefix(text)) s.topic_prefix = text;
            else problem(key, "expected topic levels of letters, digits, '-', '_' or '.' separated by '/', like \"ngo/placard\", got "
                                  + describe_json(v));
        } else if (key == "screen") {
            if (is_screen_name(text)) s.screen = text;
            else problem(key, "expected 1 to 64 letters, digits, '-', '_' or '.' (and not \"all\"), like \"room-xxi\", got "
                                  + describe_json(v));
        } else if (key == "interval_seconds") {
            if (v.is_number_integer() && v.get<long long>() >= min_status_interval_seconds
                && v.get<long long>() <= max_status_interval_seconds)
                s.interval_seconds = static_cast<int>(v.get<long long>());
            else problem(key, "expected a whole number of seconds from 10 to 3600, got " + describe_json(v));
        } else {
            // A copy: clang 14 cannot capture a structured binding in a lambda.
            const std::string unknown = key;
            std::string hint = std::apply([&](auto... known) { return closest_name(unknown, {known...}); }, status_keys);
            std::string all;
            for (std::size_t i = 0; i < status_keys.size(); ++i)
                all += (i == 0 ? "" : i + 1 == status_keys.size() ? " and " : ", ") + std::string(status_keys[i]);
            problem(key, hint.empty() ? "unknown setting; this section's settings are " + all
                                      : "unknown setting; did you mean \"" + hint + "\"?");
        }
    }
    if (!problems.empty()) return Error{problems};
    return s;
}

}  // namespace

Result<FeedSetting> read_feed_setting(std::string_view typed)
{
    std::string_view feed = typed;
    while (std::size_t n = invisible_prefix(feed)) feed.remove_prefix(n);
    while (std::size_t n = invisible_suffix(feed)) feed.remove_suffix(n);
    FeedSetting out;
    const std::string shown = nlohmann::json(std::string(typed)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (feed.size() != typed.size())
        out.note = shown + " has a space or an invisible character before or after it, which was dropped: reading \""
                   + std::string(feed) + "\"";
    const std::size_t sep = feed.find("://");
    const std::string scheme = sep == std::string_view::npos ? std::string{} : ascii_lower(feed.substr(0, sep));
    if (is_scheme(scheme)) {
        if (scheme != "http" && scheme != "https" && scheme != "file") {
            const std::string hint = closest_name(scheme, {"https", "http", "file"});
            if (!hint.empty())
                return Error{shown + " is not an address Placard reads; did you mean \"" + hint + "://"
                             + std::string(feed.substr(sep + 3)) + "\"?"};
            return Error{shown + ": a feed is read from an http:// or https:// address or a file path, not " + scheme
                         + "://; put the feed on a web server, or copy it onto the screen and give its path"};
        }
        out.feed = scheme + std::string(feed.substr(sep));
        if (scheme != "file" && out.feed.find_first_of(" \t") != std::string::npos)
            return Error{shown + ": a web address has no spaces in it; write %20 where the name has a space"};
        return out;
    }
    // "https//example.org", "https:/example.org", "http:example.org": the
    // "://" mistyped; no file is named like that.
    const std::string head = ascii_lower(feed.substr(0, 8));
    for (std::string_view web : {"https", "http"}) {
        if (head.rfind(web, 0) != 0) continue;
        std::string_view rest = feed.substr(web.size());
        if (rest.empty() || (rest.front() != ':' && rest.substr(0, 2) != "//")) break;
        while (!rest.empty() && (rest.front() == ':' || rest.front() == '/' || rest.front() == '\\')) rest.remove_prefix(1);
        return Error{shown + " is not an address Placard reads; did you mean \"" + std::string(web) + "://" + std::string(rest)
                     + "\"?"};
    }
    out.feed = std::string(feed);
    return out;
}

Result<Config> parse_config(std::string_view text, std::string_view file_name, Config base)
{
    using json = nlohmann::json;
    const std::string where(file_name);
    const std::string shape = "a config file looks like {\"feed\": \"https://example.org/feed.json\"}";
    if (auto problem = not_json_text(text)) return Error{where + ": " + *problem};
    // Before anything walks the values, some of it recursively: settings need
    // four levels, and a file nested thousands deep would overflow the stack.
    if (auto deep = too_deep_at(text, max_nesting_depth))
        return Error{where + ": nested more than " + std::to_string(max_nesting_depth) + " levels deep at "
                     + line_and_column(text, *deep) + "; settings need at most four levels (the \"tv\" section's "
                     "schedule, a day's list of hours), so remove the extra brackets; " + shape};
    // Comments ("//", "// feed") may repeat; a setting given twice is a mistake
    // whichever copy was meant, so it is refused rather than last-wins.
    auto read = read_json(text, [](std::string_view key) { return key.rfind("//", 0) == 0; });
    if (read.error) {
        const JsonReadError& e = *read.error;
        const std::string key = e.path.empty() ? std::string{} : e.path.front();
        switch (e.kind) {
        case JsonReadError::Kind::duplicate_key:
            return Error{where + ": \"" + key + "\": "
                         + (e.path.size() > 1 ? "\"" + e.path.back() + "\" is given more than once in it" : "given more than once")
                         + "; keep only the one you mean"};
        case JsonReadError::Kind::number_too_large:
            return Error{where + ": \"" + key + "\": the number at " + line_and_column(text, e.byte)
                         + " is too large to read; write an ordinary number"};
        case JsonReadError::Kind::syntax: break;
        }
        if (auto slip = find_json_slip(text, e)) {
            std::string what = slip->what;
            if (slip->kind == JsonSlip::Kind::comment)
                what += ", or keep the note as a setting whose name starts with //, like \"//\": \"the screen in room XXI\"";
            return Error{where + ": not valid JSON at " + line_and_column(text, slip->byte) + ": " + what};
        }
        return Error{where + ": not valid JSON at " + line_and_column(text, e.byte) + "; " + shape};
    }
    const json& root = read.value;
    if (!root.is_object())
        return Error{where + ": expected a JSON object like {\"feed\": \"https://example.org/feed.json\"}, got "
                     + describe_json(root)};
    Config config = std::move(base);
    std::string problems;
    auto problem = [&](const std::string& key, const std::string& message) {
        problems += (problems.empty() ? "" : "\n") + where + ": \"" + key + "\": " + message;
    };
    for (const auto& [key, value] : root.items()) {
        if (key == "$schema" || key.rfind("//", 0) == 0) continue;  // schema hint and comments
        if (key == "feed") {
            auto feed = value.is_string() ? read_feed_setting(value.get<std::string>())
                                          : Result<FeedSetting>(Error{"expected a URL or file path as a string, got "
                                                                      + describe_json(value)});
            if (!feed) {
                problem(key, feed.error().message);
                continue;
            }
            config.feed = feed->feed;
            if (!feed->note.empty()) config.notes.push_back(where + ": \"feed\": " + feed->note);
        } else if (key == "window") {
            std::string s = value.is_string() ? value.get<std::string>() : std::string{};
            if (s == "fullscreen") config.window.reset();
            else if (auto size = parse_size(s)) config.window = size;
            else problem(key, "expected \"fullscreen\" or a size like \"1280x720\", got " + describe_json(value));
        } else if (key == "rotation") {
            if (value.is_number_integer() && parse_rotation(std::to_string(value.get<long long>())))
                config.rotation = static_cast<int>(value.get<long long>());
            else problem(key, "expected 0, 90, 180 or 270 (degrees the screen is turned clockwise), got "
                                  + describe_json(value));
        } else if (key == "cache_dir" || key == "ca_file") {
            if (value.is_string() && !value.get<std::string>().empty())
                (key == "cache_dir" ? config.cache_dir : config.ca_file) = value.get<std::string>();
            else problem(key, "expected a file or folder path as a string, got " + describe_json(value));
        } else if (key == "margin_percent") {
            if (value.is_number() && value.get<double>() >= 2 && value.get<double>() <= 20)
                config.margin_percent = value.get<double>();
            else problem(key, "expected a number from 2 to 20 (percent of the screen width kept clear at each side), got "
                                  + describe_json(value));
        } else if (key == "transition") {
            std::string t = value.is_string() ? value.get<std::string>() : std::string{};
            if (auto parsed = parse_transition(t)) config.transition = *parsed;
            else problem(key, "expected \"crossfade\", \"slide\" or \"none\", got " + describe_json(value));
        } else if (key == "frame_rate") {
            if (value.is_number_integer() && (value.get<long long>() == 30 || value.get<long long>() == 60))
                config.frame_rate = static_cast<int>(value.get<long long>());
            else problem(key, "expected 60 or 30 (frames a second during a transition), got " + describe_json(value));
        } else if (key == "logo") {
            if (value.is_string() && !value.get<std::string>().empty()) config.logo = value.get<std::string>();
            else problem(key, "expected the path of a PNG or SVG file, got " + describe_json(value));
        } else if (key == "theme" || key == "accent") {
            if (!value.is_string()) {
                problem(key, "expected a string, got " + describe_json(value));
                continue;
            }
            (key == "theme" ? config.theme : config.accent) = value.get<std::string>();
        } else if (key == "ui_language") {
            auto language = value.is_string() ? parse_ui_language(value.get<std::string>()) : std::nullopt;
            if (language) config.ui_language = *language;
            else problem(key, "expected one of " + ui_language_list() + ", got " + describe_json(value));
        } else if (key == "qr_codes") {
            if (value.is_boolean()) config.qr_codes = value.get<bool>();
            else problem(key, "expected true (a QR code for items with a link) or false, got " + describe_json(value));
        } else if (key == "sync") {
            if (value.is_boolean()) config.sync = value.get<bool>();
            else problem(key, "expected true (screens with the same feed show the same slide) or false, got "
                                  + describe_json(value));
        } else if (key == "languages") {
            auto list = parse_languages(value.is_string() ? value.get<std::string>() : std::string{});
            if (value.is_array()) {
                // One bad entry spoils the list: it is refused whole, and the
                // loop must not touch the list again once it is gone.
                list.emplace();
                for (const auto& v : value) {
                    if (!v.is_string() || !parse_languages(v.get<std::string>())) {
                        list.reset();
                        break;
                    }
                    list->push_back(v.get<std::string>());
                }
            }
            if (list && !list->empty()) config.languages = *list;
            else problem(key, "expected language tags like [\"en\", \"fr\"] (the first is shown largest), got "
                                  + describe_json(value));
        } else if (key == "poll_seconds") {
            if (value.is_number_integer() && value.get<long long>() >= min_poll_seconds
                && value.get<long long>() <= max_poll_seconds)
                config.poll_seconds = static_cast<int>(value.get<long long>());
            else problem(key, "expected a whole number of seconds from 15 to 86400, got " + describe_json(value));
        } else if (key == "video_driver" || key == "renderer") {
            const auto names = key == "video_driver" ? std::span<const std::string_view>(video_driver_names)
                                                     : std::span<const std::string_view>(renderer_names);
            if (value.is_string() && is_one_of(value.get<std::string>(), names))
                (key == "video_driver" ? config.video_driver : config.renderer) = value.get<std::string>();
            else problem(key, "expected " + one_of(names) + " (\"auto\" chooses for this screen), got "
                                  + describe_json(value));
        } else if (key == "status") {
            if (auto status = parse_status_section(value)) config.status = std::move(*status);
            else problem(key, status.error().message);
        } else if (key == "tv") {
            if (auto tv = parse_tv_section(value)) config.tv = std::move(*tv);
            else problem(key, tv.error().message);
        } else if (key == "display_device") {
            if (value.is_string() && is_device_setting(value.get<std::string>(), false))
                config.display_device = value.get<std::string>();
            else problem(key, "expected \"auto\" (the one with a screen connected) or a device like \"/dev/dri/card1\", got "
                                  + describe_json(value));
        } else if (key == "public_key") {
            if (auto keys = parse_config_keys(value)) config.public_keys = std::move(*keys);
            else problem(key, keys.error().message);
        } else {
            problem(key, unknown_key_message(key));
        }
    }
    if (auto theme = make_theme(config.theme, config.accent); !theme)
        problems += (problems.empty() ? "" : "\n") + where + ": " + theme.error().message;
    if (!problems.empty()) return Error{problems};
    return config;
}

}  // namespace placard
