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
    // Keeps widths in about max_bytes (each text's bytes and 80 for its
    // entry): when full it starts again rather than growing. Planning the
    // largest feed measures about 20 MB of texts; most hits come from the
    // statement being planned, so 1 MiB plans it in the same time as 4 MiB
    // did (10.3 to 11.1 s of CPU either way) and keeps the kiosk's peak
    // memory down while a feed is planned beside the one on screen.
    explicit MeasureCache(FontMetrics& fonts, std::size_t max_bytes = std::size_t{1} << 20)
        : fonts_(fonts), max_bytes_(max_bytes) {}

    int text_width(std::string_view utf8, FontFace face, int px) override;
    int line_height(FontFace face, int px) override;
    std::vector<char32_t> missing_glyphs(std::string_view utf8) override;

    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }
    void clear();

private:
    FontMetrics& fonts_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;       // of widths_, as counted above
    std::size_t missing_bytes_ = 0;
    std::unordered_map<std::string, int> widths_;  // key: face, size, then the text
    std::unordered_map<std::string, std::vector<char32_t>> missing_;
    std::unordered_map<int, int> heights_;
    std::string key_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

}  // namespace placard
