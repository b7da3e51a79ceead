#include "app/preview.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <tuple>
#include <vector>

#include <SDL_image.h>
#include <nlohmann/json.hpp>

#include "store/image_shelf.h"
#include "core/layout/slide_fit.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/logo.h"
#include "store/logo_file.h"
#include "render/photo.h"
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
    auto box = [](const Rect& r) { return nlohmann::json::array({r.x, r.y, r.w, r.h}); };
    nlohmann::json blocks = nlohmann::json::array();
    for (const Block& block : layout.blocks) blocks.push_back(box(block.box));
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
            {"blocks", blocks},
            {"progress", {{"box", box(layout.progress)}, {"fills_from", layout.progress_from_right ? "right" : "left"}}},
            {"logo", layout.logo_box.w > 0 ? box(layout.logo_box) : nlohmann::json(nullptr)},
            {"missing_glyphs", missing},
            {"qr", layout.qr_url.empty() ? nlohmann::json(nullptr)
                                         : nlohmann::json{{"url", layout.qr_url},
                                                          {"box", {layout.qr_box.x, layout.qr_box.y, layout.qr_box.w, layout.qr_box.h}}}},
            {"photo", layout.photo_file.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json{{"box", {layout.photo_box.x, layout.photo_box.y,
                                                                          layout.photo_box.w, layout.photo_box.h}}}},
            {"overflow", layout.overflow}};
}

struct Thumbnail {
    std::string file;   // the slide's PNG in the output folder
    std::string label;  // the item id, written under it
};

// A contact sheet holds every slide, so a 2,000-item feed must still fit in
// memory: thumbnails shrink until the sheet is at most this many pixels.
constexpr long max_sheet_pixels = 32L * 1024 * 1024;

Result<bool> write_contact_sheet(FontSet& fonts, const Theme& theme, Size slide, const std::string& dir,
                                 const std::vector<Thumbnail>& thumbnails, const std::string& path)
{
    const int count = static_cast<int>(thumbnails.size());
    const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count)))));
    const int rows = (count + columns - 1) / columns;
    const int gap = 16, label_px = 20, label_h = fonts.line_height(FontFace::regular, label_px) + 6;
    // The longer side of a thumbnail, in pixels.
    int side = 384, width = 0, height = 0, thumb_w = 0, thumb_h = 0;
    for (;; side -= 16) {
        const double scale = static_cast<double>(side) / std::max(slide.width, slide.height);
        thumb_w = std::max(1, static_cast<int>(slide.width * scale));
        thumb_h = std::max(1, static_cast<int>(slide.height * scale));
        width = gap + columns * (thumb_w + gap);
        height = gap + rows * (thumb_h + label_h + gap);
        if (static_cast<long>(width) * height <= max_sheet_pixels || side <= 64) break;
    }
    sdl::Surface sheet(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!sheet) return Error{std::string("cannot allocate the contact sheet: ") + SDL_GetError(), ErrorKind::environment};
    SDL_FillRect(sheet.get(), nullptr, SDL_MapRGB(sheet->format, theme.track.r, theme.track.g, theme.track.b));
    for (int i = 0; i < count; ++i) {
        const Thumbnail& t = thumbnails[static_cast<std::size_t>(i)];
        const int x = gap + (i % columns) * (thumb_w + gap), y = gap + (i / columns) * (thumb_h + label_h + gap);
        sdl::Surface loaded(IMG_Load((dir + "/" + t.file).c_str()));
        if (!loaded) return Error{dir + "/" + t.file + ": cannot read back (" + IMG_GetError() + ")", ErrorKind::environment};
        sdl::Surface thumb = shrink_surface(sdl::Surface(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0)),
                                    thumb_w, thumb_h);
        if (!thumb) return Error{std::string("cannot scale a slide: ") + SDL_GetError(), ErrorKind::environment};
        SDL_Rect at{x, y, thumb_w, thumb_h};
        SDL_BlitSurface(thumb.get(), nullptr, sheet.get(), &at);
        sdl::Surface label = fonts.render_line(t.label, TextDirection::ltr, FontFace::regular, label_px);
        if (!label) continue;
        SDL_SetSurfaceColorMod(label.get(), theme.text.r, theme.text.g, theme.text.b);
        // Long ids (blog feeds use URLs) are cut at the thumbnail's edge.
        SDL_Rect part{0, 0, std::min(label->w, thumb_w), label->h};
        SDL_Rect under{x, y + thumb_h + 3, part.w, part.h};
        SDL_BlitSurface(label.get(), &part, sheet.get(), &under);
    }
    if (IMG_SavePNG(sheet.get(), path.c_str()) != 0)
        return Error{path + ": cannot write the contact sheet (" + IMG_GetError() + "); check the folder exists",
                     ErrorKind::environment};
    return true;
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

    auto chosen = make_theme(options.theme, options.accent);
    if (!chosen) return chosen.error();
    Theme theme = *chosen;
    Size screen = options.rotation % 180 == 0 ? options.size : Size{options.size.height, options.size.width};
    std::optional<Logo> logo;
    if (!options.logo_path.empty()) {
        auto loaded_logo = load_logo(options.logo_path);
        if (!loaded_logo) return loaded_logo.error();
        logo = std::move(*loaded_logo);
    }
    SlideLook look{options.qr_codes, options.margin_percent, logo ? logo->aspect() : 0};
    PreviewReport report;
    // The pictures as a screen would get them: fetched, checked and made small.
    Pictures pictures;
    if (options.pictures) {
        ImageShelf shelf(options.out_dir + "/pictures", options.ca_file);
        shelf.fetch(*loaded.feed, false, 0);
        pictures = shelf.ready(*loaded.feed, false);
        std::tie(report.pictures, report.pictures_shown) = shelf.counts(*loaded.feed, false);
    }
    const Feed& feed = *loaded.feed;
    SlideContext plan_context = slide_context(feed, loaded.demo, screen, 0, feed.items.size(), look);
    const Plan plan = plan_slides(feed, options.languages, plan_context, **fonts, pictures);
    nlohmann::json slides = nlohmann::json::array();
    std::vector<Thumbnail> thumbnails;
    std::size_t count = plan.slides.size();  // pages of long statements count as slides
    auto write = [&](const SlideLayout& layout, const std::string& name, int page, int pages) -> Result<bool> {
        if (options.pngs) {
            auto written =
                write_slide_png(**fonts, theme, layout, 0.35, options.out_dir + "/" + name, logo ? &*logo : nullptr);
            if (!written) return written.error();
        }
        slides.push_back(describe(layout, name, page, pages));
        thumbnails.push_back({name, layout.item_id.empty() ? "(no items)" : layout.item_id});
        ++report.slides;
        report.missing_glyphs += static_cast<int>(layout.missing_glyphs.size());
        report.overflowing += layout.overflow ? 1 : 0;
        return true;
    };
    for (std::size_t i = 0; i < count; ++i) {
        SlideContext context = slide_context(feed, loaded.demo, screen, i, count, look);
        char name[32];
        std::snprintf(name, sizeof name, "slide-%03zu.png", i + 1);
        const PlannedSlide& slide = plan.slides[i];
        auto written = write(layout_slide(slide, context, **fonts), name, slide.page, slide.pages);
        if (!written) return written.error();
    }
    if (count == 0) {
        auto written = write(layout_event_card(feed.event, "no_statements",
                                               slide_context(feed, loaded.demo, screen, 0, 0, look), **fonts),
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
    if (!options.sheet_path.empty() && options.pngs) {
        auto sheet = write_contact_sheet(**fonts, theme, screen, options.out_dir, thumbnails, options.sheet_path);
        if (!sheet) return sheet.error();
    }
    return report;
}

}  // namespace placard
