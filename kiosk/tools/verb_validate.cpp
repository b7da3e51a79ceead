// placard-feed validate: checks feeds and reports every problem at once.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "app/files.h"
#include "app/preview.h"
#include "core/config.h"
#include "core/feed_parse.h"
#include "tools/verbs.h"

namespace placard {

const char* const validate_usage = R"(Usage: placard-feed validate FEED...

Checks each feed file against the Placard feed format (JSON Feed 1.1 with
the _placard extension, see feeds/FORMAT.md) and reports every
problem at once, one per line on standard error:

  demo.json: /items/3/_placard/value: expected a number, got the string "thirty"

Warnings (unknown keys, removed control characters) do not make a feed
invalid. Exit codes: 0 all valid, 1 some feed invalid, 2 usage, 3 unreadable file.
)";

int run_validate(const std::vector<std::string_view>& args)
{
    if (args.empty()) {
        std::fputs(validate_usage, stderr);
        return 2;
    }
    int status = 0;
    for (std::string_view arg : args) {
        std::string path(arg);
        auto bytes = read_file(path, FeedLimits::max_body_bytes + 1);
        if (!bytes) {
            std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
            status = std::max(status, 3);
            continue;
        }
        FeedCheck check = parse_feed(*bytes);
        for (const auto& w : check.warnings)
            std::fprintf(stderr, "%s\n", format_problem(path, {w.pointer, "warning: " + w.message}).c_str());
        for (const auto& e : check.errors) std::fprintf(stderr, "%s\n", format_problem(path, e).c_str());
        if (check.ok()) {
            std::printf("%s: valid (%zu items)\n", path.c_str(), check.feed->items.size());
        } else {
            std::printf("%s: invalid (%zu errors)\n", path.c_str(), check.errors.size());
            status = std::max(status, 1);
        }
    }
    return status;
}

}  // namespace placard
