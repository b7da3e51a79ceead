// placard-feed preview: renders every slide of a feed to PNG files.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "store/files.h"
#include "app/preview.h"
#include "core/setup/config.h"
#include "core/feed/feed_parse.h"
#include "core/feed/json_check.h"
#include "tools/verbs.h"

namespace placard {

const char* const preview_usage = R"(Usage: placard-feed preview FEED --out DIR [--size WxH] [--rotation R] [--sheet FILE.png]

Renders each item of FEED as the kiosk would show it, one PNG per slide
(DIR/slide-001.png, ...), and writes DIR/layout.json describing each slide:
item id, kind, text direction (a right-to-left slide is mirrored), font
sizes, every line of text and block of colour with its box, the progress
bar and the end it fills from, and any characters no installed font can draw.

  --size WxH       the screen in pixels (default 1920x1080)
  --rotation R     the screen is mounted turned R degrees clockwise (0, 90,
                   180, 270); the PNGs show what the viewer sees
  --languages L    preferred languages, e.g. en,fr: each statement in the first,
                   with its translation in the second beneath it
  --no-qr          no QR codes for items with a link
  --theme T        dark (the default) or light
  --logo FILE      the organiser's logo (PNG or SVG) in the header
  --sheet FILE.png also write a contact sheet: every slide as a thumbnail
                   in one PNG, with the item id under each, for a quick look
                   at the whole feed before the event
  --no-pictures    do not fetch the statements' pictures ("image"); by default
                   they are fetched as a screen fetches them, kept in
                   DIR/pictures, and each one refused is named with the reason
  --ca-file FILE   trust this CA too when fetching pictures (a private server)
  --layout-only    write DIR/layout.json and no PNGs: a quick check of a
                   long feed (no --sheet then)
)";

int run_preview(const std::vector<std::string_view>& args)
{
    PreviewOptions options;
    std::string feed_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        auto next = [&]() -> std::string_view { return i + 1 < args.size() ? args[++i] : std::string_view{}; };
        if (a == "--out") options.out_dir = next();
        else if (a == "--sheet") {
            options.sheet_path = next();
            if (options.sheet_path.empty()) {
                std::fprintf(stderr, "placard-feed preview: --sheet needs a file name, like --sheet sheet.png\n");
                return 2;
            }
        }
        else if (a == "--size") {
            std::string_view v = next();
            auto size = parse_size(v);
            if (!size) {
                std::fprintf(stderr, "placard-feed preview: --size \"%.*s\" is not a size; write it like 1920x1080\n",
                             static_cast<int>(v.size()), v.data());
                return 2;
            }
            options.size = *size;
        } else if (a == "--theme") {
            options.theme = next();
            if (options.theme != "dark" && options.theme != "light") {
                std::fprintf(stderr, "placard-feed preview: --theme must be dark or light\n");
                return 2;
            }
        } else if (a == "--logo") {
            options.logo_path = next();
        } else if (a == "--no-qr") {
            options.qr_codes = false;
        } else if (a == "--no-pictures") {
            options.pictures = false;
        } else if (a == "--layout-only") {
            options.pngs = false;
        } else if (a == "--ca-file") {
            options.ca_file = next();
        } else if (a == "--languages") {
            std::string_view v = next();
            auto list = parse_languages(v);
            if (!list) {
                std::fprintf(stderr, "placard-feed preview: --languages must be tags like en,fr\n");
                return 2;
            }
            options.languages = *list;
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
    if (!options.pngs && !options.sheet_path.empty()) {
        std::fprintf(stderr, "placard-feed preview: --sheet needs the PNGs; leave out --layout-only or --sheet\n");
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
    std::printf("%s: %s %s to %s\n", loaded->source.c_str(),
                count_of(static_cast<std::size_t>(report->slides), "slide").c_str(),
                options.pngs ? "written" : "laid out (layout.json only)", options.out_dir.c_str());
    if (!options.sheet_path.empty())
        std::printf("%s: contact sheet written to %s\n", loaded->source.c_str(), options.sheet_path.c_str());
    if (report->pictures > 0)
        std::printf("%s: %zu of %s shown\n", loaded->source.c_str(), report->pictures_shown,
                    count_of(report->pictures, "picture").c_str());
    if (report->missing_glyphs > 0)
        std::fprintf(stderr, "%s: warning: %d characters have no glyph in the installed fonts; see layout.json\n",
                     loaded->source.c_str(), report->missing_glyphs);
    if (report->overflowing > 0)
        std::fprintf(stderr, "%s: warning: %s more text than fits; shorten those items\n", loaded->source.c_str(),
                     (count_of(static_cast<std::size_t>(report->overflowing), "slide") + (report->overflowing == 1 ? " has" : " have")).c_str());
    return 0;
}

}  // namespace placard
