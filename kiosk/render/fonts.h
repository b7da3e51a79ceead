#pragma once
// The fonts the slides are set in, found through fontconfig by family name:
// Noto Sans for Latin, Greek and Cyrillic, Noto Naskh Arabic, Noto Sans Hebrew,
// Noto Sans CJK and Noto Sans Devanagari, each in regular and bold; and for
// emoji, where installed, Noto Color Emoji (in colour: a bitmap font with one
// size of glyph, scaled to the text's) and Symbola (in one colour).
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/text/bidi.h"
#include "core/text/text.h"
#include "core/text/text_fit.h"
#include "render/sdl.h"

namespace placard {

class FontSet final : public FontMetrics {
public:
    // Finds and opens the fonts; fails with a message naming the missing
    // family and the package that provides it.
    static Result<std::unique_ptr<FontSet>> open();
    ~FontSet() override;
    FontSet(const FontSet&) = delete;
    FontSet& operator=(const FontSet&) = delete;

    int text_width(std::string_view utf8, FontFace face, int px) override;
    int line_height(FontFace face, int px) override;
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override;

    // A line drawn in white, its runs placed left to right in visual order.
    // colour: where given, glyphs that have colours of their own (emoji) are
    // drawn there instead, in the same place on a surface of the same size, so
    // that tinting the line leaves them as they are; it stays empty when the
    // line has none. Without it they are drawn in the line.
    sdl::Surface render_line(std::string_view utf8, TextDirection paragraph, FontFace face, int px,
                             sdl::Surface* colour = nullptr);

    // Closes the sizes kept open (they open again when next used): for
    // counting what else is left, and for giving memory back. Returns
    // whether any were open.
    bool release_sizes();

    // The font files in use, for the log.
    std::vector<std::string> describe() const;

private:
    // One font file in one weight. Changing a TTF_Font's size throws away its
    // glyph cache, and layout moves between a handful of sizes all the time, so
    // each face keeps a few sizes open, the most recently used first.
    // A font file mapped into memory: FreeType reads glyphs straight from it
    // instead of through a seek and a read call each (which cost more than the
    // shaping), and every size of a face shares the one mapping.
    class MappedFile;
    struct Face {
        std::shared_ptr<MappedFile> mapped;
        sdl::Font font;  // at a nominal size: which glyphs the file has; opened when first needed
        bool tried = false;  // opening it was tried (a face of a script no text uses is never mapped)
        std::string file;
        int index = 0;
        const char* script_name = "";
        bool rtl = false;
        std::vector<std::pair<int, sdl::Font>> sizes;
        int strike = 0;       // a bitmap font's one glyph size in pixels, scaled to the text's; 0 for outlines
        bool colour = false;  // glyphs in colours of their own
    };
    static constexpr std::size_t sizes_kept = 4;
    FontSet() = default;
    Face* face_for(Script script, FontFace face);
    // The face at its nominal size, opened (and its file mapped) the first
    // time it is asked for; null when it cannot be opened.
    static TTF_Font* nominal(Face& face);
    // A run split where its own font lacks a character, each piece with the
    // first font that has it (Noto Sans Hebrew has no comma, for one).
    struct Piece {
        TextRun run;
        Face* face;
    };
    std::vector<Piece> pieces(const TextRun& run, FontFace face);
    TTF_Font* prepare(const Piece& piece, int px);
    TTF_Font* sized(Face& face, int px);

    std::map<std::pair<Script, FontFace>, Face> faces_;
    std::vector<Face> emoji_;  // tried, in order, for what no face of a script has, in either weight
};

}  // namespace placard
