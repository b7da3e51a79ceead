#include "core/text/measure_cache.h"

namespace placard {
namespace {

constexpr std::size_t entry_bytes = 80;  // a map node, its bucket and the key's own allocation, about

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
    if (bytes_ + key_.size() + entry_bytes > max_bytes_) {
        widths_ = {};  // its buckets too
        bytes_ = 0;
    }
    int width = fonts_.text_width(utf8, face, px);
    widths_.emplace(key_, width);
    bytes_ += key_.size() + entry_bytes;
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
    if (missing_bytes_ + key_.size() + entry_bytes > max_bytes_ / 4) {
        missing_ = {};
        missing_bytes_ = 0;
    }
    auto missing = fonts_.missing_glyphs(utf8);
    missing_bytes_ += key_.size() + entry_bytes + missing.size() * sizeof(char32_t);
    missing_.emplace(key_, missing);
    return missing;
}

void MeasureCache::clear()
{
    widths_ = {};
    missing_ = {};
    heights_.clear();
    bytes_ = 0;
    missing_bytes_ = 0;
}

}  // namespace placard
