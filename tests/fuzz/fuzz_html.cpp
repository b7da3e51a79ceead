// content_html reduced to plain text, its first picture found, and
// content_text with Markdown reduced: any bytes, never a crash.
#include "core/feed/html_text.h"
#include "core/feed/markup_text.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto input = fuzz::text(data, size);
    std::string text = placard::html_to_text(input);
    // Reducing never makes the text much longer than its markup: entities shrink.
    fuzz::require(text.size() <= 4 * size + 16, "the reduced text is bounded by the input");
    if (auto picture = placard::first_picture(input))
        fuzz::require(!picture->src.empty() && picture->src.size() <= 4 * size, "a picture has an address from the input");
    if (placard::looks_like_markup(input)) {
        std::string plain = placard::markup_to_text(input);
        fuzz::require(plain.size() <= 4 * size + 16, "reduced Markdown is bounded by the input");
    }
    return 0;
}
