#include "app/preview.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/slides.h"
#include "core/theme.h"
#include "render/fonts.h"
#include "render/png.h"
#include "render/sdl.h"

namespace placard {
namespace {

nlohmann::json describe(const SlideLayout& layout, const std::string& file, int page, int pages)
{
    nlohmann::json lines = nlohmann::json::array();
    nlohmann::json sizes = nlohmann::json::object();
    for (const TextLine& line : layout.lines) {
        lines.push_back({{"text", line.text}, {"role", line.role}, {"px", line.px},
                         {"bold", line.face == FontFace::bold}, {"direction", to_string(line.direction)},
                         {"box", {line.box.x, line.box.y, line.box.w, line.box.h}}});
        if (!sizes.contains(line.role)) sizes[line.role] = line.px;
    }
    nlohmann::json missing = nlohmann::json::array();
    for (char32_t cp : layout.missing_glyphs) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        missing.push_back(buf);
    }
    return {{"file", file},
            {"item_id", layout.item_id},
            {"kind", to_string(layout.kind)},
            {"page", page},
            {"pages", pages},
            {"direction", to_string(layout.direction)},
            {"safe_area", {layout.safe.x, layout.safe.y, layout.safe.w, layout.safe.h}},
            {"font_sizes", sizes},
            {"lines", lines},
            {"missing_glyphs", missing},
            {"qr", layout.qr_url.empty() ? nlohmann::json(nullptr)
                                         : nlohmann::json{{"url", layout.qr_url},
                                                          {"box", {layout.qr_box.x, layout.qr_box.y, layout.qr_box.w, layout.qr_box.h}}}},
            {"overflow", layout.overflow}};
}

}  // namespace

Result<PreviewReport> write_preview(const LoadedFeed& loaded, const PreviewOptions& options)
{
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    if (ec) return Error{options.out_dir + ": cannot create the folder (" + ec.message() + ")", ErrorKind::environment};
    sdl::Library library;
    if (!library.init(0)) return Error{std::string("SDL could not start: ") + SDL_GetError(), ErrorKind::environment};
    auto fonts = FontSet::open();
    if (!fonts) return fonts.error();

    auto chosen = make_theme(options.theme, "");
    if (!chosen) return chosen.error();
    Theme theme = *chosen;
    Size screen = options.rotation % 180 == 0 ? options.size : Size{options.size.height, options.size.width};
    SlideContext plan_context = slide_context(*loaded.feed, loaded.demo, screen, 0, loaded.feed->items.size());
    plan_context.qr_codes = options.qr_codes;
    const Feed feed = plan_slides(*loaded.feed, options.languages, plan_context, **fonts);
    PreviewReport report;
    nlohmann::json slides = nlohmann::json::array();
    std::size_t count = feed.items.size();  // pages of long statements count as slides
    auto write = [&](const SlideLayout& layout, const std::string& name, int page, int pages) -> Result<bool> {
        auto written = write_slide_png(**fonts, theme, layout, 0.35, options.out_dir + "/" + name);
        if (!written) return written.error();
        slides.push_back(describe(layout, name, page, pages));
        ++report.slides;
        report.missing_glyphs += static_cast<int>(layout.missing_glyphs.size());
        report.overflowing += layout.overflow ? 1 : 0;
        return true;
    };
    for (std::size_t i = 0; i < count; ++i) {
        SlideContext context = slide_context(feed, loaded.demo, screen, i, count);
        context.qr_codes = options.qr_codes;
        char name[32];
        std::snprintf(name, sizeof name, "slide-%03zu.png", i + 1);
        auto written = write(layout_slide(feed.items[i], context, **fonts), name, feed.items[i].page, feed.items[i].pages);
        if (!written) return written.error();
    }
    if (count == 0) {
        auto written = write(layout_event_card(feed.event, "No statements to show yet",
                                               slide_context(feed, loaded.demo, screen, 0, 0), **fonts),
                             "slide-001.png", 1, 1);
        if (!written) return written.error();
    }
    nlohmann::json doc = {{"source", loaded.source},
                          {"size", {{"width", screen.width}, {"height", screen.height}}},
                          {"rotation", options.rotation},
                          {"slides", slides}};
    std::ofstream out(options.out_dir + "/layout.json");
    out << doc.dump(2) << "\n";
    if (!out) return Error{options.out_dir + "/layout.json: cannot write", ErrorKind::environment};
    return report;
}

}  // namespace placard
