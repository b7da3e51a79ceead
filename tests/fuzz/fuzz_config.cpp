// The config parser: any bytes give a config or an error, never an exception
// or a crash; the small parsers behind the command-line flags likewise.
#include "core/setup/config.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    auto config = placard::parse_config(text, "placard.json");
    if (!config) fuzz::require(!config.error().message.empty(), "an error says what is wrong");
    (void)placard::parse_size(text);
    (void)placard::parse_languages(text);
    (void)placard::parse_transition(text);
    (void)placard::parse_rotation(text);
    return 0;
}
