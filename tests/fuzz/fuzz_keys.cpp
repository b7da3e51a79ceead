// Key lines and key files as pasted into a config or read from disk.
#include "core/trust/signature.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text = fuzz::text(data, size);
    if (auto key = placard::parse_public_key(text)) {
        // A key that parses is written back as the same key.
        auto again = placard::parse_public_key(placard::public_key_line(*key));
        fuzz::require(again && *again == *key, "a parsed public key round-trips");
    } else {
        fuzz::require(!key.error().message.empty(), "an error says what is wrong");
    }
    if (auto secret = placard::parse_secret_key(text)) (void)placard::public_half(*secret);
    return 0;
}
