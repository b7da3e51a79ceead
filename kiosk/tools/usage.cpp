#include "tools/usage.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/feed/json_check.h"

namespace placard {

int usage_error(std::string_view verb, std::string_view message)
{
    const int m = static_cast<int>(message.size()), v = static_cast<int>(verb.size());
    if (verb.empty()) std::fprintf(stderr, "placard-feed: %.*s (see: placard-feed --help)\n", m, message.data());
    else
        std::fprintf(stderr, "placard-feed %.*s: %.*s (see: placard-feed help %.*s)\n", v, verb.data(), m, message.data(),
                     v, verb.data());
    return 2;
}

std::vector<std::string> options_in(std::string_view usage)
{
    std::vector<std::string> options;
    for (std::size_t at = usage.find("--"); at != std::string_view::npos; at = usage.find("--", at)) {
        std::size_t end = at + 2;
        while (end < usage.size() && (std::islower(static_cast<unsigned char>(usage[end])) || usage[end] == '-')) ++end;
        std::string option(usage.substr(at, end - at));
        if (option.size() > 2 && std::find(options.begin(), options.end(), option) == options.end())
            options.push_back(option);
        at = end;
    }
    return options;
}

std::string unknown_name(std::string_view what, std::string_view name, const std::vector<std::string>& known)
{
    std::string message = "unknown " + std::string(what) + " \"" + std::string(name) + "\"";
    if (std::string near = closest_name(name, known); !near.empty()) message += "; did you mean \"" + near + "\"?";
    return message;
}

}  // namespace placard
