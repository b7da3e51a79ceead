// The config parser: any bytes give a config or an error, never an exception
// or a crash; the small parsers behind the command-line flags likewise.
//
// Nesting deep enough to overflow a stack takes more bytes than the fuzzer's
// inputs hold (4 KiB), so an input that starts with 0xFF also stands for a
// settings file with one setting nested deep: {"KEY": [[[ REST ]]]}, KEY the
// setting its second byte picks, the depth 1,000 times its third byte (up to
// 255,000), in arrays or, when the second byte's top bit is set, in objects.
#include <string>

#include "core/setup/config.h"
#include "fuzz_input.h"

namespace {

void parse(std::string_view text)
{
    auto config = placard::parse_config(text, "placard.json");
    if (!config) fuzz::require(!config.error().message.empty(), "an error says what is wrong");
    else
        for (const std::string& note : config->notes) fuzz::require(!note.empty(), "a note says what was tidied");
}

std::string deepened(std::string_view input)
{
    const auto key_byte = static_cast<unsigned char>(input[1]);
    const std::string_view key = placard::config_keys[(key_byte & 0x7F) % placard::config_keys.size()];
    const std::size_t depth = 1000 * static_cast<unsigned char>(input[2]);
    const bool objects = key_byte & 0x80;
    const std::string open = objects ? "{\"a\":" : "[", close = objects ? "}" : "]";
    std::string text = "{\"" + std::string(key) + "\": ";
    text.reserve(text.size() + depth * (open.size() + close.size()) + input.size());
    for (std::size_t i = 0; i < depth; ++i) text += open;
    text += input.substr(3);
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text + "}";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    parse(text);
    if (size >= 3 && data[0] == 0xFF) parse(deepened(text));
    if (auto feed = placard::read_feed_setting(text))
        fuzz::require(feed->feed.size() <= size, "the feed setting only loses characters");
    else
        fuzz::require(!feed.error().message.empty(), "a refused feed setting says why");
    (void)placard::parse_size(text);
    (void)placard::parse_languages(text);
    (void)placard::parse_transition(text);
    (void)placard::parse_rotation(text);
    return 0;
}
