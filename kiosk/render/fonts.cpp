#include "render/fonts.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

namespace placard {
namespace {

struct FamilyChoice {
    Script script;
    const char* family;
    const char* language;  // fontconfig language hint, so a CJK collection picks Simplified Chinese
    const char* harfbuzz_script;  // ISO 15924, for shaping
    bool rtl;
};

constexpr FamilyChoice families[] = {
    {Script::latin, "Noto Sans", "en", "Latn", false},
    {Script::arabic, "Noto Naskh Arabic", "ar", "Arab", true},
    {Script::hebrew, "Noto Sans Hebrew", "he", "Hebr", true},
    {Script::cjk, "Noto Sans CJK SC", "zh-cn", "Hani", false},
    {Script::devanagari, "Noto Sans Devanagari", "hi", "Deva", false},
};

// Fonts for what the scripts' fonts lack, emoji above all: the first in colour.
constexpr const char* emoji_families[] = {"Noto Color Emoji", "Symbola"};

struct FontFile {
    std::string path;
    int index = 0;
    std::string family;
    double pixel_size = 0;  // a bitmap font's glyph size
    bool outline = true;
    bool colour = false;
};

// Asks fontconfig for the best file for a family and weight; it always answers,
// so the caller checks the family it got back.
FontFile find_font(const char* family, const char* language, FontFace face)
{
    FontFile result;
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
    FcPatternAddInteger(pattern, FC_WEIGHT, face == FontFace::bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddString(pattern, FC_LANG, reinterpret_cast<const FcChar8*>(language));
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult status = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &status);
    if (match) {
        FcChar8* file = nullptr;
        FcChar8* matched_family = nullptr;
        int index = 0;
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) result.path = reinterpret_cast<char*>(file);
        if (FcPatternGetString(match, FC_FAMILY, 0, &matched_family) == FcResultMatch)
            result.family = reinterpret_cast<char*>(matched_family);
        if (FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch) result.index = index;
        FcBool outline = FcTrue, colour = FcFalse;
        if (FcPatternGetBool(match, FC_OUTLINE, 0, &outline) == FcResultMatch) result.outline = outline != FcFalse;
        if (FcPatternGetBool(match, FC_COLOR, 0, &colour) == FcResultMatch) result.colour = colour != FcFalse;
        double pixel_size = 0;
        if (FcPatternGetDouble(match, FC_PIXEL_SIZE, 0, &pixel_size) == FcResultMatch) result.pixel_size = pixel_size;
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
    return result;
}

}  // namespace

class FontSet::MappedFile {
public:
    static std::shared_ptr<MappedFile> map(const std::string& path)
    {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return nullptr;
        struct stat st{};
        void* data = MAP_FAILED;
        if (fstat(fd, &st) == 0 && st.st_size > 0)
            data = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data == MAP_FAILED) return nullptr;
        return std::shared_ptr<MappedFile>(new MappedFile(data, static_cast<std::size_t>(st.st_size)));
    }
    ~MappedFile() { munmap(data_, size_); }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // A new font at px reading from the mapping; SDL frees the reader with the font.
    TTF_Font* open_font(int px, int index) const
    {
        SDL_RWops* reader = SDL_RWFromConstMem(data_, static_cast<int>(size_));
        return reader ? TTF_OpenFontIndexRW(reader, 1, px, index) : nullptr;
    }

private:
    MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
    void* data_;
    std::size_t size_;
};

Result<std::unique_ptr<FontSet>> FontSet::open()
{
    if (!FcInit()) return Error{"fontconfig could not start; is the fontconfig package installed?", ErrorKind::environment};
    // Every file is chosen here, so fontconfig's configuration and its caches
    // of every font on the system (half a megabyte and more, mapped) are let
    // go on the way out rather than kept for as long as the screen runs.
    struct Finished {
        ~Finished() { FcFini(); }
    } finished;
    std::unique_ptr<FontSet> set(new FontSet());
    for (const auto& choice : families) {
        for (FontFace face : {FontFace::regular, FontFace::bold}) {
            FontFile file = find_font(choice.family, choice.language, face);
            bool right_family = file.family.rfind(choice.family, 0) == 0;
            if (!right_family && choice.script == Script::latin)
                return Error{std::string("the font \"") + choice.family
                                 + "\" is not installed; install the fonts-noto-core package (platform/build/setup.sh does)",
                             ErrorKind::environment};
            if (!right_family || file.path.empty()) continue;  // that script falls back to Latin, reported as missing glyphs
            // Opened at a nominal size to ask which glyphs it has, when first
            // needed (a CJK face alone is megabytes); sized() opens the sizes text is set in.
            Face& made = set->faces_[{choice.script, face}];
            made.file = file.path;
            made.index = file.index;
            made.script_name = choice.harfbuzz_script;
            made.rtl = choice.rtl;
            // Latin is every script's fallback: it must open now.
            if (choice.script == Script::latin && !nominal(made))
                return Error{"cannot open font " + file.path + ": " + SDL_GetError(), ErrorKind::environment};
        }
    }
    for (const char* family : emoji_families) {
        FontFile file = find_font(family, "en", FontFace::regular);
        if (file.family.rfind(family, 0) != 0 || file.path.empty()) continue;  // not installed: emoji show as missing
        // A bitmap font opens at its one size whatever is asked; opened when an emoji first needs it.
        Face emoji;
        emoji.file = file.path;
        emoji.index = file.index;
        emoji.script_name = "Zyyy";
        emoji.strike = file.outline ? 0 : static_cast<int>(std::lround(file.pixel_size));
        if (!file.outline && emoji.strike <= 0) continue;  // a bitmap font of unknown size cannot be scaled
        emoji.colour = file.colour;
        set->emoji_.push_back(std::move(emoji));
    }
    return set;
}

FontSet::~FontSet() { faces_.clear(); }

TTF_Font* FontSet::nominal(Face& face)
{
    if (face.tried) return face.font.get();
    face.tried = true;
    face.mapped = MappedFile::map(face.file);
    if (!face.mapped) return nullptr;
    face.font.reset(face.mapped->open_font(32, face.index));
    if (!face.font) {
        face.mapped.reset();
        return nullptr;
    }
    if (face.strike > 0) return face.font.get();
    TTF_SetFontScriptName(face.font.get(), face.script_name);
    TTF_SetFontDirection(face.font.get(), face.rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontHinting(face.font.get(), TTF_HINTING_LIGHT);
    return face.font.get();
}

namespace {

bool provides(TTF_Font* font, char32_t cp) { return font && TTF_GlyphIsProvided32(font, cp); }

}  // namespace

FontSet::Face* FontSet::face_for(Script script, FontFace face)
{
    auto it = faces_.find({script, face});
    if (it == faces_.end() || !nominal(it->second)) it = faces_.find({Script::latin, face});
    return &it->second;
}

TTF_Font* FontSet::sized(Face& face, int px)
{
    if (face.strike > 0) return face.font.get();  // one size, scaled when drawn
    auto& sizes = face.sizes;
    auto found = std::find_if(sizes.begin(), sizes.end(), [px](const auto& s) { return s.first == px; });
    if (found == sizes.end()) {
        if (sizes.size() < sizes_kept) {
            sdl::Font font(face.mapped->open_font(px, face.index));
            if (!font) return face.font.get();  // opened once already: only a full memory makes this fail
            TTF_SetFontScriptName(font.get(), face.script_name);
            TTF_SetFontDirection(font.get(), face.rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
            TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
            sizes.emplace_back(px, std::move(font));
        } else {
            TTF_SetFontSize(sizes.back().second.get(), px);  // the least recently used size gives way
            sizes.back().first = px;
        }
        found = sizes.end() - 1;
    }
    std::rotate(sizes.begin(), found, found + 1);
    return sizes.front().second.get();
}

namespace {

int scaled(int length, int px, int strike)
{
    return std::max(1, static_cast<int>(std::lround(static_cast<double>(length) * px / strike)));
}

// A bitmap font's glyphs made the size of the text around them, smoothly:
// halved while more than twice too big, then stretched linearly.
sdl::Surface scale_surface(sdl::Surface from, int w, int h)
{
    while (from && from->w >= 2 * w && from->h >= 2 * h) {
        sdl::Surface half(SDL_CreateRGBSurfaceWithFormat(0, from->w / 2, from->h / 2, 32, SDL_PIXELFORMAT_ARGB8888));
        if (!half || SDL_SoftStretchLinear(from.get(), nullptr, half.get(), nullptr) != 0) return sdl::Surface{};
        from = std::move(half);
    }
    if (!from) return from;
    sdl::Surface to(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!to || SDL_SoftStretchLinear(from.get(), nullptr, to.get(), nullptr) != 0) return sdl::Surface{};
    return to;
}

const FamilyChoice& choice_for(Script script)
{
    for (const auto& c : families)
        if (c.script == script) return c;
    return families[0];
}

}  // namespace

std::vector<FontSet::Piece> FontSet::pieces(const TextRun& run, FontFace face)
{
    Face* own = face_for(run.script, face);
    std::vector<char32_t> cps;
    decode_utf8(run.text, cps);
    std::vector<Piece> out;
    for (char32_t cp : cps) {
        Face* chosen = own;
        // A joiner, variation selector or skin tone stays in the font of the emoji it belongs to.
        bool joins = cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
        if (joins && !out.empty() && provides(nominal(*out.back().face), cp)) chosen = out.back().face;
        else if (cp > ' ' && !provides(nominal(*own), cp)) {
            Face* found = nullptr;
            for (auto& [key, candidate] : faces_) {
                if (key.second == face && provides(nominal(candidate), cp)) {
                    found = &candidate;
                    break;
                }
            }
            for (Face& candidate : emoji_) {
                if (found) break;
                if (provides(nominal(candidate), cp)) found = &candidate;
            }
            if (found) chosen = found;
        }
        if (out.empty() || out.back().face != chosen) out.push_back({{{}, run.script, run.direction}, chosen});
        append_utf8(out.back().run.text, cp);
    }
    return out;
}

TTF_Font* FontSet::prepare(const Piece& piece, int px)
{
    TTF_Font* font = sized(*piece.face, px);
    TTF_SetFontDirection(font, piece.run.direction == TextDirection::rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, choice_for(piece.run.script).harfbuzz_script);
    return font;
}

int FontSet::text_width(std::string_view utf8, FontFace face, int px)
{
    int total = 0;
    for (const TextRun& run : script_runs(utf8)) {
        for (const Piece& piece : pieces(run, face)) {
            int w = 0, h = 0;
            TTF_SizeUTF8(prepare(piece, px), piece.run.text.c_str(), &w, &h);
            total += piece.face->strike > 0 ? scaled(w, px, piece.face->strike) : w;
        }
    }
    return total;
}

int FontSet::line_height(FontFace face, int px)
{
    return TTF_FontLineSkip(sized(*face_for(Script::latin, face), px));
}

std::vector<char32_t> FontSet::missing_glyphs(std::string_view utf8)
{
    std::vector<char32_t> missing;
    for (const TextRun& run : script_runs(utf8)) {
        for (const Piece& piece : pieces(run, FontFace::regular)) {
            std::vector<char32_t> cps;
            decode_utf8(piece.run.text, cps);
            for (char32_t cp : cps)
                // The bidi marks ICU puts in numbers (U+061C before an Arabic sign) are drawn as nothing.
                if (cp > ' ' && cp != 0x061C && cp != 0x200E && cp != 0x200F && !provides(nominal(*piece.face), cp))
                    missing.push_back(cp);
        }
    }
    return missing;
}

sdl::Surface FontSet::render_line(std::string_view utf8, TextDirection paragraph, FontFace face, int px,
                                  sdl::Surface* colour)
{
    const SDL_Color white{255, 255, 255, 255};
    struct Part {
        sdl::Surface surface;
        int ascent;
        bool colour;
    };
    std::vector<Part> parts;
    int width = 0, ascent = 0, descent = 0;
    bool any_colour = false;
    for (const TextRun& run : visual_runs(utf8, paragraph)) {
        auto run_pieces = pieces(run, face);
        // Within a right-to-left run the pieces read right to left too.
        if (run.direction == TextDirection::rtl) std::reverse(run_pieces.begin(), run_pieces.end());
        for (const Piece& piece : run_pieces) {
            TTF_Font* font = prepare(piece, px);
            sdl::Surface part(TTF_RenderUTF8_Blended(font, piece.run.text.c_str(), white));
            if (!part) continue;
            int part_ascent = TTF_FontAscent(font);
            if (int strike = piece.face->strike; strike > 0) {
                part = scale_surface(std::move(part), scaled(part->w, px, strike), scaled(part->h, px, strike));
                if (!part) continue;
                part_ascent = scaled(part_ascent, px, strike);
            }
            width += part->w;
            ascent = std::max(ascent, part_ascent);
            descent = std::max(descent, part->h - part_ascent);
            bool in_colour = colour && piece.face->colour;
            any_colour = any_colour || in_colour;
            parts.push_back({std::move(part), part_ascent, in_colour});
        }
    }
    if (parts.size() == 1 && !any_colour) return std::move(parts.front().surface);
    int height = ascent + descent;
    auto blank = [&] {
        sdl::Surface s(SDL_CreateRGBSurfaceWithFormat(0, std::max(1, width), std::max(1, height), 32, SDL_PIXELFORMAT_ARGB8888));
        if (s) SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 255, 255, 255, 0));
        return s;
    };
    sdl::Surface line = blank();
    if (!line) return line;
    if (any_colour) {
        *colour = blank();
        if (!*colour) return sdl::Surface{};
    }
    // Runs set in different fonts share one baseline.
    int x = 0;
    for (auto& part : parts) {
        SDL_SetSurfaceBlendMode(part.surface.get(), SDL_BLENDMODE_NONE);
        SDL_Rect dst{x, ascent - part.ascent, part.surface->w, part.surface->h};
        SDL_BlitSurface(part.surface.get(), nullptr, part.colour ? colour->get() : line.get(), &dst);
        x += part.surface->w;
    }
    return line;
}

bool FontSet::release_sizes()
{
    bool any = false;
    for (auto& [key, face] : faces_) {
        any = any || !face.sizes.empty();
        face.sizes.clear();
    }
    return any;
}

std::vector<std::string> FontSet::describe() const
{
    std::vector<std::string> out;
    for (const auto& [key, face] : faces_) out.push_back(face.file);
    for (const Face& face : emoji_) out.push_back(face.file);
    return out;
}

}  // namespace placard
