#include "core/text/measure_cache.h"

namespace placard {
namespace {

// The key reuses one buffer, so a lookup that hits allocates nothing.
void width_key(std::string& key, std::string_view utf8, FontFace face, int px)
{
    key.clear();
    key.push_back(face == FontFace::bold ? 'b' : 'r');
    key.push_back(static_cast<char>(px & 0xFF));
    key.push_back(static_cast<char>((px >> 8) & 0xFF));
    key.append(utf8);
}

}  // namespace

int MeasureCache::text_width(std::string_view utf8, FontFace face, int px)
{
    width_key(key_, utf8, face, px);
    if (auto found = widths_.find(key_); found != widths_.end()) {
        ++hits_;
        return found->second;
    }
    ++misses_;
    if (widths_.size() >= max_entries_) widths_.clear();
    int width = fonts_.text_width(utf8, face, px);
    widths_.emplace(key_, width);
    return width;
}

int MeasureCache::line_height(FontFace face, int px)
{
    int key = px * 2 + (face == FontFace::bold ? 1 : 0);
    if (auto found = heights_.find(key); found != heights_.end()) return found->second;
    int height = fonts_.line_height(face, px);
    heights_.emplace(key, height);
    return height;
}

std::vector<char32_t> MeasureCache::missing_glyphs(std::string_view utf8)
{
    key_.assign(utf8);
    if (auto found = missing_.find(key_); found != missing_.end()) return found->second;
    if (missing_.size() >= max_entries_ / 4) missing_.clear();
    auto missing = fonts_.missing_glyphs(utf8);
    missing_.emplace(key_, missing);
    return missing;
}

void MeasureCache::clear()
{
    widths_.clear();
    missing_.clear();
    heights_.clear();
}

}  // namespace placard
