// placard-feed validate: checks feeds and reports every problem at once.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/files.h"
#include "core/feed_format.h"
#include "core/feed_parse.h"
#include "core/json_check.h"
#include "tools/verbs.h"

namespace placard {

const char* const validate_usage = R"(Usage: placard-feed validate [--json] FEED...

Checks each feed file against the Placard feed format (JSON Feed 1.1 with
the _placard extension, see feeds/FORMAT.md) and reports every
problem at once, one per line on standard error:

  demo.json: /items/3/_placard/value: expected a number, got the string "thirty"

Warnings (unknown keys, removed control characters) do not make a feed
invalid.

  --json    print the results on standard output as JSON instead, one object
            per file: {"file", "valid", "errors": [{"pointer", "message"}],
            "warnings": [...]}; an unreadable file has "readable": false

Exit codes: 0 all valid, 1 some feed invalid, 2 usage, 3 unreadable file.
)";

namespace {

nlohmann::json problems_json(const std::vector<FeedProblem>& problems)
{
    nlohmann::json list = nlohmann::json::array();
    for (const FeedProblem& p : problems) list.push_back({{"pointer", p.pointer}, {"message", p.message}});
    return list;
}

}  // namespace

int run_validate(const Args& args)
{
    bool as_json = false;
    std::vector<std::string> paths;
    for (std::string_view a : args) {
        if (a == "--json") as_json = true;
        else if (a == "--help" || a == "-h") {
            std::fputs(validate_usage, stdout);
            return 0;
        } else if (a.size() > 1 && a[0] == '-') {
            std::fprintf(stderr, "placard-feed validate: unknown option %.*s\n%s", static_cast<int>(a.size()), a.data(),
                         validate_usage);
            return 2;
        } else paths.emplace_back(a);
    }
    if (paths.empty()) {
        std::fputs(validate_usage, stderr);
        return 2;
    }
    int status = 0;
    nlohmann::json report = nlohmann::json::array();
    for (const std::string& path : paths) {
        auto bytes = read_file(path, FeedLimits::max_body_bytes + 1);
        if (!bytes) {
            // A file over the size limit was read and is bad input; one that could not be read is the environment.
            const int code = exit_code(bytes.error());
            status = std::max(status, code);
            if (as_json)
                report.push_back({{"file", path}, {"valid", false}, {"readable", code != 3},
                                  {"errors", problems_json({{"", bytes.error().message}})},
                                  {"warnings", nlohmann::json::array()}});
            else std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
            continue;
        }
        FeedCheck check = parse_feed_from(*bytes, path);
        if (!check.ok()) status = std::max(status, 1);
        if (as_json) {
            report.push_back({{"file", path}, {"valid", check.ok()}, {"readable", true},
                              {"errors", problems_json(check.errors)}, {"warnings", problems_json(check.warnings)}});
            continue;
        }
        for (const auto& w : check.warnings)
            std::fprintf(stderr, "%s\n", format_problem(path, {w.pointer, "warning: " + w.message}).c_str());
        for (const auto& e : check.errors) std::fprintf(stderr, "%s\n", format_problem(path, e).c_str());
        if (check.ok()) std::printf("%s: valid (%s)\n", path.c_str(), count_of(check.feed->items.size(), "item").c_str());
        else std::printf("%s: invalid (%s)\n", path.c_str(), count_of(check.errors.size(), "error").c_str());
    }
    if (as_json)
        std::printf("%s\n", report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return status;
}

}  // namespace placard
