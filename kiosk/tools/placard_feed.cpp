// placard-feed: the editor's tool. Checks a feed before an event and shows how
// it will look, without a display.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "app/files.h"
#include "app/preview.h"
#include "core/config.h"
#include "core/feed_parse.h"

namespace {

using namespace placard;

constexpr const char* usage = R"(Usage: placard-feed COMMAND [ARGS]

Checks and previews Placard feeds (JSON Feed 1.1 with the _placard extension).

Commands:
  validate FEED...     check feeds; prints each problem as FILE: /json/pointer: message
  preview FEED --out DIR [--size WxH] [--rotation 0|90|180|270]
                       render every slide to DIR/slide-NNN.png plus DIR/layout.json
  help COMMAND         more about one command

Exit codes: 0 ok, 1 a feed is invalid, 2 usage, 3 a file could not be read or written.
)";

constexpr const char* validate_usage = R"(Usage: placard-feed validate FEED...

Checks each feed file against the Placard feed format (JSON Feed 1.1 with
the _placard extension, see feeds/FORMAT.md) and reports every
problem at once, one per line on standard error:

  demo.json: /items/3/_placard/value: expected a number, got the string "thirty"

Warnings (unknown keys, removed control characters) do not make a feed
invalid. Exit codes: 0 all valid, 1 some feed invalid, 2 usage, 3 unreadable file.
)";

constexpr const char* preview_usage = R"(Usage: placard-feed preview FEED --out DIR [--size WxH] [--rotation R]

Renders each item of FEED as the kiosk would show it, one PNG per slide
(DIR/slide-001.png, ...), and writes DIR/layout.json describing each slide:
item id, kind, text direction, font sizes, every line of text with its box,
and any characters no installed font can draw.

  --size WxH       the screen in pixels (default 1920x1080)
  --rotation R     the screen is mounted turned R degrees clockwise (0, 90,
                   180, 270); the PNGs show what the viewer sees
)";

int validate(const std::vector<std::string_view>& args)
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

int preview(const std::vector<std::string_view>& args)
{
    PreviewOptions options;
    std::string feed_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        auto next = [&]() -> std::string_view { return i + 1 < args.size() ? args[++i] : std::string_view{}; };
        if (a == "--out") options.out_dir = next();
        else if (a == "--size") {
            std::string_view v = next();
            auto size = parse_size(v);
            if (!size) {
                std::fprintf(stderr, "placard-feed preview: --size \"%.*s\" is not a size; write it like 1920x1080\n",
                             static_cast<int>(v.size()), v.data());
                return 2;
            }
            options.size = *size;
        } else if (a == "--rotation") {
            std::string_view v = next();
            auto r = parse_rotation(v);
            if (!r) {
                std::fprintf(stderr, "placard-feed preview: --rotation must be 0, 90, 180 or 270\n");
                return 2;
            }
            options.rotation = *r;
        } else if (a == "--help" || a == "-h") {
            std::fputs(preview_usage, stdout);
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "placard-feed preview: unknown option %.*s\n%s", static_cast<int>(a.size()), a.data(),
                         preview_usage);
            return 2;
        } else if (feed_path.empty()) feed_path = a;
        else {
            std::fprintf(stderr, "placard-feed preview: one feed at a time\n%s", preview_usage);
            return 2;
        }
    }
    if (feed_path.empty() || options.out_dir.empty()) {
        std::fputs(preview_usage, stderr);
        return 2;
    }
    auto loaded = load_feed(feed_path == "demo" ? std::string{} : feed_path);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
        return exit_code(loaded.error());
    }
    auto report = write_preview(*loaded, options);
    if (!report) {
        std::fprintf(stderr, "%s\n", report.error().message.c_str());
        return exit_code(report.error());
    }
    std::printf("%s: %d slides written to %s\n", loaded->source.c_str(), report->slides, options.out_dir.c_str());
    if (report->missing_glyphs > 0)
        std::fprintf(stderr, "%s: warning: %d characters have no glyph in the installed fonts; see layout.json\n",
                     loaded->source.c_str(), report->missing_glyphs);
    if (report->overflowing > 0)
        std::fprintf(stderr, "%s: warning: %d slides have more text than fits; shorten those items\n",
                     loaded->source.c_str(), report->overflowing);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::string_view command = args[0];
    std::vector<std::string_view> rest(args.begin() + 1, args.end());
    bool wants_help = !rest.empty() && (rest[0] == "--help" || rest[0] == "-h");
    if (command == "--help" || command == "-h") {
        std::fputs(usage, stdout);
        return 0;
    }
    if (command == "help") {
        std::string_view topic = rest.empty() ? "" : rest[0];
        std::fputs(topic == "validate" ? validate_usage : topic == "preview" ? preview_usage : usage, stdout);
        return 0;
    }
    if (command == "validate") {
        if (wants_help) {
            std::fputs(validate_usage, stdout);
            return 0;
        }
        return validate(rest);
    }
    if (command == "preview") return preview(rest);
    std::fprintf(stderr, "placard-feed: unknown command \"%.*s\"\n\n%s", static_cast<int>(command.size()),
                 command.data(), usage);
    return 2;
}
