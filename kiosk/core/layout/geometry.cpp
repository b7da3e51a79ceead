#include "core/layout/geometry.h"

#include <charconv>

namespace placard {

std::optional<Size> parse_size(std::string_view text)
{
    auto x = text.find('x');
    if (x == std::string_view::npos) return std::nullopt;
    Size size;
    auto w = std::from_chars(text.data(), text.data() + x, size.width);
    auto h = std::from_chars(text.data() + x + 1, text.data() + text.size(), size.height);
    if (w.ec != std::errc{} || w.ptr != text.data() + x || h.ec != std::errc{} || h.ptr != text.data() + text.size())
        return std::nullopt;
    if (size.width < 64 || size.height < 64 || size.width > 16384 || size.height > 16384) return std::nullopt;
    return size;
}

}  // namespace placard
