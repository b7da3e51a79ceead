// placard-feed validate: checks feeds and reports every problem at once.
#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/fonts.h"
#include "store/files.h"
#include "store/image_shelf.h"
#include "core/sheet/feed_format.h"
#include "core/feed/feed_parse.h"
#include "core/feed/feed_report.h"
#include "core/feed/json_check.h"
#include "core/feed/rfc3339.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const validate_usage = R"(Usage: placard-feed validate [--json] [--at TIME | --no-clock] FEED...

Checks each feed file against the Placard feed format (JSON Feed 1.1 with
the _placard extension, or a spreadsheet saved as CSV; see feeds/FORMAT.md)
and reports every problem at once, one per line on standard error:

  demo.json: /items/3/_placard/value: expected a number, got the string "thirty"
  event.csv: row 7, starts_at: "tomorrow" is not a date; write the date as 2013-12-11 (year-month-day)

Warnings do not make a feed invalid: unknown keys (with the name you may have
meant), a statement with no speaker, text still as placard-feed new wrote it,
removed control characters, characters that no font of the screen has (each
named, shown as an empty box), items that have expired or not yet started,
pictures past the 64 different ones a screen shows, and what a blog's feed
costs itself: an item skipped (nothing to show, no id, an id used before), a
field ignored (a mailto: author, an address with a space, a date that is not
one) or a text shortened to its limit. A valid feed's count of items is of
those shown.

  --json       print the results on standard output as JSON instead, one object
               per file: {"file", "valid", "errors": [{"pointer", "message"}],
               "warnings": [...]}; an unreadable file has "readable": false
  --at TIME    judge expired and not yet started items at TIME, an RFC 3339
               time such as 2013-12-11T13:00:00+01:00 (the event), not now
  --no-clock   leave out the warnings about expired and not yet started items

Exit codes: 0 all valid, 1 some feed invalid, 2 usage, 3 unreadable file.
)";

// The parser warns past the pictures a screen fetches.
static_assert(FeedLimits::max_pictures == max_pictures);

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
    std::optional<std::int64_t> now = std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch()).count();
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--json") as_json = true;
        else if (a == "--no-clock") now.reset();
        else if (a == "--at") {
            if (i + 1 >= args.size()) return usage_error("validate", "--at needs a time like 2013-12-11T13:00:00+01:00");
            std::string_view v = args[++i];
            auto at = parse_rfc3339(v);
            if (!at)
                return usage_error("validate", "--at: \"" + std::string(v)
                                                   + "\" is not a time; write it like 2013-12-11T13:00:00+01:00");
            now = *at;
        } else if (a.size() > 1 && a[0] == '-') return usage_error("validate", unknown_option(a, validate_usage));
        else paths.emplace_back(a);
    }
    if (paths.empty()) return usage_error("validate", "no FEED given; name one or more feed files");
    int status = 0;
    nlohmann::json report = nlohmann::json::array();
    // The screen's fonts, opened for the first feed that has items.
    sdl::Library library;
    std::unique_ptr<FontSet> fonts;
    bool fonts_tried = false;
    auto screen_fonts = [&]() -> FontSet* {
        if (!fonts_tried) {
            fonts_tried = true;
            auto opened = library.init(0) ? FontSet::open() : Result<std::unique_ptr<FontSet>>(Error{SDL_GetError()});
            if (opened) fonts = std::move(*opened);
            else std::fprintf(stderr, "placard-feed validate: characters not checked against the screen's fonts: %s\n",
                              opened.error().message.c_str());
        }
        return fonts.get();
    };
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
        FeedCheck check = parse_feed_from(*bytes, path, {}, now);
        if (!check.ok()) status = std::max(status, 1);
        if (check.ok() && !check.feed->items.empty())
            if (FontSet* screen = screen_fonts()) {
                auto glyphs = glyph_warnings(*check.feed, *bytes, *screen);
                check.warnings.insert(check.warnings.end(), glyphs.begin(), glyphs.end());
            }
        if (as_json) {
            report.push_back({{"file", path}, {"valid", check.ok()}, {"readable", true},
                              {"errors", problems_json(check.errors)}, {"warnings", problems_json(check.warnings)}});
            continue;
        }
        const FeedReport lines = report_of(path, check);
        for (const std::string& line : lines.problems) std::fprintf(stderr, "%s\n", line.c_str());
        std::printf("%s\n", lines.verdict.c_str());
    }
    if (as_json)
        std::printf("%s\n", report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return status;
}

}  // namespace placard
