// content_html reduced to plain text: any bytes, never a crash.
#include "core/feed/html_text.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text = placard::html_to_text(fuzz::text(data, size));
    // Reducing never makes the text much longer than its markup: entities shrink.
    fuzz::require(text.size() <= 4 * size + 16, "the reduced text is bounded by the input");
    return 0;
}
