#pragma once
// Text measurements remembered per (face, size, text). Planning a feed lays the
// same words out many times over (every size tried while fitting, every page
// break tried while paging); shaping each run once makes that cheap.
#include <cstddef>
#include <string>
#include <unordered_map>

#include "core/text/text_fit.h"

namespace placard {

class MeasureCache final : public FontMetrics {
public:
    // Keeps at most max_entries widths: when full it starts again rather than
    // growing, so a 4 MiB feed cannot make it large (about 100 bytes an entry).
    explicit MeasureCache(FontMetrics& fonts, std::size_t max_entries = 200000)
        : fonts_(fonts), max_entries_(max_entries) {}

    int text_width(std::string_view utf8, FontFace face, int px) override;
    int line_height(FontFace face, int px) override;
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override;

    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }
    void clear();

private:
    FontMetrics& fonts_;
    std::size_t max_entries_;
    std::unordered_map<std::string, int> widths_;  // key: face, size, then the text
    std::unordered_map<std::string, std::vector<char32_t>> missing_;
    std::unordered_map<int, int> heights_;
    std::string key_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

}  // namespace placard
