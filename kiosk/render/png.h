#pragma once
// Rendering slides off screen, into PNG files: no display needed.
#include <cstdint>
#include <span>
#include <string>

#include "core/layout/layout.h"
#include "core/result.h"
#include "core/layout/theme.h"
#include "render/fonts.h"
#include "render/logo.h"

namespace placard {

// Draws one slide at its layout's screen size with SDL's software renderer and
// writes it to a PNG file.
Result<bool> write_slide_png(FontSet& fonts, const Theme& theme, const SlideLayout& layout, double progress,
                             const std::string& path, Logo* logo = nullptr);

// ARGB8888 pixels, size.width a row, as the bytes of a PNG file.
Result<std::string> encode_png(std::span<const std::uint32_t> pixels, Size size);

}  // namespace placard
