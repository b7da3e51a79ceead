// placard-feed preview: renders every slide of a feed to PNG files.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <optional>
#include <utility>
#include <vector>

#include "store/files.h"
#include "app/preview.h"
#include "core/setup/config.h"
#include "core/feed/feed_parse.h"
#include "core/feed/json_check.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const preview_usage = R"(Usage: placard-feed preview FEED --out DIR [--config FILE] [--size WxH] [--rotation R] [--sheet FILE.png]

Renders each item of FEED as the kiosk would show it, one PNG per slide
(DIR/slide-001.png, ...), and writes DIR/layout.json describing each slide:
item id, kind, text direction (a right-to-left slide is mirrored), font
sizes, every line of text and block of colour with its box, the progress
bar and the end it fills from, and any characters no installed font can draw.

  --config FILE    show the slides as a screen with this settings file
                   (placard.json) shows them: its theme and accent, logo,
                   margin_percent, languages, qr_codes, rotation, ca_file and
                   window size; the options below win over it. A bad file is
                   refused with the same message the kiosk gives
  --size WxH       the screen in pixels (default 1920x1080, or the settings'
                   "window"); placard takes the same --size for its window
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

Exit codes: 0 written, 1 the feed, the settings file or the logo is invalid,
2 usage, 3 a file could not be read or written (or no font could be opened).
)";

namespace {

// What a screen with these settings shows differently from the defaults.
void apply_config(PreviewOptions& options, const Config& config)
{
    if (config.window) options.size = *config.window;
    options.rotation = config.rotation;
    options.languages = config.languages;
    options.qr_codes = config.qr_codes;
    options.theme = config.theme;
    options.accent = config.accent;
    options.margin_percent = config.margin_percent;
    options.logo_path = config.logo;
    options.ca_file = config.ca_file;
}

// The options that take a value, and what a usage error says each needs.
constexpr std::pair<std::string_view, std::string_view> valued[] = {
    {"--out", "a folder"},
    {"--config", "a settings file, like placard.json"},
    {"--size", "a size like 1920x1080"},
    {"--rotation", "0, 90, 180 or 270"},
    {"--languages", "language tags like en,fr"},
    {"--theme", "dark or light"},
    {"--logo", "a PNG or SVG file"},
    {"--sheet", "a file name, like --sheet sheet.png"},
    {"--ca-file", "a file name"},
};

std::optional<std::string_view> needs_value(std::string_view option)
{
    for (const auto& [name, needs] : valued)
        if (name == option) return needs;
    return std::nullopt;
}

int usage(const std::string& message) { return usage_error("preview", message); }

std::string in_quotes(std::string_view v) { return "\"" + std::string(v) + "\""; }

}  // namespace

int run_preview(const std::vector<std::string_view>& args)
{
    PreviewOptions options;
    // The settings first, so that the options given beside them win over them.
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] != "--config" || args[i + 1].empty()) continue;
        auto loaded = load_config(std::string(args[i + 1]));
        if (!loaded) {
            std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
            return exit_code(loaded.error());
        }
        apply_config(options, loaded->config);
    }
    std::string feed_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        std::string_view v;
        if (auto needs = needs_value(a)) {
            if (i + 1 >= args.size() || args[i + 1].empty()) return usage(std::string(a) + " needs " + std::string(*needs));
            v = args[++i];
        }
        if (a == "--out") options.out_dir = v;
        else if (a == "--config") continue;  // read above
        else if (a == "--sheet") options.sheet_path = v;
        else if (a == "--size") {
            auto size = parse_size(v);
            if (!size) return usage("--size: " + in_quotes(v) + " is not a size; write it like 1920x1080");
            options.size = *size;
        } else if (a == "--theme") {
            if (v != "dark" && v != "light") return usage("--theme: " + in_quotes(v) + " is not dark or light");
            if (v != options.theme) options.accent.clear();  // the settings' accent was for their theme
            options.theme = v;
        } else if (a == "--logo") options.logo_path = v;
        else if (a == "--no-qr") options.qr_codes = false;
        else if (a == "--no-pictures") options.pictures = false;
        else if (a == "--layout-only") options.pngs = false;
        else if (a == "--ca-file") options.ca_file = v;
        else if (a == "--languages") {
            auto list = parse_languages(v);
            if (!list) return usage("--languages: " + in_quotes(v) + " is not a list of language tags like en,fr");
            options.languages = *list;
        } else if (a == "--rotation") {
            auto r = parse_rotation(v);
            if (!r) return usage("--rotation: " + in_quotes(v) + " is not 0, 90, 180 or 270");
            options.rotation = *r;
        } else if (a.size() > 1 && a[0] == '-') return usage(unknown_option(a, preview_usage));
        else if (feed_path.empty()) feed_path = a;
        else return usage("one feed at a time: " + in_quotes(feed_path) + " and " + in_quotes(a));
    }
    if (feed_path.empty()) return usage("no FEED given; name the feed file (or demo for the bundled one)");
    if (options.out_dir.empty()) return usage("--out DIR is needed: the folder for the slides");
    if (!options.pngs && !options.sheet_path.empty())
        return usage("--sheet needs the PNGs; leave out --layout-only or --sheet");
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
