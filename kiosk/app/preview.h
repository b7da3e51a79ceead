#pragma once
// Renders every slide of a feed to PNG files plus layout.json, headless, and
// optionally a contact sheet of them all.
#include <string>
#include <vector>

#include "store/files.h"
#include "core/layout/layout.h"
#include "core/result.h"

namespace placard {

struct PreviewOptions {
    Size size{1920, 1080};  // the panel
    int rotation = 0;       // the PNGs show the screen as the viewer sees it
    std::string out_dir;
    std::vector<std::string> languages;  // preferred languages, first is shown largest
    bool qr_codes = true;
    std::string theme = "dark";
    std::string accent;          // "#RRGGBB"; empty: the theme's own
    double margin_percent = 6;   // the safe area's side margin, as the "margin_percent" setting
    std::string logo_path;   // PNG or SVG shown in the header; empty: none
    std::string sheet_path;  // when set, also one PNG with every slide as a thumbnail
    bool pictures = true;    // fetch the statements' pictures (into OUT/pictures) and show them
    std::string ca_file;     // extra trust for the pictures' server
    bool pngs = true;        // false: layout.json only (a quick check of a long feed)
};

struct PreviewReport {
    int slides = 0;
    int missing_glyphs = 0;
    int overflowing = 0;
    std::size_t pictures = 0;        // statements with a picture
    std::size_t pictures_shown = 0;  // of those, the ones shown
};

Result<PreviewReport> write_preview(const LoadedFeed& feed, const PreviewOptions& options);

}  // namespace placard
